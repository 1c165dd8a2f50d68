import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EvidenceKind, RecordSessionDto, RemedialStatus } from '@cchc/shared';
import { scopeSql, UnitScope } from '@api/common/access';
import { audienceSql, roundAudience, roundAudienceDocument } from '@api/common/audience';
import { viOrder } from '@api/common/database';

export interface RecordPersonRow {
  id: string;
  fullName: string;
  staffCode: string;
  category: string;
  position: string | null;
  status: string;
  doesCchcWork: boolean;
  isLeader: boolean;
  provinceId: string | null;
  unitName: string;
  unitLevel: string;
  unitTrail: string[];
}

export interface RecordRoundRow {
  roundId: string;
  name: string;
  status: string;
  opensAt: Date;
  closesAt: Date;
  topicIds: string[];
  recommendBelow: number;
  eligible: boolean;
  inProgress: boolean;
  result: { score: number; band: string; passed: boolean; finishedAt: Date; attemptsUsed: number } | null;
  topics: { topicId: string; topicName: string; score: number; correct: number; total: number }[];
}

export interface RecordEvidenceRow {
  kind: EvidenceKind;
  topicId: string;
  year: number;
  occurredAt: Date;
  label: string | null;
  score: number | null;
}

export interface RecordRemedialRow {
  id: string;
  roundId: string;
  roundName: string;
  status: RemedialStatus;
  dueDate: string;
  items: { kind: 'lesson' | 'document'; refId: string; title: string | null; done: boolean }[];
}

/** Where the person's row must lie for the scope: the one `WHERE` every read below starts from. */
const PERSON_FROM = `person p JOIN org_unit u ON u.id = p.unit_id`;

/**
 * The reads behind a person's training record. Each is one statement for one person (no query per course, round or
 * item), and each takes the scope the caller was granted, so a person outside it reads as nothing.
 */
@Injectable()
export class RecordsRepository {
  constructor(private readonly db: DataSource) {}

  private where(scope: UnitScope, personId: string, params: unknown[]): string {
    params.push(personId);
    return `p.id = $${params.length} AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`;
  }

  async person(scope: UnitScope, personId: string): Promise<RecordPersonRow | null> {
    const params: unknown[] = [];
    const rows = await this.db.query(
      `SELECT p.id, p.full_name AS "fullName", p.staff_code AS "staffCode", p.category, p.position, p.status,
              p.does_cchc_work AS "doesCchcWork", p.is_leader AS "isLeader", p.province_id AS "provinceId",
              u.name AS "unitName", u.level AS "unitLevel",
              ARRAY(SELECT a.name FROM org_unit a WHERE u.path LIKE a.path || '%' AND a.level <> 'nation' ORDER BY length(a.path)) AS "unitTrail"
         FROM ${PERSON_FROM} WHERE ${this.where(scope, personId, params)}`,
      params,
    );
    return rows[0] ?? null;
  }

  /** Rounds the person has a result in or is in the audience of (drafts aside), each with the per-topic scores. */
  async rounds(scope: UnitScope, personId: string): Promise<RecordRoundRow[]> {
    const params: unknown[] = [];
    const where = this.where(scope, personId, params);
    const inAudience = audienceSql({ alias: 'me', unitPath: 'me.path' }, roundAudience(roundAudienceDocument('r')));
    const rows: Record<string, unknown>[] = await this.db.query(
      `WITH me AS (SELECT p.id, p.status, p.category, p.does_cchc_work, p.is_leader, u.path FROM ${PERSON_FROM} WHERE ${where})
       SELECT r.id AS "roundId", r.name, r.status, r.opens_at AS "opensAt", r.closes_at AS "closesAt", r.topic_ids AS "topicIds",
              r.recommend_below::float AS "recommendBelow", ${inAudience} AS eligible,
              EXISTS (SELECT 1 FROM test_attempt a WHERE a.round_id = r.id AND a.person_id = me.id AND a.submitted_at IS NULL) AS "inProgress",
              tr.score::float AS score, tr.band, tr.passed, tr.finished_at AS "finishedAt", tr.attempts_used AS "attemptsUsed",
              coalesce((SELECT json_agg(json_build_object('topicId', t.topic_id, 'topicName', tp.name, 'score', t.score::float,
                                                          'correct', t.correct::float, 'total', t.total) ORDER BY tp.sort_order, ${viOrder('tp.name')})
                          FROM test_result_topic t JOIN topic tp ON tp.id = t.topic_id
                         WHERE t.round_id = r.id AND t.person_id = me.id), '[]'::json) AS topics
         FROM me CROSS JOIN test_round r
         LEFT JOIN test_result tr ON tr.round_id = r.id AND tr.person_id = me.id
        WHERE r.status <> 'draft' AND (tr.person_id IS NOT NULL OR ${inAudience})
        ORDER BY coalesce(tr.finished_at, r.closes_at) DESC, ${viOrder('r.name')}`,
      params,
    );
    return rows.map((r) => ({
      roundId: r.roundId as string,
      name: r.name as string,
      status: r.status as string,
      opensAt: r.opensAt as Date,
      closesAt: r.closesAt as Date,
      topicIds: r.topicIds as string[],
      recommendBelow: r.recommendBelow as number,
      eligible: r.eligible as boolean,
      inProgress: r.inProgress as boolean,
      result:
        r.score === null
          ? null
          : { score: r.score as number, band: r.band as string, passed: r.passed as boolean, finishedAt: r.finishedAt as Date, attemptsUsed: r.attemptsUsed as number },
      topics: r.topics as RecordRoundRow['topics'],
    }));
  }

