import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One function writes the platform's own learning statements, so any statement of another domain (the test
 * submission is a single SQL statement) can record its xAPI statement in the same round trip:
 * `SELECT xapi_record_own($n::jsonb)`. The payload holds the statements without their actor; the function resolves the
 * person's account (`person:<id>` without one), adds actor, authority, version and stored, and skips an id already
 * stored (the ids derive from the event, so a repeated event writes nothing new). Answers how many it inserted.
 */
export class XapiOwnStatements1763800017100 implements MigrationInterface {
  name = 'XapiOwnStatements1763800017100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION xapi_record_own(payload jsonb) RETURNS integer LANGUAGE sql AS $fn$
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
          RETURNING 1
        )
        SELECT count(*)::int FROM ins
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION xapi_record_own(jsonb)`);
  }
}
