import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subtree totals for units targets ("communes trained"). A units target counts units, not people: a unit at the
 * target's levels is covered in a year when a session on the target's topics was organised for it (and is still
 * valid), or when at least one of its people is covered and, with a share, covered/eligible ≥ share — the rule of
 * `unitCovered` (libs/shared). The views used to judge every counted unit of the subtree at each read (3,332 communes
 * for the country). Now:
 *
 * - `coverage_unit_status` holds the judgement of each counted unit and year (target × unit × year → covered);
 * - `coverage_unit_rollup` holds, for every unit, the number of counted units in its subtree and how many are covered,
 *   kept from the status rows by statement triggers (like coverage_rollup from the counters);
 * - `coverage_units_judge(target, units)` judges the given units again and writes only what changed. It is called by
 *   everything the judgement depends on: the unit's counters (the counters' trigger), a session on the target's topics
 *   organised for the unit (insert, change, delete), the unit itself (created, closed, merged, moved, level changed)
 *   and the target (created, or its rules changed).
 */

/** The counters' subtree totals (as migration 1763800031000 keeps them); `units` adds the units targets' judgement. */
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
/** The units of the changed counters judged again, for the units targets among them. */
const judgeCounters = (rows: string) => `
          FOR judged IN SELECT d.target_id, array_agg(DISTINCT d.unit_id ORDER BY d.unit_id) AS units
                     FROM (${rows}) d JOIN target t ON t.id = d.target_id AND t.kind = 'units'
                    GROUP BY d.target_id ORDER BY d.target_id LOOP
            PERFORM coverage_units_judge(judged.target_id, judged.units);
          END LOOP;`;
const onCounter = (withUnits: boolean) => `
      CREATE OR REPLACE FUNCTION coverage_rollup_on_counter() RETURNS trigger LANGUAGE plpgsql AS $$
      ${withUnits ? 'DECLARE judged record;' : ''}
      BEGIN
        IF TG_OP = 'INSERT' THEN${applyDelta('SELECT target_id, unit_id, year, eligible AS e, covered AS c FROM new_rows')}${withUnits ? judgeCounters('SELECT target_id, unit_id FROM new_rows') : ''}
        ELSIF TG_OP = 'UPDATE' THEN${applyDelta(`SELECT target_id, unit_id, year, eligible AS e, covered AS c FROM new_rows
                            UNION ALL SELECT target_id, unit_id, year, -eligible, -covered FROM old_rows`)}${withUnits ? judgeCounters('SELECT target_id, unit_id FROM new_rows') : ''}
        ELSE${applyDelta('SELECT target_id, unit_id, year, -eligible AS e, -covered AS c FROM old_rows')}${withUnits ? judgeCounters('SELECT target_id, unit_id FROM old_rows') : ''}
        END IF;
        RETURN NULL;
      END $$`;

/** Adds the change of status rows to the unit-rollup rows of their unit and of every unit above it. */
const applyUnitsDelta = (rows: string) => `
          INSERT INTO coverage_unit_rollup AS r (target_id, unit_id, year, units, covered)
          SELECT d.target_id, a.id, d.year, sum(d.n)::int, sum(d.c)::int
            FROM (${rows}) d
            JOIN target t ON t.id = d.target_id -- not for the rows of a target being deleted
            JOIN org_unit u ON u.id = d.unit_id CROSS JOIN LATERAL ${ANCESTORS} AS a(id)
           GROUP BY 1, 2, 3 HAVING sum(d.n) <> 0 OR sum(d.c) <> 0
           ORDER BY 1, 2, 3
          ON CONFLICT (target_id, unit_id, year) DO UPDATE SET units = r.units + excluded.units, covered = r.covered + excluded.covered;`;

