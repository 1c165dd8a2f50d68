import { Injectable } from '@nestjs/common';
import { ReadReplica } from '@api/read-replica';
import { viNameOrder, viOrder } from '@api/common/database';
import { DataSource, EntityManager } from 'typeorm';
import type { LowScorerSort } from '@cchc/shared';
import type { TargetRow } from '@api/targets';
import { scopeChildSql, scopeSql, type UnitScope } from '@api/common/access';

export interface UnitInfo {
  id: string;
  name: string;
  code: string;
  level: string;
  path: string;
  parentId: string | null;
}

export interface CountRow {
  /** Id of the child of the root the counts belong to; '' for people sitting in the root itself. */
  child: string;
  eligible: number;
  covered: number;
}

export interface UncoveredUnitRow {
  id: string;
  name: string;
  code: string;
  path: string;
  eligible: number;
  covered: number;
}

export interface MissingPersonRow {
  personId: string;
  fullName: string;
  staffCode: string;
  category: string;
  position: string | null;
  unitId: string;
  unitName: string;
  years: number[];
  failedScore: number | null;
}

export interface TestStatsRow {
  child: string;
  band: string;
  taken: number;
  passed: number;
  scoreSum: number;
}

/** Lowest (or, for commendations, highest) score first, by name, by unit, or latest first; then by name. */
function scoreOrder(kind: 'low' | 'high', sort: LowScorerSort): string {
  const name = viNameOrder('p.full_name');
  switch (sort) {
    case 'fullName':
      return `${name}, tr.score ${kind === 'low' ? 'ASC' : 'DESC'}`;
    case 'unit':
      return `${viOrder('u.name')}, ${name}`;
    case 'date':
      return `tr.finished_at DESC, ${name}`;
    default:
      return `tr.score ${kind === 'low' ? 'ASC' : 'DESC'}, ${name}`;
  }
}

/** The person's latest failed score in the year on the target's topics ($2 the year, $3 the topics). */
const FAILED_SCORE = `(SELECT tr.score::float FROM test_result tr JOIN test_round r ON r.id = tr.round_id
         WHERE tr.person_id = p.id AND r.topic_ids && $3::uuid[] AND NOT tr.passed AND coverage_evidence_year(tr.finished_at) = $2
         ORDER BY tr.finished_at DESC LIMIT 1)`;

/** Every coverage query: reads the counters kept by the triggers, never the raw evidence (except the checks). */
@Injectable()
export class CoverageRepository {
  constructor(
    private readonly db: DataSource,
    /** The standby for the views' aggregate reads (DATABASE_READ_URL); the primary when there is none. */
    private readonly reads: ReadReplica,
  ) {}

