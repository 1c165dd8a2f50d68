import { MigrationInterface, QueryRunner } from 'typeorm';

const STORE_BODY = (withActivities: boolean) => `
      DECLARE
        voided_verb constant text := 'http://adlnet.gov/expapi/verbs/voided';
        stored_at constant text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
        voiding constant boolean := jsonb_path_exists(rows, '$[*] ? (@.verb_id == "http://adlnet.gov/expapi/verbs/voided")');
        inserted uuid[];
        bad uuid;
      BEGIN
        IF voiding THEN
          SELECT t.id INTO bad
            FROM jsonb_to_recordset(rows) AS x(verb_id text, object_statement_id uuid)
            JOIN xapi_statement t ON t.id = x.object_statement_id AND t.verb_id = voided_verb
           WHERE x.verb_id = voided_verb
           LIMIT 1;
          IF bad IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'XA001', MESSAGE = bad::text;
          END IF;
        END IF;

        WITH ins AS (
          INSERT INTO xapi_statement (id, statement, stored, verb_id, actor_ifis, object_activity_id, object_statement_id, registration,
                                      related_agents, related_activities, voided, client_id)
          SELECT x.id,
                 x.statement || CASE WHEN x.statement ? 'timestamp' THEN jsonb_build_object('authority', authority, 'stored', stored_at)
                                     ELSE jsonb_build_object('authority', authority, 'stored', stored_at, 'timestamp', stored_at) END,
                 now(), x.verb_id, x.actor_ifis, x.object_activity_id, x.object_statement_id, x.registration, x.related_agents, x.related_activities,
                 x.verb_id <> voided_verb AND EXISTS (SELECT 1 FROM xapi_statement v WHERE v.object_statement_id = x.id AND v.verb_id = voided_verb),
                 client
            FROM ROWS FROM (jsonb_to_recordset(rows) AS (id uuid, statement jsonb, verb_id text, actor_ifis text[], object_activity_id text,
                   object_statement_id uuid, registration uuid, related_agents text[], related_activities text[]))
                 WITH ORDINALITY AS x(id, statement, verb_id, actor_ifis, object_activity_id, object_statement_id, registration,
                   related_agents, related_activities, ord)
           ORDER BY x.ord
          ON CONFLICT (id) DO NOTHING
          RETURNING id${withActivities ? ', stored, seq, related_activities' : ''}
        )${
          withActivities
            ? `, activities AS (
          INSERT INTO xapi_statement_activity (activity_id, stored, seq)
          SELECT DISTINCT a.id, i.stored, i.seq FROM ins i CROSS JOIN LATERAL unnest(i.related_activities) AS a(id)
        )`
            : ''
        }
        SELECT coalesce(array_agg(id), '{}') INTO inserted FROM ins;

        -- Ids that were already there (a retry, another device, a concurrent request): the same statement is fine.
        IF cardinality(inserted) < jsonb_array_length(rows) THEN
          SELECT x.id INTO bad
            FROM jsonb_to_recordset(rows) AS x(id uuid, statement jsonb)
            JOIN xapi_statement s ON s.id = x.id
           WHERE NOT (x.id = ANY (inserted))
             AND (s.statement - '{stored,authority,version,id}'::text[] - CASE WHEN x.statement ? 'timestamp' THEN '' ELSE 'timestamp' END)
                 <> (x.statement - '{stored,authority,version,id}'::text[] - CASE WHEN x.statement ? 'timestamp' THEN '' ELSE 'timestamp' END)
           LIMIT 1;
          IF bad IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'XA002', MESSAGE = bad::text;
          END IF;
        END IF;

        IF voiding THEN
          UPDATE xapi_statement t SET voided = true
            FROM jsonb_to_recordset(rows) AS x(verb_id text, object_statement_id uuid)
           WHERE x.verb_id = voided_verb AND t.id = x.object_statement_id AND t.verb_id <> voided_verb AND NOT t.voided;
        END IF;
        RETURN cardinality(inserted);
      END`;

