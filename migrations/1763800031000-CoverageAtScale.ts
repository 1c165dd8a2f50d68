import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coverage at national scale (3,000,000 people, 30,000,000 evidence rows, ten targets per province).
 *
 * 1. Test passes are queued with their topics, and a fold refreshes only the targets the pass can change: active,
 *    counting test passes, on that topic, and of the person's province (or national). It used to refresh every active
 *    target for every queued person: with 34 provinces × 10 targets that is hundreds of recomputations per batch.
 * 2. A new or edited target is built in steps (`coverage_build`, `coverage_build_step`): each step takes the next units
 *    of the target's province (or of the country) in tree order, about a given number of people, and refreshes those
 *    people with `coverage_refresh_people` — the same delta function every trigger uses. So a step is idempotent, a
 *    test pass or transfer during the build is applied exactly (the step that reaches that person later finds the row
 *    already right), and an edit during the build restarts it from the first unit under the new rules. The row of
 *    `coverage_build` says how far it is (people done / total) for the coordinator's "Đang tính độ phủ… 45%".
 * 3. The evidence index by person carries the evidence's kind and date, so computing a person's years reads the index
 *    alone (no visit to the 30,000,000-row table for each person).
 * 4. Subtree totals (coverage_rollup): every view reads its root's and its children's rows.
 */
const QUEUE_TEST_PASSES_V1 = `
          INSERT INTO coverage_pending (person_id)
            SELECT DISTINCT x.person_id FROM changed_rows x
             WHERE x.kind = 'test_passed' AND EXISTS (SELECT 1 FROM target t WHERE t.active AND x.topic_id = ANY(t.topic_ids) AND x.kind = ANY(t.evidence_kinds))
            ON CONFLICT (person_id) DO NOTHING;`;
const QUEUE_TEST_PASSES_V2 = `
          INSERT INTO coverage_pending AS q (person_id, topic_ids)
            SELECT x.person_id, array_agg(DISTINCT x.topic_id ORDER BY x.topic_id) FROM changed_rows x
             WHERE x.kind = 'test_passed' AND EXISTS (SELECT 1 FROM target t WHERE t.active AND x.topic_id = ANY(t.topic_ids) AND x.kind = ANY(t.evidence_kinds))
             GROUP BY x.person_id
            ON CONFLICT (person_id) DO UPDATE
              SET topic_ids = ARRAY(SELECT DISTINCT u FROM unnest(q.topic_ids || excluded.topic_ids) u ORDER BY u);`;

const onEvidence = (queue: string) => `
      CREATE OR REPLACE FUNCTION coverage_on_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record;
      BEGIN
        IF TG_OP = 'INSERT' THEN${queue}
          FOR r IN SELECT t.id AS target_id, array_agg(DISTINCT x.person_id) AS people FROM changed_rows x JOIN target t
                     ON t.active AND x.topic_id = ANY(t.topic_ids) AND x.kind = ANY(t.evidence_kinds)
                    WHERE x.kind <> 'test_passed'
                   GROUP BY t.id ORDER BY t.id LOOP
            PERFORM coverage_refresh_people(r.target_id, r.people);
          END LOOP;
          RETURN NULL;
        END IF;
        FOR r IN SELECT t.id AS target_id, array_agg(DISTINCT x.person_id) AS people FROM changed_rows x JOIN target t
                   ON t.active AND x.topic_id = ANY(t.topic_ids) AND x.kind = ANY(t.evidence_kinds)
                 GROUP BY t.id ORDER BY t.id LOOP
          PERFORM coverage_refresh_people(r.target_id, r.people);
        END LOOP;
        RETURN NULL;
      END $$`;

/** coverage_refresh_people as migration 1763800024100 left it (restored by down()). */
const REFRESH_V2 = `
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
      END $$`;

const FOLD_V1 = `
      CREATE OR REPLACE FUNCTION coverage_fold_pending(p_limit integer) RETURNS integer LANGUAGE plpgsql AS $$
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
      END $$`;


/**
 * Subtree totals: coverage_rollup holds, for every unit, the sum of the counters of the units below it (itself
 * included). A view reads its root's row and its children's instead of summing thousands of counters. Kept by
 * statement triggers on coverage_counter (every writer of the counters already goes through them) and recomputed for
 * the old and new ancestors when units move.
 */
