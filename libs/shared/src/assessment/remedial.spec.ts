import { attemptDeadline, endOfVietnamDay, remedialDueDate, remedialItems, remedialOverdue, retestAvailability, RetestFacts, vietnamDate } from './remedial';

describe('Vietnam calendar dates', () => {
  it.each([
    ['2026-11-23T16:59:59Z', '2026-11-23'],
    ['2026-11-23T17:00:00Z', '2026-11-24'],
    ['2026-12-31T17:00:00Z', '2027-01-01'],
    ['2026-11-22T23:00:00Z', '2026-11-23'],
  ])('%s is %s in Vietnam', (at, date) => expect(vietnamDate(new Date(at))).toBe(date));

  it('due date counts calendar days from the Vietnam date, across months and leap days', () => {
    expect(remedialDueDate(new Date('2026-11-23T03:00:00Z'), 14)).toBe('2026-12-07');
    // 23:30 on 23/11 in Vietnam is still the 23rd there even though UTC says 16:30.
    expect(remedialDueDate(new Date('2026-11-23T16:30:00Z'), 1)).toBe('2026-11-24');
    expect(remedialDueDate(new Date('2026-11-23T17:30:00Z'), 1)).toBe('2026-11-25');
    expect(remedialDueDate(new Date('2028-02-20T01:00:00Z'), 10)).toBe('2028-03-01');
    expect(remedialDueDate(new Date('2026-12-25T01:00:00Z'), 14)).toBe('2027-01-08');
  });

  it('refuses a non-positive or fractional number of days', () => {
    expect(() => remedialDueDate(new Date(), 0)).toThrow(RangeError);
    expect(() => remedialDueDate(new Date(), 1.5)).toThrow(RangeError);
  });

  it('the due day ends at 24:00 Vietnam time (17:00 UTC)', () => {
    expect(endOfVietnamDay('2026-12-07').toISOString()).toBe('2026-12-07T17:00:00.000Z');
    expect(endOfVietnamDay('2026-12-31').toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(() => endOfVietnamDay('07/12/2026')).toThrow(RangeError);
  });
});

describe('overdue', () => {
  const a = { status: 'open' as const, dueDate: '2026-12-07', itemsDone: 1, itemsTotal: 2 };
  it('is not overdue during the whole due day', () => expect(remedialOverdue(a, new Date('2026-12-07T16:59:59Z'))).toBe(false));
  it('is overdue from the next day with items left', () => expect(remedialOverdue(a, new Date('2026-12-07T17:00:00Z'))).toBe(true));
  it('is never overdue once everything is done or when closed', () => {
    const later = new Date('2027-01-01T00:00:00Z');
    expect(remedialOverdue({ ...a, itemsDone: 2 }, later)).toBe(false);
    expect(remedialOverdue({ ...a, status: 'closed' }, later)).toBe(false);
  });
});

describe('retest availability', () => {
  const round = { opensAt: new Date('2026-11-01T00:00:00Z'), closesAt: new Date('2026-11-30T00:00:00Z'), archived: false };
  const facts: RetestFacts = { status: 'open', itemsDone: 3, itemsTotal: 3, retestUsed: false, dueDate: '2026-12-07', round };

  it('is available once every item is done, while the round is open, until the later of close and due date', () => {
    expect(retestAvailability(facts, new Date('2026-11-20T00:00:00Z'))).toEqual({ available: true, windowEnd: new Date('2026-12-07T17:00:00Z') });
  });
  it('after the round closed, until the end of the due date', () => {
    expect(retestAvailability(facts, new Date('2026-12-07T16:59:00Z')).available).toBe(true);
    expect(retestAvailability(facts, new Date('2026-12-07T17:00:00Z'))).toEqual({ available: false, reason: 'window_passed' });
  });
  it('a due date before the close does not cut the open round short', () => {
    const r = retestAvailability({ ...facts, dueDate: '2026-11-10' }, new Date('2026-11-20T00:00:00Z'));
    expect(r).toEqual({ available: true, windowEnd: round.closesAt });
  });
  it.each([
    [{ itemsDone: 2 }, 'items_pending'],
    [{ retestUsed: true }, 'used'],
    [{ status: 'closed' as const }, 'closed'],
    [{ round: { ...round, archived: true } }, 'closed'],
  ])('refused when %p', (over, reason) => {
    expect(retestAvailability({ ...facts, ...over }, new Date('2026-11-20T00:00:00Z'))).toEqual({ available: false, reason });
  });
  it('not before the round opens', () => {
    expect(retestAvailability(facts, new Date('2026-10-01T00:00:00Z'))).toEqual({ available: false, reason: 'not_open_yet' });
  });
  it('an assignment without items needs nothing before the re-test', () => {
    expect(retestAvailability({ ...facts, itemsDone: 0, itemsTotal: 0 }, new Date('2026-11-20T00:00:00Z')).available).toBe(true);
  });
});

describe('attempt deadline', () => {
  const now = new Date('2026-12-07T16:00:00Z');
  it('is the time limit when the window is wider', () => expect(attemptDeadline(now, 30, new Date('2026-12-07T17:00:00Z'))).toEqual(new Date('2026-12-07T16:30:00Z')));
  it('is cut at the window end', () => expect(attemptDeadline(now, 90, new Date('2026-12-07T17:00:00Z'))).toEqual(new Date('2026-12-07T17:00:00Z')));
});

describe('remedial items', () => {
  it('lists each lesson and document once, lessons before documents within a topic, first topic wins', () => {
    expect(
      remedialItems([
        { topicId: 'T1', lessonIds: ['L1', 'L2'], documentIds: ['D1'] },
        { topicId: 'T2', lessonIds: ['L2', 'L3'], documentIds: ['D1', 'D2'] },
      ]),
    ).toEqual([
      { kind: 'lesson', refId: 'L1', topicId: 'T1' },
      { kind: 'lesson', refId: 'L2', topicId: 'T1' },
      { kind: 'document', refId: 'D1', topicId: 'T1' },
      { kind: 'lesson', refId: 'L3', topicId: 'T2' },
      { kind: 'document', refId: 'D2', topicId: 'T2' },
    ]);
  });
  it('a lesson and a document may share an id without colliding', () => {
    expect(remedialItems([{ topicId: 'T', lessonIds: ['X'], documentIds: ['X'] }])).toHaveLength(2);
  });
  it('nothing to re-study gives no items', () => expect(remedialItems([{ topicId: 'T', lessonIds: [], documentIds: [] }])).toEqual([]));
});
