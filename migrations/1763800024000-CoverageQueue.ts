import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Test-pass evidence no longer refreshes coverage inside the submission. A whole province submits within the same
 * hour, and each pass refreshed every matching target for its person in the submitting transaction: about two thirds
 * of a submission's database time, and the commune's counter rows were held by one submission after another.
 * Evidence of kind `test_passed` now queues its people in `coverage_pending` (an insert no one else touches);
 * `coverage_fold_pending(n)` refreshes up to n queued people for every active target in one batch. The API folds the
 * queue soon after a submission and always before coverage is read, so a reader sees every pass committed before it
 * asked. Other evidence (courses, attendance, imports) still refreshes coverage at once, as before.
 */
const REFRESH_AT_ONCE = `
        FOR r IN SELECT t.id AS target_id, array_agg(DISTINCT x.person_id) AS people FROM changed_rows x JOIN target t
                   ON t.active AND x.topic_id = ANY(t.topic_ids) AND x.kind = ANY(t.evidence_kinds)
                 GROUP BY t.id ORDER BY t.id LOOP
          PERFORM coverage_refresh_people(r.target_id, r.people);
        END LOOP;`;

export class CoverageQueue1763800024000 implements MigrationInterface {
  name = 'CoverageQueue1763800024000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE coverage_pending (
        person_id uuid NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_coverage_pending PRIMARY KEY (person_id)
      )`);
    // Inserts and deletes share the function; only inserted test passes are queued.
    await q.query(`
      CREATE OR REPLACE FUNCTION coverage_on_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO coverage_pending (person_id)
            SELECT DISTINCT x.person_id FROM changed_rows x
             WHERE x.kind = 'test_passed' AND EXISTS (SELECT 1 FROM target t WHERE t.active AND x.topic_id = ANY(t.topic_ids) AND x.kind = ANY(t.evidence_kinds))
            ON CONFLICT (person_id) DO NOTHING;
          FOR r IN SELECT t.id AS target_id, array_agg(DISTINCT x.person_id) AS people FROM changed_rows x JOIN target t
                     ON t.active AND x.topic_id = ANY(t.topic_ids) AND x.kind = ANY(t.evidence_kinds)
                    WHERE x.kind <> 'test_passed'
                   GROUP BY t.id ORDER BY t.id LOOP
            PERFORM coverage_refresh_people(r.target_id, r.people);
          END LOOP;
          RETURN NULL;
        END IF;${REFRESH_AT_ONCE}
        RETURN NULL;
      END $$`);
    // Takes the batch in person order and waits for a concurrent fold of the same people (rather than skipping them),
    // so a reader that folds and then reads never misses a pass another fold had begun to apply.
    await q.query(`
      CREATE FUNCTION coverage_fold_pending(p_limit integer) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE people uuid[]; r record;
      BEGIN
        WITH batch AS (SELECT person_id FROM coverage_pending ORDER BY person_id LIMIT p_limit FOR UPDATE),
             gone AS (DELETE FROM coverage_pending c USING batch b WHERE c.person_id = b.person_id RETURNING c.person_id)
        SELECT array_agg(person_id ORDER BY person_id) INTO people FROM gone;
        IF people IS NULL THEN RETURN 0; END IF;
        FOR r IN SELECT id FROM target WHERE active ORDER BY id LOOP
          PERFORM coverage_refresh_people(r.id, people);
        END LOOP;
        RETURN cardinality(people);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Apply what is still queued before the queue goes.
    await q.query(`SELECT coverage_fold_pending(2147483647)`);
    await q.query(`DROP FUNCTION coverage_fold_pending(integer)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION coverage_on_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record;
      BEGIN${REFRESH_AT_ONCE}
        RETURN NULL;
      END $$`);
    await q.query(`DROP TABLE coverage_pending`);
  }
}
