import { ApiError, CLIENT_ERROR_CODES } from '../api/client';
import { MemoryStorage } from '../test-support/memory-storage';
import { AnswerQueue } from './answer-queue';
import { saveAnswer } from './api';

jest.mock('./api', () => ({ saveAnswer: jest.fn() }));
const save = saveAnswer as jest.MockedFunction<typeof saveAnswer>;

/** The server as the queue sees it: what it stored, and a switch for the link. */
function fakeServer() {
  const stored = new Map<string, { choice: string[]; seq: number }>();
  const state = { online: true, closed: false, calls: 0 };
  save.mockImplementation(async (_attemptId, questionId, choice, seq) => {
    state.calls++;
    if (!state.online) throw new ApiError(0, CLIENT_ERROR_CODES.network, 'Không kết nối được máy chủ.');
    if (state.closed) throw new ApiError(409, 'ATTEMPT_SUBMITTED', 'Bài đã nộp.');
    const current = stored.get(questionId);
    if (current && current.seq >= seq) return { questionId, seq: current.seq, stale: true };
    stored.set(questionId, { choice, seq });
    return { questionId, seq, stale: false };
  });
  return { stored, state };
}

describe('the offline answer queue', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    (globalThis as { localStorage?: Storage }).localStorage = storage;
    save.mockReset();
  });

  it('sends an answer at once and marks it saved', async () => {
    const server = fakeServer();
    const q = new AnswerQueue('att-1', 0);
    q.answer('q1', ['b']);
    await q.flush();
    expect(server.stored.get('q1')?.choice).toEqual(['b']);
    expect(q.get('q1')?.state).toBe('saved');
    expect(q.pendingCount()).toBe(0);
    expect(q.answeredCount()).toBe(1);
  });

  it('without a connection keeps answers pending on the device, survives a reload, and sends them when the link returns', async () => {
    const server = fakeServer();
    server.state.online = false;
    const q = new AnswerQueue('att-1', 0);
    q.answer('q1', ['a']);
    q.answer('q2', ['c']);
    await q.flush();
    expect(q.pendingCount()).toBe(2);
    expect(server.stored.size).toBe(0);

    // A reload: a new queue reads the device's copy; an answer caught "saving" is pending again.
    const raw = JSON.parse(storage.getItem('cchc.attempt.att-1')!);
    raw.q2.state = 'saving';
    storage.setItem('cchc.attempt.att-1', JSON.stringify(raw));
    const reloaded = new AnswerQueue('att-1', 0);
    expect(reloaded.pendingCount()).toBe(2);
    expect(reloaded.get('q2')).toMatchObject({ choice: ['c'], state: 'pending' });

    server.state.online = true;
    await reloaded.flush();
    expect([...server.stored.entries()].map(([id, a]) => [id, a.choice])).toEqual([
      ['q1', ['a']],
      ['q2', ['c']],
    ]);
    expect(reloaded.pendingCount()).toBe(0);
  });

  it('sequence numbers only grow, so a later answer to the same question always wins on the server', async () => {
    const server = fakeServer();
    server.state.online = false;
    const q = new AnswerQueue('att-1', 0);
    q.answer('q1', ['a']);
    const first = q.get('q1')!.seq;
    q.answer('q1', ['d']);
    expect(q.get('q1')!.seq).toBeGreaterThan(first);
    server.state.online = true;
    await q.flush();
    expect(server.stored.get('q1')).toEqual({ choice: ['d'], seq: q.get('q1')!.seq });
    // A queue created after a reload continues above what it had.
    const before = server.stored.get('q1')!.seq;
    const again = new AnswerQueue('att-1', 0);
    again.answer('q1', ['b']);
    expect(again.get('q1')!.seq).toBeGreaterThan(before);
    await again.flush();
    expect(server.stored.get('q1')?.choice).toEqual(['b']);
  });

  it('an answer changed while the previous one was in flight is sent next, not lost', async () => {
    const server = fakeServer();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const real = save.getMockImplementation()!;
    save.mockImplementationOnce(async (...args) => {
      await gate;
      return real(...args);
    });
    const q = new AnswerQueue('att-1', 0);
    q.answer('q1', ['a']); // starts flushing, held at the gate
    q.answer('q1', ['b']); // a newer choice while the first is in flight
    release();
    // The queue keeps flushing until nothing is pending.
    for (let i = 0; i < 5 && q.pendingCount() > 0; i++) await q.flush();
    expect(server.stored.get('q1')?.choice).toEqual(['b']);
    expect(q.get('q1')?.state).toBe('saved');
  });

  it('answers already on the server (another device) fill in, but never replace a newer answer of this device', () => {
    fakeServer();
    const q = new AnswerQueue('att-1', 0);
    q.answer('q1', ['c']);
    const mine = q.get('q1')!.seq;
    q.mergeServer([
      { questionId: 'q1', choice: ['a'], seq: mine - 1 },
      { questionId: 'q2', choice: ['b'], seq: 5 },
    ]);
    expect(q.get('q1')).toMatchObject({ choice: ['c'], seq: mine });
    expect(q.get('q2')).toEqual({ choice: ['b'], seq: 5, state: 'saved' });
  });

  it('stops sending when the server says the attempt is closed, and forget() clears the device', async () => {
    const server = fakeServer();
    server.state.closed = true;
    const q = new AnswerQueue('att-1', 0);
    q.answer('q1', ['a']);
    await q.flush();
    expect(q.closed).toBe(true);
    const calls = server.state.calls;
    q.answer('q2', ['b']);
    await q.flush();
    expect(server.state.calls).toBe(calls);
    q.forget();
    expect(storage.getItem('cchc.attempt.att-1')).toBeNull();
  });
});
