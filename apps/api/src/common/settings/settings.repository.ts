import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The one place that reads and writes `app_setting` (instance-wide values such as generated secrets). */
@Injectable()
export class SettingsRepository {
  constructor(private readonly db: DataSource) {}

  async get(key: string): Promise<string | null> {
    const rows: { value: string }[] = await this.db.query('SELECT value FROM app_setting WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  /** Inserts unless another instance got there first; returns the stored value either way. */
  async getOrCreate(key: string, value: string): Promise<string> {
    const rows: { value: string }[] = await this.db.query(
      `WITH ins AS (INSERT INTO app_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING value)
       SELECT value FROM ins UNION ALL SELECT value FROM app_setting WHERE key = $1 LIMIT 1`,
      [key, value],
    );
    return rows[0]?.value ?? (await this.get(key))!;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.query(`INSERT INTO app_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [key, value]);
  }
}
