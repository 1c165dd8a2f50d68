import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ContentScope, contentSql } from '@api/common/access';
import { viOrder } from '@api/common/database';
import { Target } from './target.entity';
import type { TargetBuildState } from './dto/target.dto';

export type TargetRow = Target & { topicCode: string; topicName: string; build: TargetBuildState | null };

/** One step of a target's build: people done of the total, and whether it has finished (null: another session is stepping it). */
export interface BuildStep {
  done: number;
  total: number;
  finished: boolean;
}

@Injectable()
export class TargetsRepository {
  constructor(private readonly db: DataSource) {}

  private async rows(where: string, params: unknown[], manager: EntityManager = this.db.manager): Promise<TargetRow[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT t.id, t.code, t.name, t.short_name, t.legal_basis_number, to_char(t.legal_basis_date, 'YYYY-MM-DD') AS legal_basis_date, t.topic_id, t.topic_ids,
              t.kind, t.audience, t.evidence_kinds, t.validity, t.validity_years, t.phases, t.start_year, t.end_year,
              to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.threshold_pct, t.unit_share, t.unit_report_due, t.province_report_due, t.active, t.province_id,
              tp.code AS topic_code, tp.name AS topic_name, b.build_done, b.build_total
         FROM target t JOIN topic tp ON tp.id = t.topic_id
         -- An open build (a chunk not done): the people of the chunks done of all its people.
         LEFT JOIN (SELECT c.target_id, sum(c.people) FILTER (WHERE c.done)::int AS build_done, sum(c.people)::int AS build_total FROM coverage_build_chunk c
                     WHERE c.target_id IN (SELECT o.target_id FROM coverage_build_chunk o WHERE NOT o.done) GROUP BY c.target_id) b ON b.target_id = t.id
        WHERE ${where} ORDER BY t.start_year, ${viOrder('t.name')}, t.code`,
      params,
    );
    return rows.map((r) => ({
      id: r.id as string, code: r.code as string, name: r.name as string, shortName: r.short_name as string, legalBasisNumber: r.legal_basis_number as string,
      legalBasisDate: (r.legal_basis_date as string) ?? null, topicId: r.topic_id as string, topicIds: r.topic_ids as string[],
      kind: r.kind as Target['kind'], audience: r.audience as Target['audience'], evidenceKinds: r.evidence_kinds as Target['evidenceKinds'],
      validity: r.validity as Target['validity'], validityYears: r.validity_years as number, phases: r.phases as Target['phases'],
      startYear: r.start_year as number, endYear: r.end_year as number, deadline: r.deadline as string, thresholdPct: String(r.threshold_pct),
      unitShare: String(r.unit_share), unitReportDue: (r.unit_report_due as string) ?? null, provinceReportDue: (r.province_report_due as string) ?? null,
      active: r.active as boolean, provinceId: (r.province_id as string) ?? null, topicCode: r.topic_code as string, topicName: r.topic_name as string,
      build: r.build_total === null || r.build_total === undefined ? null : { done: (r.build_done as number) ?? 0, total: r.build_total as number },
    }));
  }

  /**
   * The targets the content scope sees (a province's own and the nation's); with `reachingPath`, only those counted at
   * that unit (national ones, and its province's: the national view does not read the 340 targets of the provinces).
   */
  list(content: ContentScope, includeInactive: boolean, reachingPath?: string): Promise<TargetRow[]> {
    const params: unknown[] = [];
    const reaching = reachingPath === undefined ? '' : ` AND (t.province_id IS NULL OR strpos($${params.push(reachingPath)}, '/' || t.province_id::text || '/') > 0)`;
    return this.rows(`${includeInactive ? 'TRUE' : 't.active'}${reaching} AND ${contentSql(content, 't.province_id', params)}`, params);
  }

  async findById(id: string, manager?: EntityManager): Promise<TargetRow | null> {
    return (await this.rows('t.id = $1', [id], manager))[0] ?? null;
  }

  async findByCode(code: string, manager: EntityManager): Promise<{ id: string } | null> {
    const rows = await manager.query(`SELECT id FROM target WHERE upper(code) = upper($1)`, [code]);
    return rows[0] ?? null;
  }

  /** The topic (if the content scope sees it) and every topic below it. */
  async topicWithDescendants(topicId: string, content: ContentScope, manager: EntityManager): Promise<string[]> {
    const params: unknown[] = [topicId];
    const rows: { id: string }[] = await manager.query(
      `WITH RECURSIVE sub AS (SELECT id FROM topic WHERE id = $1 AND ${contentSql(content, 'province_id', params)}
                              UNION ALL SELECT t.id FROM topic t JOIN sub ON t.parent_id = sub.id) SELECT id FROM sub`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /** Whether every unit exists (and, for a province's target, lies in that province). */
  async unitsExist(ids: string[], provinceId: string | null, manager: EntityManager): Promise<boolean> {
    if (!ids.length) return true;
    const [{ n }] = await manager.query(
      `SELECT count(*)::int AS n FROM org_unit WHERE id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR province_id = $2::uuid)`,
      [ids, provinceId],
    );
    return n === new Set(ids).size;
  }

  async save(id: string | null, t: Omit<Target, 'id'>, manager: EntityManager): Promise<string> {
    const values = [
      t.code, t.name, t.legalBasisNumber, t.legalBasisDate, t.topicId, t.topicIds, t.kind, JSON.stringify(t.audience), t.evidenceKinds, t.validity,
      t.validityYears, JSON.stringify(t.phases), t.startYear, t.endYear, t.deadline, t.thresholdPct, t.unitShare, t.unitReportDue, t.provinceReportDue, t.active,
      t.shortName,
    ];
    if (id) {
      await manager.query(
        `UPDATE target SET code=$1, name=$2, legal_basis_number=$3, legal_basis_date=$4, topic_id=$5, topic_ids=$6, kind=$7, audience=$8, evidence_kinds=$9,
                validity=$10, validity_years=$11, phases=$12, start_year=$13, end_year=$14, deadline=$15, threshold_pct=$16, unit_share=$17,
                unit_report_due=$18, province_report_due=$19, active=$20, short_name=$21, updated_at=now() WHERE id = $22`,
        [...values, id],
      );
      return id;
    }
    const rows = await manager.query(
      `INSERT INTO target (code, name, legal_basis_number, legal_basis_date, topic_id, topic_ids, kind, audience, evidence_kinds, validity, validity_years,
                           phases, start_year, end_year, deadline, threshold_pct, unit_share, unit_report_due, province_report_due, active, short_name,
                           province_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22) RETURNING id`,
      [...values, t.provinceId],
    );
    return rows[0].id as string;
  }

  /**
   * (Re)starts the build of the target's coverage from scratch (new target or changed rules), its units cut into
   * chunks of about `stepPeople` people; answers how many people it reaches. Waits for the steps running on it.
   */
  async startBuild(id: string, stepPeople: number, manager: EntityManager): Promise<number> {
    const [row] = await manager.query(`SELECT coverage_build_start($1, $2) AS n`, [id, stepPeople]);
    return row.n;
  }

  /**
   * One step of a build: the first chunk nobody is building. `wait` false: null when the build is being restarted or
   * every chunk left is being built by another session (another worker or node), so workers never queue behind each other.
   */
  async buildStep(id: string, wait: boolean, manager: EntityManager = this.db.manager): Promise<BuildStep | null> {
    const [row] = await manager.query(`SELECT done, total, finished FROM coverage_build_step($1, $2)`, [id, wait]);
    return row ?? null;
  }

  /** Targets whose build has not finished (a node stopped mid-build, or a build just started), oldest first. */
  async openBuilds(): Promise<string[]> {
    const rows: { target_id: string }[] = await this.db.query(
      `SELECT b.target_id FROM coverage_build b WHERE EXISTS (SELECT 1 FROM coverage_build_chunk c WHERE c.target_id = b.target_id AND NOT c.done) ORDER BY b.started_at`,
    );
    return rows.map((r) => r.target_id);
  }
}
