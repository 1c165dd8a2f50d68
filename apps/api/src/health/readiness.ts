import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { migrationState } from '@api/database';

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

/**
 * Whether this node may take traffic: the database answers and its schema is exactly this release's. Checked on a
 * connection of its own, not the request pool: under a burst every pooled connection is busy, and a check queued
 * behind the requests would time out and make the load balancer take working nodes out (all at once, in a
 * synchronised start).
 */
@Injectable()
export class Readiness implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(db: DataSource) {
    this.pool = new Pool({ connectionString: (db.options as { url?: string }).url, max: 1, application_name: 'cchc-learn-ready', connectionTimeoutMillis: 2000 });
    this.pool.on('error', () => undefined); // a dropped idle connection; the next check reconnects
  }

  /** null when ready, otherwise why not. */
  async check(): Promise<string | null> {
    try {
      const state = await within(migrationState({ query: (sql: string) => this.pool.query(sql).then((r) => r.rows) }), 2000);
      if (state.unknown.length) return `database migrated by a newer release (${state.unknown.join(', ')})`;
      if (state.pending.length) return `migrations not applied yet (${state.pending.join(', ')})`;
      return null;
    } catch (e) {
      return `database unreachable (${(e as Error).message})`;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
