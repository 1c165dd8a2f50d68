import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `coverage_refresh_people` applies only what changed. It used to subtract every given person from the counters
 * (every year of the target), delete their rows, recompute them and add them all back: for a batch of test passes,
 * where most of a person's years stay as they were, most of that work cancelled out. Now it upserts the recomputed
 * rows (PostgreSQL 18's `RETURNING old.*, new.*` says what each replaced), deletes the people no longer eligible, and
 * adds to the counters only the difference of the rows that changed. Same results (the tests compare with a full
 * recomputation after random sequences of events); the counters are still locked in a fixed order first.
 */
const OLD_BODY = `
      CREATE OR REPLACE FUNCTION coverage_refresh_people(p_target uuid, p_people uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE t target%ROWTYPE;
      BEGIN
        SELECT * INTO t FROM target WHERE id = p_target;
        IF NOT FOUND OR p_people IS NULL OR cardinality(p_people) = 0 THEN RETURN; END IF;
        -- Take the counters' rows in a fixed order first, so two transactions touching the same units cannot deadlock.
        PERFORM 1 FROM coverage_counter c
          WHERE c.target_id = p_target AND c.unit_id IN (
            SELECT cp.unit_id FROM coverage_person cp WHERE cp.target_id = p_target AND cp.person_id = ANY(p_people)
            UNION SELECT p.unit_id FROM person p WHERE p.id = ANY(p_people))
          ORDER BY c.unit_id, c.year FOR UPDATE;
        UPDATE coverage_counter c SET eligible = c.eligible - d.e, covered = c.covered - d.c
          FROM (SELECT cp.unit_id, y, count(*)::int AS e, count(*) FILTER (WHERE y = ANY(cp.years))::int AS c
                  FROM coverage_person cp, generate_series(t.start_year, t.end_year) y
                 WHERE cp.target_id = p_target AND cp.person_id = ANY(p_people) GROUP BY 1, 2) d
         WHERE c.target_id = p_target AND c.unit_id = d.unit_id AND c.year = d.y;
        DELETE FROM coverage_person cp WHERE cp.target_id = p_target AND cp.person_id = ANY(p_people);
        INSERT INTO coverage_person (target_id, person_id, unit_id, years)
          SELECT p_target, f.person_id, f.unit_id, f.years FROM coverage_compute(p_target, p_people) f;
        INSERT INTO coverage_counter (target_id, unit_id, year, eligible, covered)
          SELECT p_target, cp.unit_id, y, count(*), count(*) FILTER (WHERE y = ANY(cp.years))
            FROM coverage_person cp, generate_series(t.start_year, t.end_year) y
           WHERE cp.target_id = p_target AND cp.person_id = ANY(p_people) GROUP BY 2, 3
          ON CONFLICT (target_id, year, unit_id) DO UPDATE
            SET eligible = coverage_counter.eligible + EXCLUDED.eligible, covered = coverage_counter.covered + EXCLUDED.covered;
      END $$`;

export class CoverageRefreshDelta1763800024100 implements MigrationInterface {
  name = 'CoverageRefreshDelta1763800024100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION coverage_refresh_people(p_target uuid, p_people uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE t target%ROWTYPE;
      BEGIN
        SELECT * INTO t FROM target WHERE id = p_target;
        IF NOT FOUND OR p_people IS NULL OR cardinality(p_people) = 0 THEN RETURN; END IF;
        -- Take the counters' rows in a fixed order first, so two transactions touching the same units cannot deadlock.
        PERFORM 1 FROM coverage_counter c
          WHERE c.target_id = p_target AND c.unit_id IN (
            SELECT cp.unit_id FROM coverage_person cp WHERE cp.target_id = p_target AND cp.person_id = ANY(p_people)
            UNION SELECT p.unit_id FROM person p WHERE p.id = ANY(p_people))
          ORDER BY c.unit_id, c.year FOR UPDATE;
        -- The deleted and the upserted rows are different people, so the two writes never touch the same row.
        WITH f AS (SELECT * FROM coverage_compute(p_target, p_people)),
        gone AS (
          DELETE FROM coverage_person cp
           WHERE cp.target_id = p_target AND cp.person_id = ANY(p_people) AND NOT EXISTS (SELECT 1 FROM f WHERE f.person_id = cp.person_id)
          RETURNING cp.unit_id, cp.years),
        up AS (
          INSERT INTO coverage_person AS cp (target_id, person_id, unit_id, years)
          SELECT p_target, f.person_id, f.unit_id, f.years FROM f
          ON CONFLICT (target_id, person_id) DO UPDATE SET unit_id = excluded.unit_id, years = excluded.years
           WHERE (cp.unit_id, cp.years) IS DISTINCT FROM (excluded.unit_id, excluded.years)
          RETURNING old.unit_id AS old_unit, old.years AS old_years, new.unit_id AS new_unit, new.years AS new_years),
        changed AS (
          SELECT unit_id, years, -1 AS sign FROM gone
          UNION ALL SELECT old_unit, old_years, -1 FROM up WHERE old_unit IS NOT NULL
          UNION ALL SELECT new_unit, new_years, 1 FROM up)
        INSERT INTO coverage_counter (target_id, unit_id, year, eligible, covered)
          SELECT p_target, c.unit_id, y, sum(c.sign)::int, coalesce(sum(c.sign) FILTER (WHERE y = ANY(c.years)), 0)::int
            FROM changed c, generate_series(t.start_year, t.end_year) y
           GROUP BY c.unit_id, y
          HAVING sum(c.sign) <> 0 OR coalesce(sum(c.sign) FILTER (WHERE y = ANY(c.years)), 0) <> 0
          ON CONFLICT (target_id, year, unit_id) DO UPDATE
            SET eligible = coverage_counter.eligible + EXCLUDED.eligible, covered = coverage_counter.covered + EXCLUDED.covered;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(OLD_BODY);
  }
}
