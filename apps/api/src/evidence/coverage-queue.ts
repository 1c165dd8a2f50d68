import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BatchFolder } from '@api/common/queues';
import { ReadReplica } from '@api/read-replica';

/** The queue of people whose test passes have not reached coverage yet (migration 1763800024000). */
@Injectable()
export class CoverageQueueRepository {
  constructor(
    private readonly db: DataSource,
    private readonly reads: ReadReplica,
  ) {}

  /** Refreshes up to `limit` queued people for every active target; answers how many. */
  async fold(limit: number): Promise<number> {
    const [row] = await this.db.query(`SELECT coverage_fold_pending($1) AS n`, [limit]);
    // Coverage was just changed on the primary: this request's reads use the standby only once it has replayed that far.
    if (row.n > 0) await this.reads.needPrimaryState();
    return row.n;
  }
}

/**
 * Brings coverage up to date with test passes. A submission's pass queues its person instead of refreshing every
 * target inside the submission; this folds the queue soon after, in batches, and coverage reads call `flush()` first.
 */
@Injectable()
export class CoverageQueue extends BatchFolder {
  protected readonly what = 'coverage of recent test passes';

  constructor(private readonly repo: CoverageQueueRepository) {
    super(500);
  }

  protected foldBatch(limit: number): Promise<number> {
    return this.repo.fold(limit);
  }
}
