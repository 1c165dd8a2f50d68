import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ItemStatsRepository } from './item-stats.repository';

const BATCH = 500;

/**
 * Adds queued submissions to the item-analysis counters. A submission queues its attempt and calls `schedule()`; a
 * moment later one drain folds everything queued (its own and any other instance's) in batches, so a burst of
 * 10,000 submissions costs a few dozen counter updates instead of 400,000 contended ones. Readers call `flush()`
 * first, so the item analysis always includes every submission committed before it was asked for.
 */
@Injectable()
export class ItemStatsFolder implements OnModuleDestroy {
  private readonly logger = new Logger('ItemStatsFolder');
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly repo: ItemStatsRepository) {}

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
    while ((await this.repo.foldItemStats(BATCH)) > 0) {
      /* next batch */
    }
  }

  private async drain(): Promise<void> {
    try {
      await this.flush();
    } catch (e) {
      // Nothing is lost: the queue keeps the attempts, and the next submission or read folds them.
      if (!this.closed) this.logger.warn(`item counters not folded yet: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.draining;
  }
}