const ANCESTORS = `coverage_unit_and_ancestors(u.path)`;
const applyDelta = (rows: string) => `
          INSERT INTO coverage_rollup AS r (target_id, unit_id, year, eligible, covered)
          SELECT d.target_id, a.id, d.year, sum(d.e)::int, sum(d.c)::int
            FROM (${rows}) d
            JOIN target t ON t.id = d.target_id
            JOIN org_unit u ON u.id = d.unit_id CROSS JOIN LATERAL ${ANCESTORS} AS a(id)
           GROUP BY 1, 2, 3 HAVING sum(d.e) <> 0 OR sum(d.c) <> 0
           ORDER BY 1, 2, 3
          ON CONFLICT (target_id, unit_id, year) DO UPDATE SET eligible = r.eligible + excluded.eligible, covered = r.covered + excluded.covered;`;

/**
 * coverage_apply's statement for one way of choosing the people (`people`) and their existing rows (`rows`).
 * `spanOnce` (migration 1763800034000) computes each evidence year's span once, not once per evidence row.
 */
const applyStatement = (people: string, rows: string, spanOnce: boolean) => `
          WITH elig AS (
            SELECT p.id, p.unit_id FROM person p JOIN org_unit u ON u.id = p.unit_id
             WHERE ${people} AND t.active
               AND p.status IN ('active','on_leave') AND (cardinality(cats) = 0 OR p.category = ANY(cats))
               AND (cchc IS NULL OR p.does_cchc_work = cchc) AND (leader IS NULL OR p.is_leader = leader)
               AND (cardinality(levels) = 0 OR u.level = ANY(levels))
               AND (cardinality(roots) = 0 OR EXISTS (SELECT 1 FROM unnest(roots) r WHERE u.path LIKE r || '%'))
               AND (t.province_id IS NULL OR p.province_id = t.province_id)),
          ev AS (
            SELECT e.person_id, coverage_evidence_year(e.occurred_at) AS y
              FROM elig JOIN training_evidence e ON e.person_id = elig.id
             WHERE e.topic_id = ANY(t.topic_ids) AND e.kind = ANY(t.evidence_kinds)),
          span AS ${spanOnce ? 'MATERIALIZED ' : ''}(
            SELECT d.y, g FROM (SELECT DISTINCT y FROM ev) d,
                   generate_series(greatest(d.y, t.start_year), least(coverage_valid_until(t.validity, t.validity_years, t.phases, d.y), t.end_year)) g),
          yrs AS (SELECT ev.person_id, array_agg(DISTINCT span.g ORDER BY span.g) AS years FROM ev JOIN span ON span.y = ev.y GROUP BY ev.person_id),
          f AS (SELECT elig.id AS person_id, elig.unit_id, coalesce(yrs.years, '{}') AS years FROM elig LEFT JOIN yrs ON yrs.person_id = elig.id),
          gone AS (
            DELETE FROM coverage_person cp
             WHERE cp.target_id = p_target AND ${rows} AND NOT EXISTS (SELECT 1 FROM f WHERE f.person_id = cp.person_id)
            RETURNING cp.unit_id, cp.years),
          up AS (
            INSERT INTO coverage_person AS cp (target_id, person_id, unit_id, years)
            SELECT p_target, f.person_id, f.unit_id, f.years FROM f ORDER BY f.person_id
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
             ORDER BY 2, 3
            ON CONFLICT (target_id, year, unit_id) DO UPDATE
              SET eligible = coverage_counter.eligible + EXCLUDED.eligible, covered = coverage_counter.covered + EXCLUDED.covered;`;

/**
 * coverage_apply (after CREATE or CREATE OR REPLACE): the people given (p_mode 'people') or the people of the units
 * given ('units') recomputed for one target and applied as a difference: the rules of coverage_compute (the reference
 * the tests and `verify` compare with), but the audience is read once rather than through coverage_eligible for each
 * person, and each evidence year's span of covered years meant once rather than for each evidence row (the planner
 * inlined that span into the join until migration 1763800034000 made it MATERIALIZED).
 */