/** xapi_record_own's statement up to its final `SELECT count(*)::int` (the caller adds `FROM ins`, or `INTO n FROM ins`). */
export const recordOwnStatement = (withActivities: boolean) => `
        WITH input AS (
          SELECT * FROM jsonb_to_recordset(payload->'rows') AS x(id uuid, "personId" uuid, statement jsonb, "verbId" text, "objectActivityId" text, "relatedActivities" text[])
        ), who AS (
          SELECT i.*, coalesce((SELECT u.username FROM user_account u WHERE u.person_id = i."personId"), 'person:' || i."personId") AS name,
                 CASE WHEN (payload->>'withName')::boolean THEN (SELECT p.full_name FROM person p WHERE p.id = i."personId") END AS full_name
            FROM input i
        ), ins AS (
          INSERT INTO xapi_statement (id, statement, stored, verb_id, actor_ifis, object_activity_id, registration, related_agents, related_activities, client_id)
          SELECT w.id,
                 w.statement || jsonb_build_object(
                   'actor', jsonb_strip_nulls(jsonb_build_object('objectType', 'Agent', 'name', w.full_name, 'account', jsonb_build_object('homePage', payload->>'site', 'name', w.name))),
                   'authority', payload->'authority', 'version', '1.0.3',
                   'stored', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
                 now(), w."verbId", ARRAY['account:' || (payload->>'site') || '|' || w.name], w."objectActivityId", NULL,
                 ARRAY['account:' || (payload->>'site') || '|' || w.name, payload->>'authorityIfi'], w."relatedActivities", NULL
            FROM who w
          ON CONFLICT (id) DO NOTHING
          RETURNING ${withActivities ? 'stored, seq, related_activities' : '1'}
        )${
          withActivities
            ? `, activities AS (
          INSERT INTO xapi_statement_activity (activity_id, stored, seq)
          SELECT DISTINCT a.id, i.stored, i.seq FROM ins i CROSS JOIN LATERAL unnest(i.related_activities) AS a(id)
        )`
            : ''
        }
        SELECT count(*)::int`;

const RECORD_OWN_BODY = (withActivities: boolean) => `${recordOwnStatement(withActivities)} FROM ins`;

/**
 * `related_activities=true` in stored order. A GIN index on the `related_activities` array finds a course's statements
 * but cannot give them newest first, so a course with 100,000 statements was answered by walking the whole log
 * backwards until 101 of them turned up (60–140 ms at 10 M statements). One row per (activity, statement) in a narrow
 * table with a B-tree on (activity_id, stored, seq) walks exactly the page asked for; it replaces the GIN index.
 * The two functions that write statements (`xapi_store` for the LRS, `xapi_record_own` for our learning events, also
 * called inside the exam submission) write these rows in the same statement, from the rows they inserted; a writer
 * that bypasses them must do the same (the API tests check that every related activity has its row). Statements are
 * never deleted by the application (they are voided), so there is no foreign key: a row whose statement is gone
 * matches nothing in the join.
 */
export class XapiStatementActivities1763800029100 implements MigrationInterface {
  name = 'XapiStatementActivities1763800029100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE xapi_statement_activity (
        activity_id text NOT NULL,
        stored timestamptz NOT NULL,
        seq bigint NOT NULL
      )`);
    await q.query(`
      INSERT INTO xapi_statement_activity (activity_id, stored, seq)
      SELECT DISTINCT a.id, s.stored, s.seq FROM xapi_statement s CROSS JOIN LATERAL unnest(s.related_activities) AS a(id)`);
    await q.query(`ALTER TABLE xapi_statement_activity ADD CONSTRAINT pk_xapi_statement_activity PRIMARY KEY (activity_id, stored, seq)`);
    await q.query(`ANALYZE xapi_statement_activity`);
    await q.query(`CREATE OR REPLACE FUNCTION xapi_store(rows jsonb, client uuid, authority jsonb) RETURNS integer LANGUAGE plpgsql AS $fn$${STORE_BODY(true)}$fn$`);
    await q.query(`CREATE OR REPLACE FUNCTION xapi_record_own(payload jsonb) RETURNS integer LANGUAGE sql AS $fn$${RECORD_OWN_BODY(true)}$fn$`);
    await q.query(`DROP INDEX ix_xapi_statement_related_activities`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_xapi_statement_related_activities ON xapi_statement USING gin (related_activities)`);
    await q.query(`CREATE OR REPLACE FUNCTION xapi_record_own(payload jsonb) RETURNS integer LANGUAGE sql AS $fn$${RECORD_OWN_BODY(false)}$fn$`);
    await q.query(`CREATE OR REPLACE FUNCTION xapi_store(rows jsonb, client uuid, authority jsonb) RETURNS integer LANGUAGE plpgsql AS $fn$${STORE_BODY(false)}$fn$`);
    await q.query(`DROP TABLE xapi_statement_activity`);
  }
}
