import { BatchFolder } from './batch-folder';

/** A queue in memory; each fold takes up to `limit` entries and records how many it took. */
class ListFolder extends BatchFolder {
  protected readonly what = 'test entries';
  readonly queue: number[] = [];
  readonly folded: number[] = [];
  /** Entries that arrive while a fold runs (as other writers' commits would). */
  arriving: number[] = [];

  constructor(batch: number) {
    super(batch);
  }

  protected async foldBatch(limit: number): Promise<number> {
    const taken = this.queue.splice(0, limit);
    if (taken.length) this.folded.push(taken.length);
    await Promise.resolve();
    if (this.arriving.length) {
      this.queue.push(...this.arriving);
      this.arriving = [];
      this.schedule(); // their writers schedule after commit
    }
    return taken.length;
  }
}

/** Moves the clock on, then a few milliseconds more, one at a time, so a drain that follows at once (a timer of 0, run after 1 ms) runs too. */
async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 5; i++) await jest.advanceTimersByTimeAsync(1);
}

describe('BatchFolder', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('folds a burst in one batch a moment after the first write', async () => {
    const f = new ListFolder(500);
    for (let i = 0; i < 40; i++) {
      f.queue.push(i);
      f.schedule();
    }
    await jest.advanceTimersByTimeAsync(199);
    expect(f.folded).toEqual([]);
    await advance(1);
    expect(f.folded).toEqual([40]);
  });

  it('leaves what arrives during a fold to the next drain a moment later, instead of folding it at once in a small batch', async () => {
    const f = new ListFolder(500);
    f.queue.push(1, 2, 3);
    f.arriving = [4, 5];
    f.schedule();
    await advance(200);
    expect(f.folded).toEqual([3]);
    f.queue.push(6, 7, 8); // still arriving in the meantime
    await advance(150);
    expect(f.folded).toEqual([3]);
    await advance(50);
    expect(f.folded).toEqual([3, 5]);
    expect(f.queue).toEqual([]);
  });

  it('works through a backlog batch after batch without waiting', async () => {
    const f = new ListFolder(500);
    f.queue.push(...Array.from({ length: 1200 }, (_, i) => i));
    f.schedule();
    await advance(200);
    expect(f.folded).toEqual([500, 500, 200]);
  });

  it('flush folds everything queued, however much', async () => {
    const f = new ListFolder(500);
    f.queue.push(...Array.from({ length: 1100 }, (_, i) => i));
    await f.flush();
    expect(f.folded).toEqual([500, 500, 100]);
    expect(f.queue).toEqual([]);
  });
});
