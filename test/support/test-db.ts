import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MIGRATIONS } from '@cchc/migrations';
import { migrate } from '@api/database/database';

function adminUrl(): string {
  const url = process.env.CCHC_TEST_ADMIN_URL;
  if (!url) throw new Error('CCHC_TEST_ADMIN_URL is not set: run tests through jest (globalSetup starts PostgreSQL)');
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The template's name changes with the migration list, so a reused server never hands out a stale schema. */
const templateName = `cchc_tpl_${createHash('sha1').update(MIGRATIONS.map((m) => m.name).join(',')).digest('hex').slice(0, 10)}`;

async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for one test file: cloned from a template migrated once per server. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cchc_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (c) => {
    await c.query('SELECT pg_advisory_lock(727100)');
    try {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [templateName]);
      if (!exists.rowCount) {
        await c.query(`CREATE DATABASE ${templateName}_build`);
        await migrate(withDatabase(adminUrl(), `${templateName}_build`));
        await c.query(`ALTER DATABASE ${templateName}_build RENAME TO ${templateName}`);
      }
      await c.query(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(727100)');
    }
  });
  return {
    url: withDatabase(adminUrl(), name),
    drop: () => withAdmin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** An empty database (no schema at all), for tests of what a node does on first start. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cchc_e_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (c) => void (await c.query(`CREATE DATABASE ${name}`)));
  return {
    url: withDatabase(adminUrl(), name),
    drop: () => withAdmin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}