  /**
   * The top unit of the scope: the subtree's root, or for the whole tree the province root (the oldest unit without a
   * parent). Nothing for a scope without units.
   */
  async top(scope: UnitScope): Promise<UnitInfo | null> {
    if (scope.kind === 'subtree') return this.unit(scope, scope.rootUnitId);
    if (scope.kind !== 'all') return null;
    const rows = await this.db.query(
      `SELECT id, name, code, level, path, parent_id AS "parentId" FROM org_unit WHERE parent_id IS NULL AND status = 'active' ORDER BY created_at, code LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  /** One unit of the scope. */
  async unit(scope: UnitScope, id: string): Promise<UnitInfo | null> {
    const params: unknown[] = [id];
    const rows = await this.db.query(
      `SELECT u.id, u.name, u.code, u.level, u.path, u.parent_id AS "parentId" FROM org_unit u WHERE u.id = $1 AND ${scopeSql(scope, 'u.path', params)}`,
      params,
    );
    return rows[0] ?? null;
  }

  /** The active children of a unit, inside the scope. */
  children(scope: UnitScope, parentId: string): Promise<UnitInfo[]> {
    const params: unknown[] = [parentId];
    return this.db.query(
      `SELECT u.id, u.name, u.code, u.level, u.path, u.parent_id AS "parentId" FROM org_unit u
        WHERE u.parent_id = $1 AND u.status = 'active' AND ${scopeSql(scope, 'u.path', params)} ORDER BY u.level, ${viOrder('u.name')}`,
      params,
    );
  }

  /**
   * People targets: eligible and covered in the scope for one year, by child of the scope's root. A subtree reads the
   * subtree totals (coverage_rollup) of the root's children and the root's own counter: a few dozen rows whatever the
   * size of the tree below.
   */
  async peopleCounts(scope: UnitScope, targetId: string, year: number, manager?: EntityManager): Promise<CountRow[]> {
    const params: unknown[] = [targetId, year];
    const sql =
      scope.kind === 'subtree'
        ? `SELECT u.id::text AS child, r.eligible, r.covered
             FROM org_unit u JOIN coverage_rollup r ON r.target_id = $1 AND r.unit_id = u.id AND r.year = $2
            WHERE u.parent_id = $${params.push(scope.rootUnitId)} AND ${scopeSql(scope, 'u.path', params)}
           UNION ALL
           SELECT '' AS child, c.eligible, c.covered FROM coverage_counter c WHERE c.target_id = $1 AND c.year = $2 AND c.unit_id = $3`
        : `SELECT ${scopeChildSql(scope, 'u.path', params)} AS child, sum(c.eligible)::int AS eligible, sum(c.covered)::int AS covered
             FROM coverage_counter c JOIN org_unit u ON u.id = c.unit_id
            WHERE c.target_id = $1 AND c.year = $2 AND ${scopeSql(scope, 'u.path', params)}
            GROUP BY 1`;
    // Inside a transaction (the report being built with its writes) the caller's manager; otherwise the standby may answer.
    return manager ? manager.query(sql, params) : this.reads.query<CountRow>(sql, params);
  }

  /**
   * Several targets at once (the heat map), each in its own year, by child of a subtree scope's root: people targets
   * from the subtree totals of the root's children and the root's own counter, units targets from the units' subtree
   * totals and the root's own judgement. One statement instead of one per target.
   */
  async countsOfTargets(scope: UnitScope & { kind: 'subtree' }, asked: { targetId: string; year: number; kind: 'people' | 'units' }[]): Promise<(CountRow & { targetId: string })[]> {
    if (!asked.length) return [];
    const params: unknown[] = [asked.map((a) => a.targetId), asked.map((a) => a.year), asked.map((a) => a.kind), scope.rootUnitId];
    return this.reads.query(
      `WITH q AS (SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[]) AS q(target_id, year, kind)),
            ch AS (SELECT u.id FROM org_unit u WHERE u.parent_id = $4 AND ${scopeSql(scope, 'u.path', params)})
       SELECT q.target_id::text AS "targetId", ch.id::text AS child, r.eligible, r.covered
         FROM q CROSS JOIN ch JOIN coverage_rollup r ON r.target_id = q.target_id AND r.unit_id = ch.id AND r.year = q.year WHERE q.kind = 'people'
       UNION ALL
       SELECT q.target_id::text, '', c.eligible, c.covered FROM q JOIN coverage_counter c ON c.target_id = q.target_id AND c.year = q.year AND c.unit_id = $4 WHERE q.kind = 'people'
       UNION ALL
       SELECT q.target_id::text, ch.id::text, r.units, r.covered
         FROM q CROSS JOIN ch JOIN coverage_unit_rollup r ON r.target_id = q.target_id AND r.unit_id = ch.id AND r.year = q.year WHERE q.kind = 'units'
       UNION ALL
       SELECT q.target_id::text, '', 1, s.covered::int FROM q JOIN coverage_unit_status s ON s.target_id = q.target_id AND s.year = q.year AND s.unit_id = $4 WHERE q.kind = 'units'`,
      params,
    );
  }

  /** People targets: the scope's totals year by year (the subtree totals of its root). */
  async peopleSeries(scope: UnitScope, targetId: string): Promise<{ year: number; eligible: number; covered: number }[]> {
    const params: unknown[] = [targetId];
    if (scope.kind === 'subtree')
      return this.reads.query(
        `SELECT r.year, r.eligible, r.covered FROM coverage_rollup r JOIN org_unit u ON u.id = r.unit_id
          WHERE r.target_id = $1 AND r.unit_id = $${params.push(scope.rootUnitId)} AND ${scopeSql(scope, 'u.path', params)} ORDER BY r.year`,
        params,
      );
    return this.reads.query(
      `SELECT c.year, sum(c.eligible)::int AS eligible, sum(c.covered)::int AS covered
         FROM coverage_counter c JOIN org_unit u ON u.id = c.unit_id
        WHERE c.target_id = $1 AND ${scopeSql(scope, 'u.path', params)} GROUP BY c.year ORDER BY c.year`,
      params,
    );
  }

  /**
   * Units targets: the counted units of the scope that are not covered in the year (as judged in coverage_unit_status),
   * with their people counts, in name order.
   */
  async uncoveredUnits(scope: UnitScope, t: TargetRow, year: number): Promise<UncoveredUnitRow[]> {
    const params: unknown[] = [t.id, year];
    return this.reads.query(
      `SELECT u.id, u.name, u.code, u.path, coalesce(c.eligible, 0)::int AS eligible, coalesce(c.covered, 0)::int AS covered
         FROM org_unit u JOIN coverage_unit_status s ON s.target_id = $1 AND s.unit_id = u.id AND s.year = $2 AND NOT s.covered
         LEFT JOIN coverage_counter c ON c.target_id = $1 AND c.unit_id = u.id AND c.year = $2
        WHERE ${scopeSql(scope, 'u.path', params)}
        ORDER BY ${viOrder('u.name')}`,
      params,
    );
  }

  /**
   * Units targets: per year and child of the scope's root, the counted units and how many are covered — the rule of
   * `unitCovered` (libs/shared) in SQL: a session organised for the unit and valid in the year, or at least one
   * covered person and, with a share, covered/eligible ≥ share. One statement for any number of years (the series).
   */
  unitsCounts(scope: UnitScope, t: TargetRow, years: number[]): Promise<{ year: number; child: string; eligible: number; covered: number }[]> {
    if (scope.kind === 'subtree') {
      // The subtree totals of the root's children and the root's own judgement (migration 1763800033000): a few dozen
      // rows whatever the number of units below.
      const params: unknown[] = [t.id, years, scope.rootUnitId];
      return this.reads.query(
        `SELECT r.year, u.id::text AS child, r.units AS eligible, r.covered
           FROM org_unit u JOIN coverage_unit_rollup r ON r.target_id = $1 AND r.unit_id = u.id AND r.year = ANY($2::int[])
          WHERE u.parent_id = $3 AND ${scopeSql(scope, 'u.path', params)}
         UNION ALL
         SELECT s.year, '' AS child, 1 AS eligible, s.covered::int AS covered
           FROM coverage_unit_status s WHERE s.target_id = $1 AND s.unit_id = $3 AND s.year = ANY($2::int[])`,
        params,
      );
    }
    const params: unknown[] = [
      t.id, years, t.audience.unitLevels, t.evidenceKinds.includes('attendance' as never), t.topicIds, t.validity, t.validityYears, JSON.stringify(t.phases),
      JSON.stringify(t.audience.unitIds ?? []), Number(t.unitShare),
    ];
    return this.reads.query(
      `WITH ys AS (SELECT unnest($2::int[]) AS y),
       units AS (
         SELECT u.id, ${scopeChildSql(scope, 'u.path', params)} AS child FROM org_unit u
          WHERE ${scopeSql(scope, 'u.path', params)} AND u.status = 'active' AND u.level = ANY($3::text[])
            AND (jsonb_array_length($9::jsonb) = 0 OR EXISTS (
                 SELECT 1 FROM org_unit r WHERE r.id IN (SELECT x::uuid FROM jsonb_array_elements_text($9::jsonb) x) AND u.path LIKE r.path || '%'))),
       held AS (
         SELECT DISTINCT x.unit_id, ys.y FROM training_session s CROSS JOIN LATERAL unnest(s.for_unit_ids || s.organising_unit_id) AS x(unit_id)
           JOIN ys ON extract(year FROM s.starts_on)::int <= ys.y AND coverage_valid_until($6, $7, $8::jsonb, extract(year FROM s.starts_on)::int) >= ys.y
          WHERE $4 AND s.topic_id = ANY($5::uuid[]))
       SELECT ys.y AS year, units.child, count(*)::int AS eligible,
              count(*) FILTER (WHERE h.unit_id IS NOT NULL OR (coalesce(c.covered, 0) > 0 AND
                                 ($10::float8 <= 0 OR (c.eligible > 0 AND c.covered::float8 / c.eligible >= $10::float8 - 1e-9))))::int AS covered
         FROM units CROSS JOIN ys
         -- The years also as an index condition: otherwise every year of the target's counters is read and hashed.
         LEFT JOIN coverage_counter c ON c.target_id = $1 AND c.unit_id = units.id AND c.year = ys.y AND c.year = ANY($2::int[])
         LEFT JOIN held h ON h.unit_id = units.id AND h.y = ys.y
        GROUP BY 1, 2`,
      params,
    );
  }

  /** People of the scope the target counts who are not covered in the year: a page (with the total) or all (limit null). */
  async missingPeople(scope: UnitScope, t: TargetRow, year: number, limit: number | null, offset: number): Promise<{ total: number; rows: MissingPersonRow[] }> {
    if (limit !== null && scope.kind === 'subtree') return this.missingPage(scope, t, year, limit, offset);
    // The page and the count each number their own parameters ($3 is the topics only the page reads).
    const where = (params: unknown[]) => `cp.target_id = $1 AND NOT ($2 = ANY(cp.years)) AND ${scopeSql(scope, { path: 'u.path', person: 'cp.person_id' }, params)}`;
    const countParams: unknown[] = [t.id, year];
    // The whole list (reports, exports) is its own count; only a page needs the total counted apart.
    const n =
      limit === null
        ? null
        : (await this.reads.query(`SELECT count(*)::int AS n FROM coverage_person cp JOIN org_unit u ON u.id = cp.unit_id WHERE ${where(countParams)}`, countParams))[0].n;
    const params: unknown[] = [t.id, year, t.topicIds];
    // By unit, then given name as Vietnamese lists are read (Vietnamese dictionary order, not the folded name). A failed
    // test is a reason only in the year it was taken: a 2026 attempt says nothing about the 2025 report.
    const rows = await this.reads.query(
      `SELECT p.id AS "personId", p.full_name AS "fullName", p.staff_code AS "staffCode", p.category, p.position, u.id AS "unitId", u.name AS "unitName",
              cp.years, ${FAILED_SCORE} AS "failedScore"
         FROM coverage_person cp JOIN person p ON p.id = cp.person_id JOIN org_unit u ON u.id = cp.unit_id
        WHERE ${where(params)}
        ORDER BY ${viOrder('u.name')}, ${viNameOrder('p.full_name')}, p.staff_code
        ${limit === null ? '' : `LIMIT ${Number(limit)} OFFSET ${Number(offset)}`}`,
      params,
    );
    return { total: n ?? rows.length, rows };
  }

  /**
   * A page of the not-covered list of a subtree without sorting the whole subtree's list: the units are walked in
   * name order and each unit's people read from its own index range, in name order, until the page is full. The
   * total is the subtree's eligible minus covered (coverage_rollup), which is exactly the number of such people.
   */
  private async missingPage(scope: UnitScope & { kind: 'subtree' }, t: TargetRow, year: number, limit: number, offset: number): Promise<{ total: number; rows: MissingPersonRow[] }> {
    const totalParams: unknown[] = [t.id, year, scope.rootUnitId];
    const [totals] = await this.reads.query<{ n: number }>(
      `SELECT coalesce(sum(r.eligible - r.covered), 0)::int AS n FROM coverage_rollup r WHERE r.target_id = $1 AND r.year = $2 AND r.unit_id = $3`,
      totalParams,
    );
    const upTo = Number(limit) + Number(offset);
    const params: unknown[] = [t.id, year, t.topicIds];
    const rows = await this.reads.query<MissingPersonRow>(
      `SELECT x."personId", x."fullName", x."staffCode", x.category, x.position, x."unitId", x."unitName", x.years, ${FAILED_SCORE.replace(/p\.id/g, 'x."personId"')} AS "failedScore"
         FROM (SELECT m.* FROM (SELECT u.id, u.name FROM org_unit u WHERE ${scopeSql(scope, 'u.path', params)} ORDER BY ${viOrder('u.name')}, u.id) AS u
                CROSS JOIN LATERAL (
                  SELECT p.id AS "personId", p.full_name AS "fullName", p.staff_code AS "staffCode", p.category, p.position, u.id AS "unitId", u.name AS "unitName", cp.years
                    FROM coverage_person cp JOIN person p ON p.id = cp.person_id
                   WHERE cp.target_id = $1 AND cp.unit_id = u.id AND NOT ($2 = ANY(cp.years))
                   ORDER BY ${viNameOrder('p.full_name')}, p.staff_code
                   LIMIT ${upTo}) m
               LIMIT ${Number(limit)} OFFSET ${Number(offset)}) x`,
      params,
    );
    return { total: totals?.n ?? 0, rows };
  }

  /** The targets that count one person and the years they are covered in (nothing when the person is outside the scope). */
  async personCoverage(scope: UnitScope, personId: string): Promise<{ targetId: string; years: number[] }[]> {
    const params: unknown[] = [personId];
    return this.db.query(
      `SELECT cp.target_id AS "targetId", cp.years FROM coverage_person cp JOIN person p ON p.id = cp.person_id JOIN org_unit u ON u.id = p.unit_id
        WHERE cp.person_id = $1 AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`,
      params,
    );
  }

  async personUnit(scope: UnitScope, personId: string): Promise<{ unitId: string; unitLevel: string; status: string } | null> {
    const params: unknown[] = [personId];
    const rows = await this.db.query(
      `SELECT p.unit_id AS "unitId", u.level AS "unitLevel", p.status FROM person p JOIN org_unit u ON u.id = p.unit_id
        WHERE p.id = $1 AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`,
      params,
    );
    return rows[0] ?? null;
  }

  /** Test statistics of the scope (by child of its root) for rounds on the target's topics, results finished in [fromYear, toYear]. */
  async testStats(scope: UnitScope, topicIds: string[], fromYear: number, toYear: number): Promise<TestStatsRow[]> {
    const params: unknown[] = [topicIds, fromYear, toYear];
    return this.reads.query(
      `SELECT ${scopeChildSql(scope, 'u.path', params)} AS child, tr.band, count(*)::int AS taken, count(*) FILTER (WHERE tr.passed)::int AS passed, sum(tr.score)::float AS "scoreSum"
         FROM test_result tr JOIN test_round r ON r.id = tr.round_id JOIN person p ON p.id = tr.person_id JOIN org_unit u ON u.id = p.unit_id
        WHERE r.topic_ids && $1::uuid[] AND coverage_evidence_year(tr.finished_at) BETWEEN $2 AND $3 AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}
        GROUP BY 1, 2`,
      params,
    );
  }

  /** Failed results (low) or results of 9 and above (high) in the scope, worst (best) first; with the total. */
  async scores(
    scope: UnitScope,
    fromYear: number,
    toYear: number,
    kind: 'low' | 'high',
    limit: number | null,
    offset: number,
    sort: LowScorerSort = 'score',
  ): Promise<{ total: number; rows: Record<string, unknown>[] }> {
    const params: unknown[] = [fromYear, toYear];
    const where = `coverage_evidence_year(tr.finished_at) BETWEEN $1 AND $2 AND p.status IN ('active','on_leave')
          AND ${kind === 'low' ? 'NOT tr.passed' : 'tr.score >= 9'} AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`;
    const from = `FROM test_result tr JOIN test_round r ON r.id = tr.round_id JOIN person p ON p.id = tr.person_id JOIN org_unit u ON u.id = p.unit_id`;
    const rows = await this.reads.query(
      `SELECT p.id AS "personId", p.full_name AS "fullName", p.staff_code AS "staffCode", u.name AS "unitName", r.name AS "roundName",
              tr.score::float AS score, tr.band, tr.passed, tr.finished_at AS "finishedAt"
         ${from} WHERE ${where}
        ORDER BY ${scoreOrder(kind, sort)}, tr.round_id, tr.person_id
        ${limit === null ? '' : `LIMIT ${Number(limit)} OFFSET ${Number(offset)}`}`,
      params,
    );
    const total = limit === null ? rows.length : (await this.reads.query(`SELECT count(*)::int AS n ${from} WHERE ${where}`, params))[0].n;
    return { total, rows };
  }

  /** Level and path of every active unit of the scope: which children a target's audience can apply to. */
  unitFacts(scope: UnitScope): Promise<{ path: string; level: string }[]> {
    const params: unknown[] = [];
    return this.db.query(`SELECT u.path, u.level FROM org_unit u WHERE ${scopeSql(scope, 'u.path', params)} AND u.status = 'active'`, params);
  }

  /**
   * The levels of the active units of a subtree scope, by child of its root: one row per (child, level) with the
   * child's path (the root's own path for the root), instead of one per unit — what `audienceAppliesTo` needs for the
   * root and its children when the target names no subtrees (a few dozen rows for the country, not 6,767).
   */
  unitLevelsByChild(scope: UnitScope & { kind: 'subtree' }): Promise<{ path: string; level: string }[]> {
    const params: unknown[] = [scope.path];
    return this.db.query(
      `SELECT DISTINCT CASE WHEN u.path = $1 THEN u.path ELSE $1 || split_part(substr(u.path, length($1) + 1), '/', 1) || '/' END AS path, u.level
         FROM org_unit u WHERE ${scopeSql(scope, 'u.path', params)} AND u.status = 'active'`,
      params,
    );
  }

  async unitPaths(ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { path: string }[] = await this.db.query(`SELECT path FROM org_unit WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map((r) => r.path);
  }

  /**
   * The check that the incremental aggregates equal a full recomputation: the number of (unit, year) counters and
   * subtree totals, and of people rows, that differ from coverage_compute(); for units targets, of unit judgements and
   * their subtree totals (`unitDiffs`). Zero means right.
   */
  async verify(targetId: string, manager: EntityManager = this.db.manager): Promise<{ counterDiffs: number; personDiffs: number; unitDiffs: number }> {
    // The subtree totals must equal the counters summed over each unit's subtree.
    const [{ n: rollupDiffs }] = await manager.query(
      `WITH expected AS (SELECT a.id AS unit_id, c.year, sum(c.eligible)::int AS e, sum(c.covered)::int AS c
                           FROM coverage_counter c JOIN org_unit u ON u.id = c.unit_id
                           CROSS JOIN LATERAL coverage_unit_and_ancestors(u.path) AS a(id)
                          WHERE c.target_id = $1 GROUP BY 1, 2),
            actual AS (SELECT unit_id, year, eligible, covered FROM coverage_rollup WHERE target_id = $1)
       SELECT count(*)::int AS n FROM expected x FULL JOIN actual a ON a.unit_id = x.unit_id AND a.year = x.year
        WHERE coalesce(x.e, 0) <> coalesce(a.eligible, 0) OR coalesce(x.c, 0) <> coalesce(a.covered, 0)`,
      [targetId],
    );
    const [{ n: counters }] = await manager.query(
      `WITH f AS (SELECT * FROM coverage_compute($1)),
            expected AS (SELECT f.unit_id, y, count(*)::int AS e, count(*) FILTER (WHERE y = ANY(f.years))::int AS c
                           FROM f, target t, generate_series(t.start_year, t.end_year) y WHERE t.id = $1 GROUP BY 1, 2),
            actual AS (SELECT unit_id, year, eligible, covered FROM coverage_counter WHERE target_id = $1 AND (eligible <> 0 OR covered <> 0))
       SELECT count(*)::int AS n FROM expected x FULL JOIN actual a ON a.unit_id = x.unit_id AND a.year = x.y
        WHERE coalesce(x.e, 0) <> coalesce(a.eligible, 0) OR coalesce(x.c, 0) <> coalesce(a.covered, 0)`,
      [targetId],
    );
    const counterDiffs = counters + rollupDiffs;
    const [{ n: personDiffs }] = await manager.query(
      `SELECT count(*)::int AS n FROM coverage_compute($1) f FULL JOIN (SELECT * FROM coverage_person WHERE target_id = $1) cp ON cp.person_id = f.person_id
        WHERE f.person_id IS NULL OR cp.person_id IS NULL OR f.unit_id <> cp.unit_id OR f.years <> cp.years`,
      [targetId],
    );
    const unitDiffs = await this.verifyUnits(targetId, manager);
    return { counterDiffs, personDiffs, unitDiffs };
  }

  /**
   * Units targets: the judgement of every counted unit and year (coverage_unit_status) and the subtree totals
   * (coverage_unit_rollup) against the rule evaluated from the units, sessions and counters — the way the views
   * judged every unit before migration 1763800033000. A people target must have neither. Zero means right.
   */
  private async verifyUnits(targetId: string, manager: EntityManager): Promise<number> {
    const [{ n }] = await manager.query(
      `WITH t AS (SELECT * FROM target WHERE id = $1),
            counted AS (
              SELECT u.id, u.path FROM org_unit u, t
               WHERE t.kind = 'units' AND u.status = 'active' AND (t.audience->'unitLevels') ? u.level
                 AND (t.province_id IS NULL OR u.province_id = t.province_id)
                 AND (jsonb_array_length(coalesce(t.audience->'unitIds', '[]')) = 0 OR EXISTS (
                      SELECT 1 FROM org_unit r WHERE r.id IN (SELECT x::uuid FROM jsonb_array_elements_text(t.audience->'unitIds') x) AND u.path LIKE r.path || '%'))),
            expected AS (
              SELECT c.id AS unit_id, c.path, y,
                     (('attendance' = ANY(t.evidence_kinds) AND EXISTS (
                        SELECT 1 FROM training_session s
                         WHERE s.topic_id = ANY(t.topic_ids) AND (s.organising_unit_id = c.id OR c.id = ANY(s.for_unit_ids))
                           AND extract(year FROM s.starts_on)::int <= y
                           AND coverage_valid_until(t.validity, t.validity_years, t.phases, extract(year FROM s.starts_on)::int) >= y))
                      OR (coalesce(k.covered, 0) > 0 AND (t.unit_share <= 0 OR (k.eligible > 0 AND k.covered::float8 / k.eligible >= t.unit_share::float8 - 1e-9)))) AS covered
                FROM counted c CROSS JOIN t CROSS JOIN generate_series(t.start_year, t.end_year) y
                LEFT JOIN coverage_counter k ON k.target_id = t.id AND k.unit_id = c.id AND k.year = y),
            status AS (SELECT unit_id, year, covered FROM coverage_unit_status WHERE target_id = $1),
            status_diffs AS (
              SELECT count(*)::int AS n FROM expected x FULL JOIN status s ON s.unit_id = x.unit_id AND s.year = x.y
               WHERE x.unit_id IS NULL OR s.unit_id IS NULL OR x.covered <> s.covered),
            expected_totals AS (
              SELECT a.id AS unit_id, x.y AS year, count(*)::int AS units, count(*) FILTER (WHERE x.covered)::int AS covered
                FROM expected x CROSS JOIN LATERAL coverage_unit_and_ancestors(x.path) AS a(id) GROUP BY 1, 2),
            totals AS (SELECT unit_id, year, units, covered FROM coverage_unit_rollup WHERE target_id = $1 AND (units <> 0 OR covered <> 0)),
            total_diffs AS (
              SELECT count(*)::int AS n FROM expected_totals x FULL JOIN totals r ON r.unit_id = x.unit_id AND r.year = x.year
               WHERE coalesce(x.units, 0) <> coalesce(r.units, 0) OR coalesce(x.covered, 0) <> coalesce(r.covered, 0))
       SELECT (SELECT n FROM status_diffs) + (SELECT n FROM total_diffs) AS n`,
      [targetId],
    );
    return n;
  }
}
