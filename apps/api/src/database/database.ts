import path from 'node:path';
import type { EmbeddedServer } from './embedded-postgres.mjs';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@cchc/migrations';
import { ENTITIES } from './entities';

/** `poolSize`: AppConfig.dbPoolSize for the app; scripts and tests pass their own `extra`. */
export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    // Enough for bursts of concurrent requests on one instance; several instances share max_connections.
    extra: { max: poolSize, application_name: 'cchc-learn' },
  };
}

/** Migrations this release knows, against those recorded in the database. */
export interface MigrationState {
  /** Known here, not applied yet. */
  pending: string[];
  /** Applied by some other (newer) release: this one must not serve that schema. */
  unknown: string[];
}

type Queryable = { query: (sql: string) => Promise<unknown> };

export async function migrationState(db: Queryable): Promise<MigrationState> {
  const known = MIGRATIONS.map((m) => new m().name ?? m.name);
  const [{ exists }] = (await db.query(`SELECT to_regclass('public.migrations') IS NOT NULL AS exists`)) as { exists: boolean }[];
  const applied = exists ? ((await db.query('SELECT name FROM migrations')) as { name: string }[]).map((r) => r.name) : [];
  const done = new Set(applied);
  const here = new Set(known);
  return { pending: known.filter((n) => !done.has(n)), unknown: applied.filter((n) => !here.has(n)) };
}

export class NewerSchemaError extends Error {
  constructor(unknown: string[]) {
    super(
      `the database was migrated by a newer release (migrations unknown to this one: ${unknown.join(', ')}). ` +
        'This node refuses to serve it: start the newer release, or revert those migrations with the newer release first.',
    );
  }
}

/**
 * Applies pending migrations. An advisory lock lets several API nodes start at once safely: the first migrates, the
 * others wait on the lock and then find nothing pending. A database migrated by a newer release is refused.
 */
export async function migrate(url: string, log: (m: string) => void = () => {}): Promise<void> {
  const ds = new DataSource({ ...dataSourceOptions(url), extra: { max: 2 } });
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock(727001)');
    const state = await migrationState(ds);
    if (state.unknown.length) throw new NewerSchemaError(state.unknown);
    const applied = await ds.runMigrations({ transaction: 'each' });
    for (const m of applied) log(`applied migration ${m.name}`);
  } finally {
    await ds.query('SELECT pg_advisory_unlock(727001)').catch(() => undefined);
    await ds.destroy();
  }
}

export interface RunningDatabase {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

/**
 * DATABASE_URL when given (the pool reconnects by itself when that server comes back); otherwise a real PostgreSQL
 * started from the embedded-postgres package and supervised: see superviseEmbedded.
 */
export async function openDatabase(databaseUrl: string | null, dataDir: string, log: (m: string) => void, restartLimit = 5): Promise<RunningDatabase> {
  if (databaseUrl) return { url: databaseUrl, embedded: false, stop: async () => undefined };
  const { startEmbeddedPostgres } = (await import(path.join(__dirname, 'embedded-postgres.mjs'))) as typeof import('./embedded-postgres.mjs');
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), log });
  const url = await ensureDatabase(server.url, 'cchc_learn');
  log(`embedded PostgreSQL on 127.0.0.1:${server.port} (pid ${server.pid()}), data in ${path.join(dataDir, 'pg')}`);
  superviseEmbedded(server, restartLimit, log);
  return { url, embedded: true, stop: server.stop };
}

const RESTART_WINDOW_MS = 10 * 60_000;
const ATTEMPTS_PER_RESTART = 8;

/**
 * If the postmaster dies (killed, crashed, out of memory), it is started again on the same data folder and port:
 * PostgreSQL's crash recovery replays the WAL, so every committed answer is there, and the API's pools reconnect on
 * their own (requests meanwhile answer 503). At most `limit` restarts within ten minutes; beyond that the supervisor
 * gives up and says so, leaving the API up and answering 503 for a person to look at.
 */
export function superviseEmbedded(server: EmbeddedServer, limit: number, log: (m: string) => void): void {
  const restarts: number[] = [];
  server.onUnexpectedExit(async ({ code, signal, pid }) => {
    const diedAt = Date.now();
    while (restarts.length && diedAt - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= limit) {
      log(`GIVING UP: embedded PostgreSQL (pid ${pid}) ended (${signal ?? code}) and has already been restarted ${restarts.length} times in ten minutes (DB_RESTART_LIMIT=${limit}). It stays down: the API answers 503 until a person restarts cchc-learn. Look at ${server.dataDir}/log or the system log.`);
      return;
    }
    restarts.push(diedAt);
    log(`embedded PostgreSQL (pid ${pid}) ended unexpectedly (${signal ?? code}); restarting it on the same data folder (restart ${restarts.length} of ${limit} allowed in ten minutes)`);
    for (let attempt = 1; attempt <= ATTEMPTS_PER_RESTART; attempt++) {
      // The dead server's backends notice and exit within moments; until then its shared memory is still in use.
      await new Promise((r) => setTimeout(r, Math.min(4000, 100 * 2 ** attempt)));
      try {
        await server.restart();
        log(`embedded PostgreSQL is back (pid ${server.pid()}) ${((Date.now() - diedAt) / 1000).toFixed(1)} s after it ended; the API reconnects by itself`);
        return;
      } catch (e) {
        log(`restart attempt ${attempt} failed: ${((e as Error).message ?? '').split('\n')[0]}`);
      }
    }
    log(`GIVING UP: embedded PostgreSQL did not start again after ${ATTEMPTS_PER_RESTART} attempts; the API answers 503 until a person restarts cchc-learn.`);
  });
}

async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