  /** In-person sessions the person attended, latest first. */
  async sessions(scope: UnitScope, personId: string): Promise<RecordSessionDto[]> {
    const params: unknown[] = [];
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT s.id AS "sessionId", s.title, tp.name AS "topicName", s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn",
              s.hours::float AS hours, s.place, ou.name AS "organiserName"
         FROM training_attendance ta
         JOIN training_session s ON s.id = ta.session_id
         JOIN topic tp ON tp.id = s.topic_id
         JOIN org_unit ou ON ou.id = s.organising_unit_id
         JOIN ${PERSON_FROM} ON p.id = ta.person_id
        WHERE ${this.where(scope, personId, params)}
        ORDER BY s.starts_on DESC, ${viOrder('s.title')}`,
      params,
    );
    return rows as unknown as RecordSessionDto[];
  }

  /** The person's training evidence (what coverage counts), each with the title of what produced it. */
  async evidence(scope: UnitScope, personId: string): Promise<RecordEvidenceRow[]> {
    const params: unknown[] = [];
    return this.db.query(
      `SELECT e.kind, e.topic_id AS "topicId", coverage_evidence_year(e.occurred_at) AS year, e.occurred_at AS "occurredAt",
              coalesce(c.title, r.name, s.title) AS label, (e.details->>'score')::float AS score
         FROM training_evidence e
         JOIN ${PERSON_FROM} ON p.id = e.person_id
         LEFT JOIN course c ON e.source_type = 'course' AND c.id::text = e.source_id
         LEFT JOIN test_round r ON e.source_type = 'test_round' AND r.id::text = e.source_id
         LEFT JOIN training_session s ON e.source_type = 'session' AND s.id::text = e.source_id
        WHERE ${this.where(scope, personId, params)}
        ORDER BY e.occurred_at`,
      params,
    );
  }

  /** Remedial assignments with their items (titles and whether done), newest first. */
  async remedial(scope: UnitScope, personId: string): Promise<RecordRemedialRow[]> {
    const params: unknown[] = [];
    return this.db.query(
      `SELECT a.id, a.round_id AS "roundId", r.name AS "roundName", a.status, a.due_date::text AS "dueDate",
              coalesce((SELECT json_agg(json_build_object('kind', i.kind, 'refId', i.ref_id, 'title', coalesce(l.title, d.title),
                          'done', CASE WHEN i.kind = 'document' THEN i.read_at IS NOT NULL
                                       ELSE EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.person_id = a.person_id AND lp.lesson_id = i.ref_id
                                                      AND lp.completed_at IS NOT NULL AND lp.updated_at >= a.created_at) END) ORDER BY i.sort_order)
                          FROM remedial_item i
                          LEFT JOIN lesson l ON i.kind = 'lesson' AND l.id = i.ref_id
                          LEFT JOIN library_document d ON i.kind = 'document' AND d.id = i.ref_id
                         WHERE i.assignment_id = a.id), '[]'::json) AS items
         FROM remedial_assignment a
         JOIN test_round r ON r.id = a.round_id
         JOIN ${PERSON_FROM} ON p.id = a.person_id
        WHERE ${this.where(scope, personId, params)}
        ORDER BY a.created_at DESC`,
      params,
    );
  }

  /** Targets of the person's province and national ones (another province's targets are not theirs to meet). */
  async targetIdsFor(scope: UnitScope, personId: string): Promise<Set<string>> {
    const params: unknown[] = [];
    const rows: { id: string }[] = await this.db.query(
      `SELECT t.id FROM target t, ${PERSON_FROM}
        WHERE ${this.where(scope, personId, params)} AND (t.province_id IS NULL OR t.province_id = p.province_id)`,
      params,
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The person's eligibility and covered years per target (coverage_person: the coverage read model). */
  async coverage(scope: UnitScope, personId: string): Promise<Map<string, number[]>> {
    const params: unknown[] = [];
    const rows: { targetId: string; years: number[] }[] = await this.db.query(
      `SELECT cp.target_id AS "targetId", cp.years FROM coverage_person cp JOIN ${PERSON_FROM} ON p.id = cp.person_id
        WHERE ${this.where(scope, personId, params)}`,
      params,
    );
    return new Map(rows.map((r) => [r.targetId, r.years]));
  }
}
