import type { AttemptDto } from '@cchc/shared';
import { MemoryStorage } from '../test-support/memory-storage';
import { dropSnapshot, keepSnapshot, readSnapshot } from './attempt-snapshot';

const attempt = (over: Partial<AttemptDto> = {}): AttemptDto => ({
  id: 'att-1',
  roundId: 'r-1',
  roundName: 'Kiểm tra quý IV',
  number: 1,
  startedAt: '2026-12-06T01:00:00.000Z',
  deadlineAt: '2026-12-06T01:30:00.000Z',
  serverNow: '2026-12-06T01:10:00.000Z',
  submittedAt: null,
  questions: [{ questionId: 'q1', topicId: 't1', type: 'single' as AttemptDto['questions'][number]['type'], format: 'plain' as AttemptDto['questions'][number]['format'], stem: 'Câu hỏi?', options: [{ id: 'a', text: 'A' }] }],
  answers: [],
  ...over,
});

describe('the attempt kept on the device for an offline reload', () => {
  it('comes back with the server clock moved on by the time passed on this device', () => {
    const storage = new MemoryStorage();
    // This device's clock is 5 s behind the server's.
    keepSnapshot(attempt(), Date.parse('2026-12-06T01:09:55.000Z'), storage);
    const back = readSnapshot('att-1', Date.parse('2026-12-06T01:14:55.000Z'), storage);
    expect(back).toEqual({ ...attempt(), serverNow: '2026-12-06T01:15:00.000Z' });
  });

  it('a submitted attempt is not kept, and dropping removes it', () => {
    const storage = new MemoryStorage();
    keepSnapshot(attempt(), Date.now(), storage);
    keepSnapshot(attempt({ submittedAt: '2026-12-06T01:20:00.000Z' }), Date.now(), storage);
    expect(readSnapshot('att-1', Date.now(), storage)).toBeNull();
    keepSnapshot(attempt(), Date.now(), storage);
    dropSnapshot('att-1', storage);
    expect(storage.length).toBe(0);
  });

  it('nothing kept, another attempt or a damaged copy reads as null', () => {
    const storage = new MemoryStorage();
    expect(readSnapshot('att-1', Date.now(), storage)).toBeNull();
    storage.setItem('cchc.attempt.att-1.snapshot', '{"attempt":');
    expect(readSnapshot('att-1', Date.now(), storage)).toBeNull();
    storage.setItem('cchc.attempt.att-1.snapshot', JSON.stringify({ attempt: attempt({ id: 'att-2' }), offsetMs: 0 }));
    expect(readSnapshot('att-1', Date.now(), storage)).toBeNull();
  });
});
