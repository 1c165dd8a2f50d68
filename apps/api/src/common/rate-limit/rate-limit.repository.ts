import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Per-client counters in fixed windows on the database's clock, so every API process counts together. */
@Injectable()
export class RateLimitRepository {
  constructor(private readonly db: DataSource) {}

  /** Counts one request; answers the count in the current window and the seconds until the window ends. */
  async hit(bucket: string, client: string, windowSeconds: number): Promise<{ hits: number; secondsLeft: number }> {
    const rows: { hits: number; secondsLeft: number }[] = await this.db.query(
      `INSERT INTO rate_limit_hit AS r (bucket, client, window_start, hits)
       VALUES ($1, $2, to_timestamp(floor(extract(epoch FROM now()) / $3) * $3), 1)
       ON CONFLICT (bucket, client, window_start) DO UPDATE SET hits = r.hits + 1
       RETURNING r.hits, extract(epoch FROM r.window_start + make_interval(secs => $3) - now())::float8 AS "secondsLeft"`,
      [bucket, client, windowSeconds],
    );
    return rows[0];
  }

  /** Drops windows that ended long ago. */
  async prune(olderThanSeconds: number): Promise<void> {
    await this.db.query(`DELETE FROM rate_limit_hit WHERE window_start < now() - make_interval(secs => $1)`, [olderThanSeconds]);
  }
}
