import { Injectable } from '@nestjs/common';
import { BatchFolder } from '@api/common/queues';
import { ItemStatsRepository } from './item-stats.repository';

/**
 * Adds queued submissions to the item-analysis counters (a submission queues its attempt; see BatchFolder). Readers
 * of the item analysis call `flush()` first.
 */
@Injectable()
export class ItemStatsFolder extends BatchFolder {
  protected readonly what = 'item counters';

  constructor(private readonly repo: ItemStatsRepository) {
    super(500);
  }

  protected foldBatch(limit: number): Promise<number> {
    return this.repo.foldItemStats(limit);
  }
}