export const coverageApplySql = (spanOnce: boolean) => `FUNCTION coverage_apply(p_target uuid, p_ids uuid[], p_mode text) RETURNS void LANGUAGE plpgsql
      -- Planned for each call's own number of people: a plan cached for "about ten" joins a build step's tens of
      -- thousands of people, or a fold's hundreds, in nested loops.
      SET plan_cache_mode = force_custom_plan AS $$
      DECLARE t target%ROWTYPE; cats text[]; cchc boolean; leader boolean; levels text[]; roots text[];
      BEGIN
        SELECT * INTO t FROM target WHERE id = p_target;
        IF NOT FOUND OR p_ids IS NULL OR cardinality(p_ids) = 0 THEN RETURN; END IF;
        cats := ARRAY(SELECT jsonb_array_elements_text(coalesce(t.audience->'categories', '[]')));
        cchc := (t.audience->>'doesCchcWork')::boolean;
        leader := (t.audience->>'isLeader')::boolean;
        levels := CASE WHEN t.kind = 'units' THEN '{}' ELSE ARRAY(SELECT jsonb_array_elements_text(coalesce(t.audience->'unitLevels', '[]'))) END;
        roots := ARRAY(SELECT r.path FROM org_unit r WHERE r.id IN (SELECT x::uuid FROM jsonb_array_elements_text(coalesce(t.audience->'unitIds', '[]')) x));
        -- Subtrees named but none of them exists: nobody is in them.
        IF jsonb_array_length(coalesce(t.audience->'unitIds', '[]')) > 0 AND cardinality(roots) = 0 THEN roots := ARRAY[NULL::text]; END IF;
        -- The counters first, in the order every writer takes them, so two writers on the same units cannot deadlock.
        IF p_mode = 'units' THEN
          PERFORM 1 FROM coverage_counter c WHERE c.target_id = p_target AND c.unit_id = ANY(p_ids) ORDER BY c.unit_id, c.year FOR UPDATE;
          ${applyStatement('p.unit_id = ANY(p_ids)', 'cp.unit_id = ANY(p_ids)', spanOnce)}
        ELSE
          PERFORM 1 FROM coverage_counter c
            WHERE c.target_id = p_target AND c.unit_id IN (SELECT cp.unit_id FROM coverage_person cp WHERE cp.target_id = p_target AND cp.person_id = ANY(p_ids)
                                                           UNION SELECT p.unit_id FROM person p WHERE p.id = ANY(p_ids))
            ORDER BY c.unit_id, c.year FOR UPDATE;
          ${applyStatement('p.id = ANY(p_ids)', 'cp.person_id = ANY(p_ids)', spanOnce)}
        END IF;
      END $$`;

export class CoverageAtScale1763800031000 implements MigrationInterface {
  name = 'CoverageAtScale1763800031000';

