import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** What node-postgres' pool and clients have in common: a query by a named prepared statement. */
interface PgQueryable {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

const names = new Map<string, string>();

/** The statement's name: derived from its text, so one text is one prepared statement on every connection. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `s_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`));
  return name;
}

/**
 * Runs `text` as a named prepared statement, so PostgreSQL parses and plans it once per connection rather than on every
 * call, and no TypeORM query runner is built per call: on the driver's pool, or on the caller's transaction. For hot
 * statements whose planning costs more than running them (the exam path). `name` defaults to one derived from the text.
 */
export async function preparedQuery<T>(db: DataSource, text: string, values: unknown[], manager?: EntityManager, name = statementName(text)): Promise<T[]> {
  const runner = manager?.queryRunner;
  const client = (runner ? await runner.connect() : (db.driver as PostgresDriver).master) as PgQueryable;
  return (await client.query({ name, text, values })).rows as T[];
}
