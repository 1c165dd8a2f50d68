import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { LrsScope } from './lrs-client';

/** A statement ready to store: the indexed columns computed from it (see `toStatementRow`). */
export interface StatementRow {
  id: string;
  /** Without `authority`, `stored` and a missing `timestamp`: the insert adds them. */
  statement: Record<string, unknown>;
  verb_id: string;
  actor_ifis: string[];
  object_activity_id: string | null;
  object_statement_id: string | null;
  registration: string | null;
  related_agents: string[];
  related_activities: string[];
}

export interface StatementFilter {
  agent?: string;
  relatedAgents?: boolean;
  verb?: string;
  activity?: string;
  relatedActivities?: boolean;
  registration?: string;
  since?: string;
  until?: string;
  ascending: boolean;
  limit: number;
  /** Keyset cursor: continue after this (stored, seq). */
  after?: { stored: string; seq: string };
  /** read_own: only statements this client wrote. */
  clientId?: string;
}

export interface StoredStatementRow {
  statement: Record<string, unknown>;
  stored: string;
  seq: string;
}

/** A page row with the statement as PostgreSQL's JSON text (most pages are sent as stored: no parse, no re-serialise). */
export interface StoredStatementText {
  statement: string;
  stored: string;
  seq: string;
}

export interface LrsClientRow {
  id: string;
  name: string;
  key: string;
  secretHash: string;
  scopes: LrsScope[];
  createdAt: Date;
  revokedAt: Date | null;
  createdByName: string | null;
}

export interface DocumentKey {
  kind: 'state' | 'activity_profile' | 'agent_profile';
  activityId: string;
  agentIfi: string;
  registration: string;
}

export interface DocumentRow {
  contentType: string;
  content: Buffer;
  etag: string;
  updated: Date;
}

export class StatementIdConflict extends Error {
  constructor(readonly statementId: string) {
    super(`statement ${statementId} is stored with different content`);
  }
}

export class VoidingVoided extends Error {
  constructor(readonly statementId: string) {
    super(`statement ${statementId} is a voiding statement`);
  }
}

