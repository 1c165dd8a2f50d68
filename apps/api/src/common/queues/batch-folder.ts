import { Logger, OnModuleDestroy } from '@nestjs/common';

/**
 * Applies a queue that writers fill inside their own transactions (an insert no one else touches) to the aggregates it
 * feeds, in batches. A writer calls `schedule()` after commit; a moment later a drain folds what is queued (its own and
 * any other instance's), so a burst of 10,000 writes costs a few dozen batch updates instead of 10,000 contended ones.
 * A drain folds one batch: a full one (a backlog) is followed at once by the next, but what was queued while it ran
 * waits for the next drain, the same moment later — a steady stream of writes is folded in batches of what arrived in
 * that time, not in a run of tiny batches each paying the fold's fixed cost. Readers of the aggregates call `flush()`
 * first, so they see every write committed before they asked.
 */
export abstract class BatchFolder implements OnModuleDestroy {
  private readonly logger = new Logger(this.constructor.name);
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private backlog = false;
  private closed = false;

  protected constructor(private readonly batch: number) {}

  /** Folds up to `limit` queued entries; answers how many it folded (0 when the queue is empty). */
  protected abstract foldBatch(limit: number): Promise<number>;

  /** What the warning says is late when a background drain fails (the queue keeps the entries). */
  protected abstract readonly what: string;

  /** Folds soon (coalescing the calls of a burst into one drain). */
  schedule(delayMs = 200): void {
    if (this.closed) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.draining = this.drain().finally(() => {
        this.draining = null;
        const [backlog, again] = [this.backlog, this.again];
        this.backlog = this.again = false;
        if (backlog) this.schedule(0);
        else if (again) this.schedule();
      });
    }, delayMs);
    this.timer.unref?.();
  }

  /** Folds everything queued now. */
  async flush(): Promise<void> {
    while ((await this.foldBatch(this.batch)) > 0) {
      /* next batch */
    }
  }

  private async drain(): Promise<void> {
    try {
      this.backlog = (await this.foldBatch(this.batch)) >= this.batch;
    } catch (e) {
      // Nothing is lost: the queue keeps the entries, and the next write or read folds them.
      if (!this.closed) this.logger.warn(`${this.what} not folded yet: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.draining;
  }
}
