/**
 * Answers given during an attempt, kept in localStorage until the server has acknowledged them, so a commune office's
 * weak link loses nothing: a dropped request, a closed tab or a reload re-sends what is pending. Each answer carries
 * a sequence number that only grows (the server's clock plus a counter), so a retried or late save never overwrites
 * a newer answer on the server.
 */
import { ApiError, CLIENT_ERROR_CODES } from '../api/client';
import { saveAnswer } from './api';

export type AnswerState = 'pending' | 'saving' | 'saved';

export interface QueuedAnswer {
  choice: string[];
  seq: number;
  state: AnswerState;
}

type Store = Record<string, QueuedAnswer>;

const storageKey = (attemptId: string) => `cchc.attempt.${attemptId}`;

function load(attemptId: string): Store {
  try {
    return JSON.parse(localStorage.getItem(storageKey(attemptId)) ?? '{}') as Store;
  } catch {
    return {};
  }
}

export class AnswerQueue {
  private store: Store;
  private lastSeq = 0;
  private running: Promise<void> | null = null;
  private again: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();
  /** Refusals the learner must know about (the attempt was closed by the server). */
  closed = false;

  constructor(
    private readonly attemptId: string,
    private readonly serverOffsetMs: number,
  ) {
    this.store = load(attemptId);
    for (const a of Object.values(this.store)) {
      this.lastSeq = Math.max(this.lastSeq, a.seq);
      if (a.state === 'saving') a.state = 'pending';
    }
  }

  /** What the server already has (on resume from another device) fills in answers this device never saw. */
  mergeServer(answers: { questionId: string; choice: string[]; seq: number }[]): void {
    for (const a of answers) {
      this.lastSeq = Math.max(this.lastSeq, a.seq);
      const mine = this.store[a.questionId];
      if (!mine || mine.seq <= a.seq) this.store[a.questionId] = { choice: a.choice, seq: a.seq, state: 'saved' };
    }
    this.persist();
  }

  get(questionId: string): QueuedAnswer | undefined {
    return this.store[questionId];
  }

  pendingCount(): number {
    return Object.values(this.store).filter((a) => a.state !== 'saved').length;
  }

  answeredCount(): number {
    return Object.values(this.store).filter((a) => a.choice.length > 0).length;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  answer(questionId: string, choice: string[]): void {
    this.lastSeq = Math.max(this.lastSeq + 1, Date.now() + this.serverOffsetMs);
    this.store[questionId] = { choice, seq: this.lastSeq, state: 'pending' };
    this.persist();
    void this.flush();
  }

  /**
   * Sends every pending answer, one at a time; stops at the first network failure and waits for the next call. A call
   * while a pass is running gets one more pass right after it (so nothing answered or reconnected meanwhile waits).
   */
  flush(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.again ??= this.running.then(() => {
        this.again = null;
        return this.flush();
      });
      return this.again;
    }
    this.running = this.send().finally(() => {
      this.running = null;
      this.emit();
    });
    return this.running;
  }

  private async send(): Promise<void> {
    for (;;) {
      const next = Object.entries(this.store).find(([, a]) => a.state === 'pending');
      if (!next) return;
      const [questionId, answer] = next;
      answer.state = 'saving';
      this.emit();
      try {
        const res = await saveAnswer(this.attemptId, questionId, answer.choice, answer.seq);
        const current = this.store[questionId];
        // A newer answer given while this one was in flight stays pending and goes next.
        if (current.seq <= res.seq) current.state = 'saved';
        else if (current.state === 'saving') current.state = 'pending';
      } catch (error) {
        const current = this.store[questionId];
        if (current.state === 'saving') current.state = 'pending';
        if (error instanceof ApiError && error.code === 'ATTEMPT_SUBMITTED') {
          // The server closed the attempt (deadline): stop here. Sending on would repeat this refusal forever.
          this.closed = true;
          this.persist();
          return;
        } else if (!(error instanceof ApiError) || error.code === CLIENT_ERROR_CODES.network || error.status >= 500 || error.status === 0) {
          this.persist();
          return;
        } else current.state = 'saved'; // a refusal that will not change on retry: do not loop on it
      }
      this.persist();
    }
  }

  forget(): void {
    try {
      localStorage.removeItem(storageKey(this.attemptId));
    } catch {
      /* private mode */
    }
  }

  private persist(): void {
    try {
      localStorage.setItem(storageKey(this.attemptId), JSON.stringify(this.store));
    } catch {
      /* storage full or private mode: the answer is still sent */
    }
    this.emit();
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}