/** The unit-rollup rows of the given units summed again from the status rows of their subtrees. */
const RESUM_UNITS = `
          DELETE FROM coverage_unit_rollup WHERE unit_id = ANY(affected);
          INSERT INTO coverage_unit_rollup (target_id, unit_id, year, units, covered)
            SELECT s.target_id, a.id, s.year, count(*)::int, count(*) FILTER (WHERE s.covered)::int
              FROM coverage_unit_status s JOIN org_unit u ON u.id = s.unit_id CROSS JOIN LATERAL ${ANCESTORS} AS a(id)
             WHERE a.id = ANY(affected)
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;`;

export class CoverageUnitsRollup1763800033000 implements MigrationInterface {
  name = 'CoverageUnitsRollup1763800033000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE coverage_unit_status (
        target_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        year integer NOT NULL,
        covered boolean NOT NULL,
        CONSTRAINT pk_coverage_unit_status PRIMARY KEY (target_id, unit_id, year),
        CONSTRAINT fk_coverage_unit_status_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE coverage_unit_rollup (
        target_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        year integer NOT NULL,
        units integer NOT NULL DEFAULT 0,
        covered integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_coverage_unit_rollup PRIMARY KEY (target_id, unit_id, year),
        CONSTRAINT fk_coverage_unit_rollup_target FOREIGN KEY (target_id) REFERENCES target (id) ON DELETE CASCADE
      )`);

    // The judgement of the given units for one target, every year of the target; only changed rows are written.
    // The same rule as the views had in SQL (CoverageRepository.unitsCounts before this migration) and as
    // `unitCovered` in libs/shared. A people target keeps no status rows (a target whose kind changed loses them).
    await q.query(`
      CREATE FUNCTION coverage_units_judge(p_target uuid, p_units uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE t target%ROWTYPE; levels text[]; roots text[]; restricted boolean;
      BEGIN
        SELECT * INTO t FROM target WHERE id = p_target;
        IF NOT FOUND OR p_units IS NULL OR cardinality(p_units) = 0 THEN RETURN; END IF;
        IF t.kind <> 'units' THEN
          DELETE FROM coverage_unit_status s WHERE s.target_id = p_target AND s.unit_id = ANY(p_units);
          RETURN;
        END IF;
        levels := ARRAY(SELECT jsonb_array_elements_text(coalesce(t.audience->'unitLevels', '[]')));
        restricted := jsonb_array_length(coalesce(t.audience->'unitIds', '[]')) > 0;
        roots := ARRAY(SELECT r.path FROM org_unit r WHERE r.id IN (SELECT x::uuid FROM jsonb_array_elements_text(coalesce(t.audience->'unitIds', '[]')) x));
        WITH counted AS (
          SELECT u.id FROM org_unit u
           WHERE u.id = ANY(p_units) AND u.status = 'active' AND u.level = ANY(levels)
             AND (t.province_id IS NULL OR u.province_id = t.province_id)
             AND (NOT restricted OR EXISTS (SELECT 1 FROM unnest(roots) r WHERE u.path LIKE r || '%'))),
        held AS (
          SELECT DISTINCT x.unit_id, g AS y
            FROM training_session s CROSS JOIN LATERAL unnest(s.for_unit_ids || s.organising_unit_id) AS x(unit_id),
                 generate_series(greatest(extract(year FROM s.starts_on)::int, t.start_year),
                                 least(coverage_valid_until(t.validity, t.validity_years, t.phases, extract(year FROM s.starts_on)::int), t.end_year)) g
           WHERE 'attendance' = ANY(t.evidence_kinds) AND s.topic_id = ANY(t.topic_ids) AND x.unit_id IN (SELECT id FROM counted)),
        want AS (
          SELECT c.id AS unit_id, g.yr AS y,
                 (h.unit_id IS NOT NULL OR (coalesce(k.covered, 0) > 0 AND
                    (t.unit_share <= 0 OR (k.eligible > 0 AND k.covered::float8 / k.eligible >= t.unit_share::float8 - 1e-9)))) AS covered
            FROM counted c CROSS JOIN generate_series(t.start_year, t.end_year) AS g(yr)
            LEFT JOIN coverage_counter k ON k.target_id = p_target AND k.unit_id = c.id AND k.year = g.yr
            LEFT JOIN held h ON h.unit_id = c.id AND h.y = g.yr),
        gone AS (
          DELETE FROM coverage_unit_status s
           WHERE s.target_id = p_target AND s.unit_id = ANY(p_units) AND NOT EXISTS (SELECT 1 FROM want w WHERE w.unit_id = s.unit_id AND w.y = s.year)
          RETURNING 1)
        INSERT INTO coverage_unit_status AS s (target_id, unit_id, year, covered)
          SELECT p_target, w.unit_id, w.y, w.covered FROM want w ORDER BY w.unit_id, w.y
          ON CONFLICT (target_id, unit_id, year) DO UPDATE SET covered = excluded.covered WHERE s.covered IS DISTINCT FROM excluded.covered;
      END $$`);

    await q.query(`
      CREATE FUNCTION coverage_unit_rollup_on_status() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN${applyUnitsDelta('SELECT target_id, unit_id, year, 1 AS n, covered::int AS c FROM new_rows')}
        ELSIF TG_OP = 'UPDATE' THEN${applyUnitsDelta(`SELECT target_id, unit_id, year, 0 AS n, covered::int AS c FROM new_rows
                            UNION ALL SELECT target_id, unit_id, year, 0, -covered::int FROM old_rows`)}
        ELSE${applyUnitsDelta('SELECT target_id, unit_id, year, -1 AS n, -covered::int AS c FROM old_rows')}
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_coverage_unit_rollup_ins AFTER INSERT ON coverage_unit_status REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_unit_rollup_on_status()`);
    await q.query(`CREATE TRIGGER trg_coverage_unit_rollup_upd AFTER UPDATE ON coverage_unit_status REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_unit_rollup_on_status()`);
    await q.query(`CREATE TRIGGER trg_coverage_unit_rollup_del AFTER DELETE ON coverage_unit_status REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_unit_rollup_on_status()`);

    // A unit's counters changed: judge it again (units targets only).
    await q.query(onCounter(true));

    // A session organised for units (before and after the change) on a units target's topics.
    await q.query(`
      CREATE FUNCTION coverage_units_on_session() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record; units uuid[] := '{}'; topics uuid[] := '{}';
      BEGIN
        IF TG_OP <> 'INSERT' THEN units := units || OLD.for_unit_ids || OLD.organising_unit_id; topics := topics || OLD.topic_id; END IF;
        IF TG_OP <> 'DELETE' THEN units := units || NEW.for_unit_ids || NEW.organising_unit_id; topics := topics || NEW.topic_id; END IF;
        FOR r IN SELECT t.id FROM target t WHERE t.kind = 'units' AND 'attendance' = ANY(t.evidence_kinds) AND t.topic_ids && topics ORDER BY t.id LOOP
          PERFORM coverage_units_judge(r.id, ARRAY(SELECT DISTINCT x FROM unnest(units) x ORDER BY x));
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_coverage_units_session AFTER INSERT OR UPDATE OR DELETE ON training_session FOR EACH ROW EXECUTE FUNCTION coverage_units_on_session()`);

    // A unit created, closed, merged, moved or of another level: judged again; a move also sums the totals of its old
    // and new ancestors again, a deleted unit those of its old ones.
    await q.query(`
      CREATE FUNCTION coverage_units_on_unit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record; changed uuid[]; affected uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(n.id ORDER BY n.id) INTO changed FROM new_rows n;
        ELSIF TG_OP = 'UPDATE' THEN
          SELECT array_agg(n.id ORDER BY n.id) INTO changed FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (o.status, o.level, o.path, o.province_id) IS DISTINCT FROM (n.status, n.level, n.path, n.province_id);
        ELSE
          SELECT array_agg(DISTINCT a.id) INTO affected FROM old_rows o, LATERAL coverage_unit_and_ancestors(o.path) AS a(id);
          DELETE FROM coverage_unit_status s USING old_rows o WHERE s.unit_id = o.id;
          DELETE FROM coverage_unit_rollup ur USING old_rows o WHERE ur.unit_id = o.id;
          IF affected IS NOT NULL THEN${RESUM_UNITS}
          END IF;
          RETURN NULL;
        END IF;
        IF changed IS NULL THEN RETURN NULL; END IF;
        FOR r IN SELECT t.id FROM target t WHERE t.kind = 'units' ORDER BY t.id LOOP
          PERFORM coverage_units_judge(r.id, changed);
        END LOOP;
        IF TG_OP = 'UPDATE' THEN
          SELECT array_agg(DISTINCT a.id) INTO affected
            FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.path <> n.path,
                 LATERAL (SELECT coverage_unit_and_ancestors(o.path) UNION SELECT coverage_unit_and_ancestors(n.path)) AS a(id);
          IF affected IS NOT NULL THEN${RESUM_UNITS}
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_coverage_units_unit_ins AFTER INSERT ON org_unit REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_units_on_unit()`);
    await q.query(`CREATE TRIGGER trg_coverage_units_unit_upd AFTER UPDATE ON org_unit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_units_on_unit()`);
    await q.query(`CREATE TRIGGER trg_coverage_units_unit_del AFTER DELETE ON org_unit REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_units_on_unit()`);

    // A units target created or its rules changed (by a save, which also rebuilds its counters, or by any other
    // writer): every unit judged again under the new rules. Its counters may still be rebuilding; each unit whose
    // counters change is judged again by the counters' trigger.
    await q.query(`
      CREATE FUNCTION coverage_units_on_target() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.kind = 'units' OR (TG_OP = 'UPDATE' AND OLD.kind = 'units'))
           AND (TG_OP = 'INSERT' OR (OLD.kind, OLD.audience, OLD.province_id, OLD.start_year, OLD.end_year, OLD.topic_ids, OLD.evidence_kinds,
                                     OLD.validity, OLD.validity_years, OLD.phases, OLD.unit_share)
                IS DISTINCT FROM (NEW.kind, NEW.audience, NEW.province_id, NEW.start_year, NEW.end_year, NEW.topic_ids, NEW.evidence_kinds,
                                  NEW.validity, NEW.validity_years, NEW.phases, NEW.unit_share)) THEN
          PERFORM coverage_units_judge(NEW.id, ARRAY(SELECT u.id FROM org_unit u ORDER BY u.id));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_coverage_units_target AFTER INSERT OR UPDATE ON target FOR EACH ROW EXECUTE FUNCTION coverage_units_on_target()`);

    // Every units target (and any status row a people target should not have), every unit.
    await q.query(`SELECT coverage_units_judge(t.id, (SELECT array_agg(u.id ORDER BY u.id) FROM org_unit u)) FROM target t WHERE t.kind = 'units' ORDER BY t.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_coverage_units_target ON target`);
    await q.query(`DROP FUNCTION coverage_units_on_target()`);
    await q.query(`DROP TRIGGER trg_coverage_units_unit_del ON org_unit`);
    await q.query(`DROP TRIGGER trg_coverage_units_unit_upd ON org_unit`);
    await q.query(`DROP TRIGGER trg_coverage_units_unit_ins ON org_unit`);
    await q.query(`DROP FUNCTION coverage_units_on_unit()`);
    await q.query(`DROP TRIGGER trg_coverage_units_session ON training_session`);
    await q.query(`DROP FUNCTION coverage_units_on_session()`);
    await q.query(onCounter(false));
    await q.query(`DROP TRIGGER trg_coverage_unit_rollup_del ON coverage_unit_status`);
    await q.query(`DROP TRIGGER trg_coverage_unit_rollup_upd ON coverage_unit_status`);
    await q.query(`DROP TRIGGER trg_coverage_unit_rollup_ins ON coverage_unit_status`);
    await q.query(`DROP FUNCTION coverage_unit_rollup_on_status()`);
    await q.query(`DROP FUNCTION coverage_units_judge(uuid, uuid[])`);
    await q.query(`DROP TABLE coverage_unit_rollup`);
    await q.query(`DROP TABLE coverage_unit_status`);
  }
}
