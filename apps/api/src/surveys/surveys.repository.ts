import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SurveyDto, SurveyQuestion } from '@cchc/shared';
import { scopeChildSql, scopeSql, type UnitScope } from '@api/common/access';

export interface SurveyRow extends SurveyDto {
  audiencePath: string | null;
}

const SELECT = `
  SELECT s.id, s.kind, s.title, s.questions, s.topic_id AS "topicId", s.session_id AS "sessionId", s.audience_unit_id AS "audienceUnitId",
         s.opens_at AS "opensAt", s.closes_at AS "closesAt", (SELECT count(*)::int FROM survey_response r WHERE r.survey_id = s.id) AS responses,
         au.path AS "audiencePath"
    FROM survey s LEFT JOIN org_unit au ON au.id = s.audience_unit_id`;

/** Joins and WHERE clause keeping the surveys whose audience concerns the scope (see SurveysRepository.list). */
function concerning(scope: UnitScope, params: unknown[]): string {
  const provinceWide = scope.kind === 'all' || scope.kind === 'subtree' ? 'TRUE' : 'FALSE';
  return `LEFT JOIN training_session ts ON ts.id = s.session_id
          LEFT JOIN org_unit su ON su.id = ts.organising_unit_id
    WHERE CASE WHEN s.audience_unit_id IS NOT NULL THEN ${scopeSql(scope, { path: 'au.path', orAbove: true }, params)}
               WHEN s.session_id IS NOT NULL THEN ${scopeSql(scope, { path: 'su.path', orAbove: true }, params)}
               ELSE ${provinceWide} END`;
}

@Injectable()
export class SurveysRepository {
  constructor(private readonly db: DataSource) {}

  async insert(s: { kind: string; title: string; questions: SurveyQuestion[]; topicId: string | null; sessionId: string | null; audienceUnitId: string | null; opensAt: string; closesAt: string; createdBy: string }, tx: EntityManager): Promise<string> {
    const rows = await tx.query(
      `INSERT INTO survey (kind, title, questions, topic_id, session_id, audience_unit_id, opens_at, closes_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [s.kind, s.title, JSON.stringify(s.questions), s.topicId, s.sessionId, s.audienceUnitId, s.opensAt, s.closesAt, s.createdBy],
    );
    return rows[0].id;
  }

  async find(id: string): Promise<SurveyRow | null> {
    return (await this.db.query(`${SELECT} WHERE s.id = $1`, [id]))[0] ?? null;
  }

  /**
   * The surveys whose audience concerns the scope: province-wide ones, those for a unit inside it or above it (a
   * survey of a whole department reaches the office below), and session evaluations organised inside or above it.
   */
  list(scope: UnitScope): Promise<SurveyRow[]> {
    const params: unknown[] = [];
    return this.db.query(`${SELECT} ${concerning(scope, params)} ORDER BY s.opens_at DESC LIMIT 200`, params);
  }

  /** One survey, if its audience concerns the scope. */
  async findInScope(scope: UnitScope, id: string): Promise<SurveyRow | null> {
    const params: unknown[] = [id];
    return (await this.db.query(`${SELECT} ${concerning(scope, params)} AND s.id = $1`, params))[0] ?? null;
  }

  /** Open surveys this person (of the scope) belongs to: by audience subtree, or as an attendee of the evaluated session. */
  forPerson(scope: UnitScope, personId: string, now: Date): Promise<(SurveyRow & { answeredByMe: boolean })[]> {
    const params: unknown[] = [personId, now];
    const me = `SELECT p.id, pu.path FROM person p JOIN org_unit pu ON pu.id = p.unit_id WHERE p.id = $1 AND ${scopeSql(scope, { path: 'pu.path', person: 'p.id' }, params)}`;
    return this.db
      .query(
        `${SELECT}
          CROSS JOIN (${me}) me
          WHERE s.opens_at <= $2 AND s.closes_at > $2
            AND (s.audience_unit_id IS NULL OR me.path LIKE au.path || '%')
            AND (s.session_id IS NULL OR EXISTS (SELECT 1 FROM training_attendance a WHERE a.session_id = s.session_id AND a.person_id = me.id))
          ORDER BY s.closes_at`,
        params,
      )
      .then((rows: SurveyRow[]) => this.markAnswered(rows, personId));
  }

  private async markAnswered(rows: SurveyRow[], personId: string) {
    if (!rows.length) return [];
    const done: { survey_id: string }[] = await this.db.query(`SELECT survey_id FROM survey_response WHERE person_id = $1 AND survey_id = ANY($2::uuid[])`, [personId, rows.map((r) => r.id)]);
    const set = new Set(done.map((d) => d.survey_id));
    return rows.map((r) => ({ ...r, answeredByMe: set.has(r.id) }));
  }

  /** A person of the scope: their unit (where a response is counted) and status. */
  async personInfo(scope: UnitScope, personId: string): Promise<{ unitId: string; path: string; status: string } | null> {
    const params: unknown[] = [personId];
    return (
      (await this.db.query(
        `SELECT p.unit_id AS "unitId", u.path, p.status FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE p.id = $1 AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`,
        params,
      ))[0] ?? null
    );
  }

  /** Whether a person of the scope attended the session. */
  async attended(scope: UnitScope, sessionId: string, personId: string): Promise<boolean> {
    const params: unknown[] = [sessionId, personId];
    return (
      (
        await this.db.query(
          `SELECT 1 FROM training_attendance a JOIN person p ON p.id = a.person_id JOIN org_unit u ON u.id = p.unit_id
            WHERE a.session_id = $1 AND a.person_id = $2 AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`,
          params,
        )
      ).length > 0
    );
  }

  /** False when the person already answered (one response per person). */
  async respond(surveyId: string, personId: string, unitId: string, answers: Record<string, unknown>): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO survey_response (survey_id, person_id, unit_id, answers) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING survey_id`,
      [surveyId, personId, unitId, JSON.stringify(answers)],
    );
    return rows.length > 0;
  }

  /**
   * Responses counted at units of the scope, each with the child of the scope's root it falls under ('' = the root
   * itself).
   */
  responses(scope: UnitScope, surveyId: string): Promise<{ child: string; answers: Record<string, unknown> }[]> {
    const params: unknown[] = [surveyId];
    return this.db.query(
      `SELECT ${scopeChildSql(scope, 'u.path', params)} AS child, r.answers
         FROM survey_response r JOIN org_unit u ON u.id = r.unit_id WHERE r.survey_id = $1 AND ${scopeSql(scope, { path: 'u.path', person: 'r.person_id' }, params)}`,
      params,
    );
  }
}