/** What node-postgres' pool and clients have in common: a query by a named prepared statement. */
interface PgQueryable {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

const CONSISTENT_THROUGH_SQL = `SELECT to_char(least(now(), (SELECT min(xact_start) FROM pg_stat_activity
                                 WHERE datname = current_database() AND state <> 'idle' AND backend_type = 'client backend'))
                                 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t`;

/** The only place the LRS queries. `db` may be a transaction's manager, so learning events are written with the event. */
@Injectable()
export class XapiRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * A named prepared statement on the driver's pool (or the caller's transaction): PostgreSQL parses and plans it once
   * per connection, and no TypeORM query runner is built per call. For the fixed statements of the hot paths only
   * (the filtered query is planned per call: the best plan depends on how common the agent or activity is).
   */
  private async prepared<T>(name: string, text: string, values: unknown[], db: EntityManager | DataSource): Promise<T[]> {
    const runner = db instanceof EntityManager ? db.queryRunner : undefined;
    const client = (runner ? await runner.connect() : (this.ds.driver as PostgresDriver).master) as PgQueryable;
    return (await client.query({ name, text, values })).rows as T[];
  }

  // ---- clients ----

  async insertClient(c: { name: string; key: string; secretHash: string; scopes: LrsScope[]; createdBy: string | null }): Promise<string> {
    const [{ id }] = await this.ds.query(
      `INSERT INTO lrs_client (name, key, secret_hash, scopes, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [c.name, c.key, c.secretHash, c.scopes, c.createdBy],
    );
    return id;
  }

  async listClients(): Promise<LrsClientRow[]> {
    return this.ds.query(
      `SELECT c.id, c.name, c.key, c.secret_hash AS "secretHash", c.scopes, c.created_at AS "createdAt", c.revoked_at AS "revokedAt", u.display_name AS "createdByName"
         FROM lrs_client c LEFT JOIN user_account u ON u.id = c.created_by
        ORDER BY c.revoked_at IS NOT NULL, c.created_at DESC`,
    );
  }

  async findClientByKey(key: string): Promise<LrsClientRow | null> {
    const rows = await this.ds.query(
      `SELECT id, name, key, secret_hash AS "secretHash", scopes, created_at AS "createdAt", revoked_at AS "revokedAt", NULL AS "createdByName"
         FROM lrs_client WHERE key = $1`,
      [key],
    );
    return rows[0] ?? null;
  }

  /** Marks the client revoked; answers its key, or null when there is no such client. */
  async revokeClient(id: string): Promise<string | null> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [{ key: string }[], number] = await this.ds.query(`UPDATE lrs_client SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING key`, [id]);
    return rows[0]?.key ?? null;
  }

  // ---- statements ----

  /**
   * Stores a batch in one statement (`xapi_store`, migrations 1763800017200 and 1763800029000): all or nothing, with
   * the client's authority added to each statement. Throws StatementIdConflict (an id stored with another statement)
   * or VoidingVoided (a voiding statement's target is one).
   */
  async storeStatements(rows: StatementRow[], clientId: string | null, authority: Record<string, unknown>, db: EntityManager | DataSource = this.ds): Promise<void> {
    try {
      await this.prepared('xapi_store', `SELECT xapi_store($1::jsonb, $2, $3::jsonb)`, [JSON.stringify(rows), clientId, JSON.stringify(authority)], db);
    } catch (e) {
      // node-postgres' error (on the pool) or TypeORM's wrapping of it (in a transaction).
      const err = e as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
      const code = err.driverError?.code ?? err.code;
      const id = err.driverError?.message ?? err.message ?? '';
      if (code === 'XA002') throw new StatementIdConflict(id);
      if (code === 'XA001') throw new VoidingVoided(id);
      throw e;
    }
  }

  /** Our own learning events, in the caller's transaction (see xapi_record_own in migration 1763800017100). */
  async insertOwnStatements(payload: string, db: EntityManager | DataSource): Promise<void> {
    await db.query(`SELECT xapi_record_own($1::jsonb)`, [payload]);
  }

  async insertAttachments(list: { sha2: string; contentType: string; content: Buffer }[], db: EntityManager | DataSource = this.ds): Promise<void> {
    for (const a of list) {
      await db.query(`INSERT INTO xapi_attachment (sha2, content_type, content) VALUES ($1, $2, $3) ON CONFLICT (sha2) DO NOTHING`, [a.sha2, a.contentType, a.content]);
    }
  }

  async attachments(sha2s: string[]): Promise<{ sha2: string; contentType: string; content: Buffer }[]> {
    if (!sha2s.length) return [];
    return this.ds.query(`SELECT sha2, content_type AS "contentType", content FROM xapi_attachment WHERE sha2 = ANY($1::text[])`, [sha2s]);
  }

  async statementById(id: string, voided: boolean, clientId?: string): Promise<StoredStatementRow | null> {
    const rows = await this.ds.query(
      `SELECT statement, stored, seq FROM xapi_statement WHERE id = $1 AND voided = $2 ${clientId ? 'AND client_id = $3' : ''}`,
      clientId ? [id, voided, clientId] : [id, voided],
    );
    return rows[0] ?? null;
  }

  /**
   * Statements matching the filter, newest first (or ascending). A statement whose object is a StatementRef (a voiding
   * statement, say) also matches when the statement it targets matches the agent/verb/activity/registration conditions
   * (xAPI 1.0.3 §2.1.3 "Filter Conditions for StatementRefs"): it is found by a second, ordered branch that walks only
   * the statements carrying a StatementRef (a partial index), so the common query keeps its index plan.
   * With `related_activities`, the first branch walks the activity's rows of xapi_statement_activity in stored order
   * (migration 1763800029100) and joins each to its statement, so a course with a million statements costs one page.
   */
  async query(f: StatementFilter): Promise<StoredStatementText[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const viaActivities = Boolean(f.activity && f.relatedActivities);
    // Time and keyset conditions go on the table the branch walks in order (`k`): PostgreSQL does not carry a range
    // condition from s.stored over to a.stored by itself.
    const common = (k: string) => {
      const c = ['NOT s.voided'];
      if (f.since) c.push(`${k}.stored > ${since}`);
      if (f.until) c.push(`${k}.stored <= ${until}`);
      if (f.clientId) c.push(`s.client_id = ${clientId}`);
      if (f.after) c.push(`(${k}.stored, ${k}.seq) ${f.ascending ? '>' : '<'} (${after![0]}::timestamptz, ${after![1]}::bigint)`);
      return c;
    };
    const since = f.since ? p(f.since) : '';
    const until = f.until ? p(f.until) : '';
    const clientId = f.clientId ? p(f.clientId) : '';
    const after = f.after ? [p(f.after.stored), p(f.after.seq)] : null;
    // The conditions a StatementRef's target may meet instead; each parameter is bound once and used by both branches.
    // `joined`: met by the first branch's join with xapi_statement_activity instead of a condition.
    const matches: { sql: (t: string) => string; joined?: boolean }[] = [];
    if (f.agent) {
      const a = p(f.agent);
      // The actor (or Agent object) is always among related_agents too: its GIN index finds the candidates for both.
      matches.push({
        sql: (t) => (f.relatedAgents ? `${t}.related_agents @> ARRAY[${a}]::text[]` : `${t}.related_agents @> ARRAY[${a}]::text[] AND ${t}.actor_ifis @> ARRAY[${a}]::text[]`),
      });
    }
    if (f.verb) {
      const v = p(f.verb);
      matches.push({ sql: (t) => `${t}.verb_id = ${v}` });
    }
    let activity = '';
    if (f.activity) {
      const a = (activity = p(f.activity));
      matches.push(
        f.relatedActivities
          ? { sql: (t) => `EXISTS (SELECT 1 FROM xapi_statement_activity ra WHERE ra.activity_id = ${a} AND ra.stored = ${t}.stored AND ra.seq = ${t}.seq)`, joined: true }
          : { sql: (t) => `${t}.object_activity_id = ${a}` },
      );
    }
    if (f.registration) {
      const r = p(f.registration);
      matches.push({ sql: (t) => `${t}.registration = ${r}` });
    }
    const dir = f.ascending ? 'ASC' : 'DESC';
    const limit = p(f.limit);
    const cols = `s.statement, s.stored, s.seq`;
    const orderBy = (k: string) => `ORDER BY ${k}.stored ${dir}, ${k}.seq ${dir}`;
    let from: string;
    if (viaActivities) {
      const direct = [...common('a'), ...matches.filter((m) => !m.joined).map((m) => m.sql('s'))].join(' AND ');
      // Joined by seq alone (unique): with stored too the planner thinks the join keeps almost nothing and may start
      // parallel workers for a 101-row page.
      from = `(SELECT ${cols} FROM xapi_statement_activity a JOIN xapi_statement s ON s.seq = a.seq
                WHERE a.activity_id = ${activity} AND ${direct} ${orderBy('a')} LIMIT ${limit})`;
    } else {
      const direct = [...common('s'), ...matches.map((m) => m.sql('s'))].join(' AND ');
      from = `(SELECT ${cols} FROM xapi_statement s WHERE ${direct} ${orderBy('s')} LIMIT ${limit})`;
    }
    if (matches.length) {
      const viaRef = [
        ...common('s'),
        's.object_statement_id IS NOT NULL',
        `(${matches.map((m) => m.sql('s')).join(' AND ')}) IS NOT TRUE`,
        `EXISTS (SELECT 1 FROM xapi_statement t WHERE t.id = s.object_statement_id AND ${matches.map((m) => m.sql('t')).join(' AND ')})`,
      ].join(' AND ');
      from = `(${from} UNION ALL (SELECT ${cols} FROM xapi_statement s WHERE ${viaRef} ${orderBy('s')} LIMIT ${limit}))`;
    }
    return this.ds.query(
      // Output columns are named like table columns: ORDER BY names the inner ones (a text seq would sort "10" before "5").
      `SELECT u.statement::text AS statement, to_char(u.stored AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS stored, u.seq::text AS seq
         FROM ${from} u ORDER BY u.stored ${dir}, u.seq ${dir} LIMIT ${limit}`,
      params,
    );
  }

  /**
   * Every statement stored at or before this instant is visible now: `stored` is the inserting transaction's start,
   * so nothing still uncommitted can be older than the oldest open transaction.
   */
  async consistentThrough(): Promise<string> {
    const [{ t }] = await this.prepared<{ t: string }>('xapi_consistent_through', CONSISTENT_THROUGH_SQL, [], this.ds);
    return t;
  }

  /** The definition from the most recently stored statement that carries one for this Activity. */
  async activityDefinition(activityId: string): Promise<Record<string, unknown> | null> {
    const rows = await this.ds.query(
      `SELECT statement->'object'->'definition' AS d FROM xapi_statement
        WHERE object_activity_id = $1 AND statement->'object' ? 'definition' ORDER BY stored DESC, seq DESC LIMIT 1`,
      [activityId],
    );
    return rows[0]?.d ?? null;
  }

  /** Names used for this agent as a statement's actor (for the Person object of the Agents resource). */
  async agentNames(ifi: string): Promise<string[]> {
    const rows: { name: string }[] = await this.ds.query(
      `SELECT DISTINCT statement->'actor'->>'name' AS name FROM xapi_statement
        WHERE related_agents @> ARRAY[$1]::text[] AND actor_ifis @> ARRAY[$1]::text[] AND statement->'actor' ? 'name' LIMIT 20`,
      [ifi],
    );
    return rows.map((r) => r.name);
  }

  // ---- documents (state, activity profile, agent profile) ----

  async document(k: DocumentKey, docId: string): Promise<DocumentRow | null> {
    const rows = await this.ds.query(
      `SELECT content_type AS "contentType", content, etag, updated FROM xapi_document
        WHERE kind = $1 AND activity_id = $2 AND agent_ifi = $3 AND registration = $4 AND doc_id = $5`,
      [k.kind, k.activityId, k.agentIfi, k.registration, docId],
    );
    return rows[0] ?? null;
  }

  async documentIds(k: DocumentKey, since?: string): Promise<string[]> {
    const params: unknown[] = [k.kind, k.activityId, k.agentIfi, k.registration];
    const sinceSql = since ? ` AND updated > $${params.push(since)}` : '';
    const rows: { doc_id: string }[] = await this.ds.query(
      `SELECT doc_id FROM xapi_document WHERE kind = $1 AND activity_id = $2 AND agent_ifi = $3 AND registration = $4${sinceSql} ORDER BY doc_id`,
      params,
    );
    return rows.map((r) => r.doc_id);
  }

  /** Writes the document only if its ETag is still `expectedEtag` (null: only if absent; undefined: whatever it is). */
  async putDocument(k: DocumentKey, docId: string, doc: { contentType: string; content: Buffer; etag: string }, expectedEtag?: string | null): Promise<boolean> {
    if (expectedEtag === undefined) {
      await this.ds.query(
        `INSERT INTO xapi_document (kind, activity_id, agent_ifi, registration, doc_id, content_type, content, etag, updated)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (kind, activity_id, agent_ifi, registration, doc_id)
         DO UPDATE SET content_type = excluded.content_type, content = excluded.content, etag = excluded.etag, updated = now()`,
        [k.kind, k.activityId, k.agentIfi, k.registration, docId, doc.contentType, doc.content, doc.etag],
      );
      return true;
    }
    if (expectedEtag === null) {
      const rows = await this.ds.query(
        `INSERT INTO xapi_document (kind, activity_id, agent_ifi, registration, doc_id, content_type, content, etag, updated)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) ON CONFLICT DO NOTHING RETURNING id`,
        [k.kind, k.activityId, k.agentIfi, k.registration, docId, doc.contentType, doc.content, doc.etag],
      );
      return rows.length > 0;
    }
    const [rows]: [unknown[], number] = await this.ds.query(
      `UPDATE xapi_document SET content_type = $6, content = $7, etag = $8, updated = now()
        WHERE kind = $1 AND activity_id = $2 AND agent_ifi = $3 AND registration = $4 AND doc_id = $5 AND etag = $9 RETURNING id`,
      [k.kind, k.activityId, k.agentIfi, k.registration, docId, doc.contentType, doc.content, doc.etag, expectedEtag],
    );
    return rows.length > 0;
  }

  async deleteDocuments(k: DocumentKey, docId: string | null, expectedEtag?: string): Promise<number> {
    const params: unknown[] = [k.kind, k.activityId, k.agentIfi, k.registration];
    let sql = `DELETE FROM xapi_document WHERE kind = $1 AND activity_id = $2 AND agent_ifi = $3 AND registration = $4`;
    if (docId !== null) sql += ` AND doc_id = $${params.push(docId)}`;
    if (expectedEtag !== undefined) sql += ` AND etag = $${params.push(expectedEtag)}`;
    const [rows]: [unknown[], number] = await this.ds.query(`${sql} RETURNING id`, params);
    return rows.length;
  }
}
