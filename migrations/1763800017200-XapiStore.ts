import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Storing a batch of statements in one statement (one round trip, atomic without an explicit transaction):
 * `SELECT xapi_store(rows, client)` (rows as StatementRow JSON with their position `ord`) inserts the new ids, leaves an id stored with the same statement as it is
 * (compared as xAPI says: without stored, authority, version, id, and without a timestamp the client did not send),
 * and refuses the whole batch — nothing written — with SQLSTATE XA002 (message: the id) when an id is stored with a
 * different statement, or XA001 when a voiding statement targets a voiding statement. Voiding statements void their
 * targets; a statement whose voiding statement arrived first is stored voided.
 */
export class XapiStore1763800017200 implements MigrationInterface {
  name = 'XapiStore1763800017200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION xapi_store(rows jsonb, client uuid) RETURNS integer LANGUAGE plpgsql AS $fn$
      DECLARE
        voided_verb constant text := 'http://adlnet.gov/expapi/verbs/voided';
        inserted uuid[];
        bad uuid;
      BEGIN
        SELECT t.id INTO bad
          FROM jsonb_to_recordset(rows) AS x(verb_id text, object_statement_id uuid)
          JOIN xapi_statement t ON t.id = x.object_statement_id AND t.verb_id = voided_verb
         WHERE x.verb_id = voided_verb
         LIMIT 1;
        IF bad IS NOT NULL THEN
          RAISE EXCEPTION USING ERRCODE = 'XA001', MESSAGE = bad::text;
        END IF;

        WITH input AS (
          SELECT * FROM jsonb_to_recordset(rows) AS x(id uuid, statement jsonb, verb_id text, actor_ifis text[], object_activity_id text,
            object_statement_id uuid, registration uuid, related_agents text[], related_activities text[], ord int)
        ), ins AS (
          INSERT INTO xapi_statement (id, statement, stored, verb_id, actor_ifis, object_activity_id, object_statement_id, registration,
                                      related_agents, related_activities, voided, client_id)
          SELECT i.id,
                 i.statement || jsonb_build_object('stored', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                   || CASE WHEN i.statement ? 'timestamp' THEN '{}'::jsonb
                           ELSE jsonb_build_object('timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) END,
                 now(), i.verb_id, i.actor_ifis, i.object_activity_id, i.object_statement_id, i.registration, i.related_agents, i.related_activities,
                 i.verb_id <> voided_verb AND EXISTS (SELECT 1 FROM xapi_statement v WHERE v.object_statement_id = i.id AND v.verb_id = voided_verb),
                 client
            FROM input i ORDER BY i.ord
          ON CONFLICT (id) DO NOTHING
          RETURNING id
        )
        SELECT coalesce(array_agg(id), '{}') INTO inserted FROM ins;

        -- Ids that were already there (a retry, another device, a concurrent request): the same statement is fine.
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

        UPDATE xapi_statement t SET voided = true
          FROM jsonb_to_recordset(rows) AS x(verb_id text, object_statement_id uuid)
         WHERE x.verb_id = voided_verb AND t.id = x.object_statement_id AND t.verb_id <> voided_verb AND NOT t.voided;
        RETURN cardinality(inserted);
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION xapi_store(jsonb, uuid)`);
  }
}
