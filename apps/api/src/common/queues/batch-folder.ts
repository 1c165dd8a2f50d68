import { Logger, OnModuleDestroy } from '@nestjs/common';

/**
 * Applies a queue that writers fill inside their own transactions (an insert no one else touches) to the aggregates it
 * feeds, in batches. A writer calls `schedule()` after commit; a moment later one drain folds everything queued (its
 * own and any other instance's), so a burst of 10,000 writes costs a few dozen batch updates instead of 10,000
 * contended ones. Readers of the aggregates call `flush()` first, so they see every write committed before they asked.
 */
export abstract class BatchFolder implements OnModuleDestroy {
  private readonly logger = new Logger(this.constructor.name);
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
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
        if (this.again) {
          this.again = false;
          this.schedule(0);
        }
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
      await this.flush();
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
