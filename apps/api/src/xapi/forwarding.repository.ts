import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ForwardEndpointRow {
  id: string;
  name: string;
  url: string;
  key: string;
  secret: string;
  xapiVersion: '1.0.3' | '2.0.0';
  verbs: string[];
  unitId: string | null;
  unitName: string | null;
  active: boolean;
  createdAt: Date;
  sentCount: string;
  failures: number;
  nextAttemptAt: Date;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastSentAt: Date | null;
  deadLetters: number;
}

/** A statement to send, with its place in the log (the cursor moves to the last one acknowledged). */
export interface OutgoingStatement {
  id: string;
  statement: Record<string, unknown>;
  stored: string;
  seq: string;
}

export interface NewEndpoint {
  name: string;
  url: string;
  key: string;
  secret: string;
  xapiVersion: string;
  verbs: string[];
  unitId: string | null;
  createdBy: string;
}

export type EndpointPatch = Partial<Pick<NewEndpoint, 'name' | 'url' | 'key' | 'secret' | 'xapiVersion' | 'verbs' | 'unitId'>> & { active?: boolean };

const ENDPOINT_COLUMNS = `e.id, e.name, e.url, e.auth_key AS key, e.auth_secret AS secret, e.xapi_version AS "xapiVersion", e.verbs,
  e.unit_id AS "unitId", u.name AS "unitName", e.active, e.created_at AS "createdAt", e.sent_count::text AS "sentCount", e.failures,
  e.next_attempt_at AS "nextAttemptAt", e.last_error AS "lastError", e.last_error_at AS "lastErrorAt", e.last_sent_at AS "lastSentAt",
  (SELECT count(*)::int FROM lrs_forward_dead_letter d WHERE d.endpoint_id = e.id) AS "deadLetters"`;

/** How long a node holds an endpoint while it delivers (another node takes over after a crash). */
const LEASE = `interval '2 minutes'`;

/**
 * Forwarding endpoints, their cursors over the statement log, and the dead letters. The statements an endpoint
 * takes are read in (stored, seq) order and only up to the oldest open transaction, so a statement committed late
 * with an earlier `stored` can never be skipped.
 */
@Injectable()
export class ForwardingRepository {
  constructor(private readonly ds: DataSource) {}

  async list(): Promise<ForwardEndpointRow[]> {
    return this.ds.query(`SELECT ${ENDPOINT_COLUMNS} FROM lrs_forward_endpoint e LEFT JOIN org_unit u ON u.id = e.unit_id ORDER BY e.created_at`);
  }