  async up(q: QueryRunner): Promise<void> {
    // ---- 1. the queue knows the topic of each pass ----
    await q.query(`SELECT coverage_fold_pending(2147483647)`);
    await q.query(`ALTER TABLE coverage_pending ADD COLUMN topic_ids uuid[] NOT NULL`);
    await q.query(onEvidence(QUEUE_TEST_PASSES_V2));
    // Takes the batch in (person, topic) order and waits for a concurrent fold of the same rows (rather than skipping
    // them), so a reader that folds and then reads never misses a pass another fold had begun to apply.
    await q.query(`
      CREATE OR REPLACE FUNCTION coverage_fold_pending(p_limit integer) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE ps uuid[]; ts text[]; r record;
      BEGIN
        WITH batch AS (SELECT person_id FROM coverage_pending ORDER BY person_id LIMIT p_limit FOR UPDATE),
             gone AS (DELETE FROM coverage_pending c USING batch b WHERE c.person_id = b.person_id RETURNING c.person_id, c.topic_ids)
        SELECT array_agg(person_id), array_agg(topic_ids) INTO ps, ts FROM (SELECT person_id, array_to_string(topic_ids, ',') AS topic_ids FROM gone) g;
        IF ps IS NULL THEN RETURN 0; END IF;
        -- Only the targets a test pass on one of those topics, in the person's province, can change.
        FOR r IN SELECT t.id, array_agg(DISTINCT x.person_id ORDER BY x.person_id) AS people
                   FROM unnest(ps, ts) AS x(person_id, topics) JOIN person p ON p.id = x.person_id
                   JOIN target t ON t.topic_ids && string_to_array(x.topics, ',')::uuid[] AND (t.province_id IS NULL OR t.province_id = p.province_id)
                  WHERE t.active AND 'test_passed' = ANY(t.evidence_kinds)
                  GROUP BY t.id ORDER BY t.id LOOP
          PERFORM coverage_refresh_people(r.id, r.people);
        END LOOP;
        RETURN cardinality(ps);
      END $$`);

    // ---- 2. targets built in steps ----
    await q.query(`
      CREATE TABLE coverage_build (
        target_id uuid NOT NULL,
        next_path text NULL,
        people_total integer NOT NULL DEFAULT 0,
        people_done integer NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL,
        CONSTRAINT pk_coverage_build PRIMARY KEY (target_id),
        CONSTRAINT fk_coverage_build_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE,
        CONSTRAINT ck_coverage_build_people CHECK (people_done >= 0 AND people_total >= 0)
      )`);
    await q.query(`CREATE INDEX ix_coverage_build_open ON coverage_build (started_at) WHERE finished_at IS NULL`);
    // (Re)starts the build of a target from its first unit; waits for a step in progress (it holds the row).
    await q.query(`
      CREATE FUNCTION coverage_build_start(p_target uuid) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE prov uuid; total integer;
      BEGIN
        SELECT province_id INTO prov FROM target WHERE id = p_target;
        IF NOT FOUND THEN RETURN 0; END IF;
        SELECT count(*)::int INTO total FROM person p WHERE prov IS NULL OR p.province_id = prov;
        INSERT INTO coverage_build AS b (target_id, next_path, people_total, people_done, started_at, finished_at)
             VALUES (p_target, NULL, total, 0, clock_timestamp(), NULL)
        ON CONFLICT (target_id) DO UPDATE SET next_path = NULL, people_total = excluded.people_total, people_done = 0,
                                              started_at = excluded.started_at, finished_at = NULL;
        RETURN total;
      END $$`);
    await q.query(`
      CREATE ${coverageApplySql(false)}`);
    // Every refresh (evidence, people, units, the queue) and every build step go through coverage_apply.
    await q.query(`
      CREATE OR REPLACE FUNCTION coverage_refresh_people(p_target uuid, p_people uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM coverage_apply(p_target, p_people, 'people');
      END $$`);
    await q.query(`
      CREATE FUNCTION coverage_build_units(p_target uuid, p_units uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM coverage_apply(p_target, p_units, 'units');
      END $$`);
    // One step: the next units (tree order) of the target's province, or of the country, holding about p_people people.
    // p_wait false: answers nothing when another session is stepping this build (it holds the row).
    await q.query(`
      CREATE FUNCTION coverage_build_step(p_target uuid, p_people integer, p_wait boolean DEFAULT true)
      RETURNS TABLE (done integer, total integer, finished boolean) LANGUAGE plpgsql AS $$
      DECLARE b coverage_build%ROWTYPE; prov uuid; u record; units uuid[] := '{}'; last text; n integer := 0;
      BEGIN
        IF p_wait THEN SELECT * INTO b FROM coverage_build WHERE target_id = p_target FOR UPDATE;
        ELSE SELECT * INTO b FROM coverage_build WHERE target_id = p_target FOR UPDATE SKIP LOCKED; END IF;
        IF NOT FOUND THEN RETURN; END IF;
        IF b.finished_at IS NOT NULL THEN RETURN QUERY SELECT b.people_done, b.people_total, true; RETURN; END IF;
        SELECT t.province_id INTO prov FROM target t WHERE t.id = p_target;
        FOR u IN SELECT o.id, o.path FROM org_unit o
                  WHERE (prov IS NULL OR o.province_id = prov) AND o.path > coalesce(b.next_path, '')
                  ORDER BY o.path LOOP
          units := units || u.id;
          last := u.path;
          n := n + (SELECT count(*)::int FROM person p WHERE p.unit_id = u.id);
          EXIT WHEN n >= p_people;
        END LOOP;
        IF last IS NULL THEN
          UPDATE coverage_build SET finished_at = clock_timestamp(), people_done = greatest(people_done, people_total) WHERE target_id = p_target
            RETURNING people_done, people_total INTO b.people_done, b.people_total;
          RETURN QUERY SELECT b.people_done, b.people_total, true;
          RETURN;
        END IF;
        PERFORM coverage_build_units(p_target, units);
        UPDATE coverage_build SET next_path = last, people_done = people_done + n WHERE target_id = p_target
          RETURNING people_done, people_total INTO b.people_done, b.people_total;
        RETURN QUERY SELECT b.people_done, b.people_total, false;
      END $$`);

    // ---- 4. subtree totals ----
    // The unit of a path and every unit above it (each prefix of the path is a unit's path).
    await q.query(`
      CREATE FUNCTION coverage_unit_and_ancestors(p_path text) RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
        SELECT a.id FROM generate_series(1, cardinality(string_to_array(trim(both '/' from p_path), '/'))) i
          JOIN org_unit a ON a.path = '/' || array_to_string((string_to_array(trim(both '/' from p_path), '/'))[1:i], '/') || '/'
      $$`);
    await q.query(`
      CREATE TABLE coverage_rollup (
        target_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        year integer NOT NULL,
        eligible integer NOT NULL DEFAULT 0,
        covered integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_coverage_rollup PRIMARY KEY (target_id, unit_id, year),
        CONSTRAINT fk_coverage_rollup_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE FUNCTION coverage_rollup_on_counter() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN${applyDelta('SELECT target_id, unit_id, year, eligible AS e, covered AS c FROM new_rows')}
        ELSIF TG_OP = 'UPDATE' THEN${applyDelta(`SELECT target_id, unit_id, year, eligible AS e, covered AS c FROM new_rows
                            UNION ALL SELECT target_id, unit_id, year, -eligible, -covered FROM old_rows`)}
        ELSE${applyDelta('SELECT target_id, unit_id, year, -eligible AS e, -covered AS c FROM old_rows')}
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_coverage_rollup_ins AFTER INSERT ON coverage_counter REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_on_counter()`);
    await q.query(`CREATE TRIGGER trg_coverage_rollup_upd AFTER UPDATE ON coverage_counter REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_on_counter()`);
    await q.query(`CREATE TRIGGER trg_coverage_rollup_del AFTER DELETE ON coverage_counter REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_on_counter()`);
    // A unit that moves changes the totals of its old and its new ancestors: those are summed again from the counters.
    await q.query(`
      CREATE FUNCTION coverage_rollup_on_unit_move() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE affected uuid[];
      BEGIN
        SELECT array_agg(DISTINCT a.id) INTO affected
          FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.path <> n.path,
               LATERAL (SELECT coverage_unit_and_ancestors(o.path) UNION SELECT coverage_unit_and_ancestors(n.path)) AS a(id);
        IF affected IS NULL THEN RETURN NULL; END IF;
        DELETE FROM coverage_rollup WHERE unit_id = ANY(affected);
        INSERT INTO coverage_rollup (target_id, unit_id, year, eligible, covered)
          SELECT c.target_id, a.id, c.year, sum(c.eligible)::int, sum(c.covered)::int
            FROM coverage_counter c JOIN org_unit u ON u.id = c.unit_id CROSS JOIN LATERAL ${ANCESTORS} AS a(id)
           WHERE a.id = ANY(affected)
           GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_coverage_rollup_unit AFTER UPDATE ON org_unit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_rollup_on_unit_move()`);
    await q.query(`
      INSERT INTO coverage_rollup (target_id, unit_id, year, eligible, covered)
      SELECT c.target_id, a.id, c.year, sum(c.eligible)::int, sum(c.covered)::int
        FROM coverage_counter c JOIN org_unit u ON u.id = c.unit_id CROSS JOIN LATERAL ${ANCESTORS} AS a(id)
       GROUP BY 1, 2, 3`);

    // ---- 3. a person's evidence read from the index alone ----
    await q.query(`CREATE INDEX ix_training_evidence_person_years ON training_evidence (person_id, topic_id) INCLUDE (kind, occurred_at)`);
    await q.query(`DROP INDEX ix_training_evidence_person`);
    await q.query(`ALTER INDEX ix_training_evidence_person_years RENAME TO ix_training_evidence_person`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_coverage_rollup_unit ON org_unit`);
    await q.query(`DROP TRIGGER trg_coverage_rollup_del ON coverage_counter`);
    await q.query(`DROP TRIGGER trg_coverage_rollup_upd ON coverage_counter`);
    await q.query(`DROP TRIGGER trg_coverage_rollup_ins ON coverage_counter`);
    await q.query(`DROP FUNCTION coverage_rollup_on_unit_move()`);
    await q.query(`DROP FUNCTION coverage_rollup_on_counter()`);
    await q.query(`DROP TABLE coverage_rollup`);
    await q.query(`DROP FUNCTION coverage_unit_and_ancestors(text)`);
    await q.query(`CREATE INDEX ix_training_evidence_person_plain ON training_evidence (person_id, topic_id)`);
    await q.query(`DROP INDEX ix_training_evidence_person`);
    await q.query(`ALTER INDEX ix_training_evidence_person_plain RENAME TO ix_training_evidence_person`);
    // A build still running is finished at once (the way targets were built before).
    await q.query(`SELECT coverage_rebuild(target_id) FROM coverage_build WHERE finished_at IS NULL`);
    await q.query(`DROP FUNCTION coverage_build_step(uuid, integer, boolean)`);
    await q.query(`DROP FUNCTION coverage_build_units(uuid, uuid[])`);
    await q.query(REFRESH_V2);
    await q.query(`DROP FUNCTION coverage_apply(uuid, uuid[], text)`);
    await q.query(`DROP FUNCTION coverage_build_start(uuid)`);
    await q.query(`DROP TABLE coverage_build`);
    await q.query(`SELECT coverage_fold_pending(2147483647)`);
    await q.query(`ALTER TABLE coverage_pending DROP COLUMN topic_ids`);
    await q.query(FOLD_V1);
    await q.query(onEvidence(QUEUE_TEST_PASSES_V1));
  }
}
