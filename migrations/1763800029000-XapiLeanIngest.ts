import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cheaper statement write (measured with `npm run bench:lrs`, README "Benchmark: npm run bench:lrs"):
 * - The GIN index on `actor_ifis` goes. An actor (or an Agent/Group object) is always among `related_agents` too, so
 *   the agent filter is `related_agents @> [x] AND actor_ifis @> [x]`: the GIN index on related_agents finds the
 *   candidates and the second condition keeps the statements where x is the actor or object. Every write, ours (the
 *   exam submit's learning statement) and the LRS's, maintains one GIN index fewer.
 * - `xapi_store(rows, client, authority)`: the authority (the same for the whole batch) and `stored` are added here
 *   instead of being sent with each statement; the comparison with already stored ids runs only when some id was
 *   already there (a fresh batch inserts every row, so nothing can differ); the voiding checks run only when the batch
 *   holds a voiding statement.
 */
export class XapiLeanIngest1763800029000 implements MigrationInterface {
  name = 'XapiLeanIngest1763800029000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_xapi_statement_actor`);
    await q.query(`DROP FUNCTION xapi_store(jsonb, uuid)`);
    await q.query(`
      CREATE FUNCTION xapi_store(rows jsonb, client uuid, authority jsonb) RETURNS integer LANGUAGE plpgsql AS $fn$
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
          RETURNING id
        )
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
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION xapi_store(jsonb, uuid, jsonb)`);
    // The function of migration 1763800017200, as it was.
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
    await q.query(`CREATE INDEX ix_xapi_statement_actor ON xapi_statement USING gin (actor_ifis)`);
  }
}