  async find(id: string): Promise<ForwardEndpointRow | null> {
    const rows = await this.ds.query(`SELECT ${ENDPOINT_COLUMNS} FROM lrs_forward_endpoint e LEFT JOIN org_unit u ON u.id = e.unit_id WHERE e.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async unitExists(unitId: string): Promise<boolean> {
    return (await this.ds.query(`SELECT 1 FROM org_unit WHERE id = $1`, [unitId])).length > 0;
  }

  /** A new endpoint starts at the end of the log: it forwards what is stored from now on. */
  async insert(e: NewEndpoint): Promise<string> {
    const [row] = await this.ds.query(
      `INSERT INTO lrs_forward_endpoint (name, url, auth_key, auth_secret, xapi_version, verbs, unit_id, created_by, cursor_stored, cursor_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), coalesce((SELECT max(seq) FROM xapi_statement), 0))
       RETURNING id`,
      [e.name, e.url, e.key, e.secret, e.xapiVersion, e.verbs, e.unitId, e.createdBy],
    );
    return row.id;
  }

  async update(id: string, p: EndpointPatch): Promise<boolean> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => sets.push(`${column} = $${params.push(value)}`);
    if (p.name !== undefined) set('name', p.name);
    if (p.url !== undefined) set('url', p.url);
    if (p.key !== undefined) set('auth_key', p.key);
    if (p.secret !== undefined) set('auth_secret', p.secret);
    if (p.xapiVersion !== undefined) set('xapi_version', p.xapiVersion);
    if (p.verbs !== undefined) set('verbs', p.verbs);
    if (p.unitId !== undefined) set('unit_id', p.unitId);
    if (p.active !== undefined) set('active', p.active);
    // A changed address or credentials deserve a fresh try at once.
    if (p.url !== undefined || p.key !== undefined || p.secret !== undefined || p.active) sets.push('failures = 0', 'next_attempt_at = now()');
    const [rows] = await this.ds.query(`UPDATE lrs_forward_endpoint SET ${sets.join(', ')} WHERE id = $1 RETURNING id`, params);
    return rows.length > 0;
  }

  /** Endpoints due for delivery that no other node holds; each one returned is leased to the caller. */
  async leaseDue(): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await this.ds.query(
      `UPDATE lrs_forward_endpoint SET lease_until = now() + ${LEASE}
        WHERE active AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
        RETURNING id`,
    );
    return rows.map((r) => r.id);
  }

  async renewLease(id: string): Promise<void> {
    await this.ds.query(`UPDATE lrs_forward_endpoint SET lease_until = now() + ${LEASE} WHERE id = $1`, [id]);
  }

  async releaseLease(id: string): Promise<void> {
    await this.ds.query(`UPDATE lrs_forward_endpoint SET lease_until = NULL WHERE id = $1`, [id]);
  }

  /**
   * The next statements this endpoint takes, after its cursor, matching its verbs and unit subtree, oldest first,
   * only those stored before the oldest open transaction began (everything before that instant is committed).
   */
  async nextBatch(endpointId: string, limit: number): Promise<OutgoingStatement[]> {
    return this.ds.query(
      `WITH e AS (SELECT * FROM lrs_forward_endpoint WHERE id = $1),
            horizon AS (SELECT least(now(), (SELECT min(xact_start) FROM pg_stat_activity
                                               WHERE datname = current_database() AND state <> 'idle' AND backend_type = 'client backend')) AS t)
       SELECT s.id, s.statement, s.stored::text AS stored, s.seq::text AS seq
         FROM e, horizon h, xapi_statement s
        WHERE (s.stored, s.seq) > (e.cursor_stored, e.cursor_seq) AND s.stored < h.t
          AND (cardinality(e.verbs) = 0 OR s.verb_id = ANY (e.verbs))
          AND (e.unit_id IS NULL OR ${ACTOR_IN_UNIT})
        ORDER BY s.stored, s.seq
        LIMIT $2`,
      [endpointId, limit],
    );
  }

  /** How many statements wait for this endpoint (counting stops at `cap`). */
  async backlog(endpointId: string, cap: number): Promise<number> {
    const [row] = await this.ds.query(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM lrs_forward_endpoint e, xapi_statement s
          WHERE e.id = $1 AND (s.stored, s.seq) > (e.cursor_stored, e.cursor_seq)
            AND (cardinality(e.verbs) = 0 OR s.verb_id = ANY (e.verbs))
            AND (e.unit_id IS NULL OR ${ACTOR_IN_UNIT})
          LIMIT $2) x`,
      [endpointId, cap],
    );
    return row.n;
  }

  /** The other LRS acknowledged up to `last`: move the cursor, count them, clear the failure state. */
  async acknowledge(endpointId: string, last: { stored: string; seq: string }, sent: number): Promise<void> {
    await this.ds.query(
      `UPDATE lrs_forward_endpoint SET cursor_stored = $2::timestamptz, cursor_seq = $3::bigint, sent_count = sent_count + $4,
              failures = 0, next_attempt_at = now(), last_sent_at = CASE WHEN $4 > 0 THEN now() ELSE last_sent_at END
        WHERE id = $1`,
      [endpointId, last.stored, last.seq, sent],
    );
  }

  /** A delivery failed (the other LRS is down, slow or answered 5xx): try again after `delaySeconds`. */
  async failed(endpointId: string, error: string, delaySeconds: number): Promise<void> {
    await this.ds.query(
      `UPDATE lrs_forward_endpoint SET failures = failures + 1, last_error = $2, last_error_at = now(),
              next_attempt_at = now() + make_interval(secs => $3)
        WHERE id = $1`,
      [endpointId, error.slice(0, 500), delaySeconds],
    );
  }

  async failures(endpointId: string): Promise<number> {
    const [row] = await this.ds.query(`SELECT failures FROM lrs_forward_endpoint WHERE id = $1`, [endpointId]);
    return row?.failures ?? 0;
  }

  /** A statement the other LRS refused: kept for a person to look at and send again. */
  async deadLetter(endpointId: string, statementId: string, error: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO lrs_forward_dead_letter (endpoint_id, statement_id, error) VALUES ($1, $2, $3)
       ON CONFLICT (endpoint_id, statement_id)
       DO UPDATE SET error = EXCLUDED.error, attempts = lrs_forward_dead_letter.attempts + 1, failed_at = now(), retry_requested_at = NULL`,
      [endpointId, statementId, error.slice(0, 500)],
    );
  }

  async deadLetters(endpointId: string, limit: number, offset: number): Promise<{ rows: DeadLetterRow[]; total: number }> {
    const rows: (DeadLetterRow & { total: number })[] = await this.ds.query(
      `SELECT d.statement_id AS "statementId", s.verb_id AS verb, d.error, d.attempts, d.failed_at AS "failedAt",
              d.retry_requested_at IS NOT NULL AS "retryRequested", count(*) OVER ()::int AS total
         FROM lrs_forward_dead_letter d LEFT JOIN xapi_statement s ON s.id = d.statement_id
        WHERE d.endpoint_id = $1
        ORDER BY d.failed_at DESC, d.statement_id
        LIMIT $2 OFFSET $3`,
      [endpointId, limit, offset],
    );
    return { rows, total: rows[0]?.total ?? (offset > 0 ? await this.deadLetterCount(endpointId) : 0) };
  }

  private async deadLetterCount(endpointId: string): Promise<number> {
    const [row] = await this.ds.query(`SELECT count(*)::int AS n FROM lrs_forward_dead_letter WHERE endpoint_id = $1`, [endpointId]);
    return row.n;
  }

  /** "Gửi lại": the named dead letters (or all of them) are sent again on the next delivery. Answers how many. */
  async requestRetry(endpointId: string, statementIds: string[] | null): Promise<number> {
    const [rows] = await this.ds.query(
      `UPDATE lrs_forward_dead_letter SET retry_requested_at = now()
        WHERE endpoint_id = $1 AND ($2::uuid[] IS NULL OR statement_id = ANY ($2::uuid[]))
        RETURNING statement_id`,
      [endpointId, statementIds],
    );
    await this.ds.query(`UPDATE lrs_forward_endpoint SET next_attempt_at = least(next_attempt_at, now()) WHERE id = $1`, [endpointId]);
    return rows.length;
  }

  async retries(endpointId: string, limit: number): Promise<OutgoingStatement[]> {
    return this.ds.query(
      `SELECT s.id, s.statement, s.stored::text AS stored, s.seq::text AS seq
         FROM lrs_forward_dead_letter d JOIN xapi_statement s ON s.id = d.statement_id
        WHERE d.endpoint_id = $1 AND d.retry_requested_at IS NOT NULL
        ORDER BY s.stored, s.seq LIMIT $2`,
      [endpointId, limit],
    );
  }

  async resolved(endpointId: string, statementIds: string[]): Promise<void> {
    if (!statementIds.length) return;
    await this.ds.query(`DELETE FROM lrs_forward_dead_letter WHERE endpoint_id = $1 AND statement_id = ANY ($2::uuid[])`, [endpointId, statementIds]);
    await this.ds.query(`UPDATE lrs_forward_endpoint SET sent_count = sent_count + $2, last_sent_at = now() WHERE id = $1`, [endpointId, statementIds.length]);
  }
}

export interface DeadLetterRow {
  statementId: string;
  verb: string | null;
  error: string;
  attempts: number;
  failedAt: Date;
  retryRequested: boolean;
}

/**
 * The statement's actor is a person of the endpoint's unit subtree: our statements name the account (or
 * `person:<id>` for someone without one).
 */
const ACTOR_IN_UNIT = `EXISTS (
  SELECT 1 FROM person p JOIN org_unit pu ON pu.id = p.unit_id JOIN org_unit eu ON eu.id = e.unit_id
   WHERE pu.path LIKE eu.path || '%'
     AND (p.id = (SELECT ua.person_id FROM user_account ua WHERE ua.username = s.statement #>> '{actor,account,name}')
          OR 'person:' || p.id::text = s.statement #>> '{actor,account,name}'))`;
