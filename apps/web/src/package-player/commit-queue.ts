/**
 * Runtime commits of a package lesson, kept in localStorage until the server has them (the test page's answer queue,
 * for e-lectures): a dropped link, a closed tab or a reload re-sends what is pending, in order. Every commit carries
 * the whole CMI data of its item, so only the newest pending commit of an item matters (a terminate is kept).
 */
import type { PackageCommitRequestDto, PackageCommitResultDto } from '@cchc/shared';
import { ApiError, CLIENT_ERROR_CODES } from '../api/client';

export type QueueState = 'saved' | 'saving' | 'offline' | 'refused';

interface Stored {
  pending: PackageCommitRequestDto[];
}

const storageKey = (lessonId: string) => `cchc.package.${lessonId}`;

export class CommitQueue {
  private pending: PackageCommitRequestDto[];
  private readonly lastSeq = new Map<string, number>();
  private running: Promise<void> | null = null;
  private again: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();
  state: QueueState = 'saved';
  refusal: string | null = null;
  /** Called with each answer the server gives (lesson completed, course completed). */
  onResult: (result: PackageCommitResultDto) => void = () => undefined;

  constructor(
    private readonly lessonId: string,
    private readonly send: (body: PackageCommitRequestDto) => Promise<PackageCommitResultDto>,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = localStorage,
  ) {
    this.pending = this.load().pending;
    for (const c of this.pending) this.lastSeq.set(c.itemId, Math.max(this.lastSeq.get(c.itemId) ?? 0, c.seq));
    if (this.pending.length) this.state = 'offline';
  }

  private load(): Stored {
    try {
      const parsed = JSON.parse(this.storage.getItem(storageKey(this.lessonId)) ?? '{}') as Partial<Stored>;
      return { pending: Array.isArray(parsed.pending) ? parsed.pending : [] };
    } catch {
      return { pending: [] };
    }
  }

  private persist(): void {
    try {
      if (this.pending.length) this.storage.setItem(storageKey(this.lessonId), JSON.stringify({ pending: this.pending }));
      else this.storage.removeItem(storageKey(this.lessonId));
    } catch {
      /* storage full or private mode: commits still go out while online */
    }
  }

  /** What the server already holds: the next commit of an item is numbered after it. */
  knowServerSeq(itemId: string, seq: number): void {
    this.lastSeq.set(itemId, Math.max(this.lastSeq.get(itemId) ?? 0, seq));
  }

  pendingCount(): number {
    return this.pending.length;
  }

  /** The newest CMI this device holds for an item and has not yet sent (to resume from on this device). */
  pendingCmi(itemId: string): PackageCommitRequestDto | null {
    return [...this.pending].reverse().find((c) => c.itemId === itemId) ?? null;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  add(commit: Omit<PackageCommitRequestDto, 'seq'>): void {
    const seq = (this.lastSeq.get(commit.itemId) ?? 0) + 1;
    this.lastSeq.set(commit.itemId, seq);
    const last = this.pending[this.pending.length - 1];
    // A newer commit of the same item replaces an unsent one, unless that one ended a session.
    if (last && last.itemId === commit.itemId && !last.terminated && this.running === null) this.pending.pop();
    this.pending.push({ ...commit, seq });
    this.persist();
    void this.flush();
  }

  flush(): Promise<void> {
    if (this.running) {
      this.again ??= this.running.then(() => {
        this.again = null;
        return this.flush();
      });
      return this.again;
    }
    this.running = this.sendAll().finally(() => {
      this.running = null;
      this.emit();
    });
    return this.running;
  }

  private async sendAll(): Promise<void> {
    while (this.pending.length) {
      const next = this.pending[0];
      this.state = 'saving';
      this.emit();
      try {
        const result = await this.send(next);
        this.refusal = null;
        this.onResult(result);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code === CLIENT_ERROR_CODES.network || error.status >= 500 || error.status === 0) {
          this.state = 'offline';
          return;
        }
        // A refusal that will not change on retry (the attempt ended, the package was replaced): do not loop on it.
        this.refusal = error.message;
      }
      this.pending.shift();
      this.persist();
    }
    this.state = this.refusal ? 'refused' : 'saved';
  }
}
