import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The queue of stored files whose owner is gone (filled by a trigger when package file rows are deleted). */
@Injectable()
export class FileCleanupRepository {
  constructor(private readonly db: DataSource) {}

  /** Up to `limit` queued keys, oldest first, skipping ones another node is removing right now. */
  async take(limit: number): Promise<string[]> {
    const rows: { file_key: string }[] = await this.db.query(`SELECT file_key FROM file_cleanup ORDER BY queued_at, file_key LIMIT $1`, [limit]);
    return rows.map((r) => r.file_key);
  }

  async done(keys: string[]): Promise<void> {
    if (keys.length) await this.db.query(`DELETE FROM file_cleanup WHERE file_key = ANY($1::varchar[])`, [keys]);
  }

  async failed(key: string, error: string): Promise<void> {
    await this.db.query(`UPDATE file_cleanup SET tries = tries + 1, last_error = $2 WHERE file_key = $1`, [key, error.slice(0, 500)]);
  }

  async pending(): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM file_cleanup`);
    return row.n as number;
  }
}
