import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AUDIENCE_STATUSES, type LessonResultDto } from '@cchc/shared';
import { scopePersonSql, type UnitScope } from '@api/common/access';
import { assignmentAudience, audienceSql } from '@api/common/audience';
import { CourseCompletion, Enrolment } from './enrolment.entity';

/** Only active people and people on leave are learners; retired and departed people keep their history. */
export const LEARNER_STATUSES = `(${AUDIENCE_STATUSES.map((s) => `'${s}'`).join(',')})`;

/**
 * Assignment `a` (not cancelled) reaches person `p` in unit `pu` (assignment unit `au`): the one audience rule
 * (common/audience), shared with test rounds and reminders.
 */
export const AUDIENCE_SQL = `a.cancelled_at IS NULL AND ${audienceSql({ alias: 'p', unitPath: 'pu.path' }, assignmentAudience('a', 'au'))}`;

export interface LearnerFacts {
  enrolments: Map<string, Enrolment>;
  completions: Map<string, CourseCompletion>;
  completedLessons: Map<string, Set<string>>;
  /** Course → earliest due date of the assignments that apply to the person now. */
  dueDates: Map<string, string>;
}

const COMPLETION = `c.id, c.course_id, c.person_id, c.completed_at, c.certificate_code, c.person_name, c.unit_name, c.course_title, c.estimated_hours`;

function toCompletion(r: Record<string, unknown>): CourseCompletion {
  return {
    id: r.id as string,
    courseId: r.course_id as string,
    personId: r.person_id as string,
    completedAt: r.completed_at as Date,
    certificateCode: r.certificate_code as string,
    personName: r.person_name as string,
    unitName: r.unit_name as string | null,
    courseTitle: r.course_title as string,
    estimatedHours: Number(r.estimated_hours),
  };
}

@Injectable()
export class EnrolmentsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Everything needed to tell a person's state in courses (all courses when `courseIds` is omitted); empty when the
   * person lies outside the scope.
   */
  async learnerFacts(scope: UnitScope, personId: string, courseIds?: string[], manager: EntityManager = this.db.manager): Promise<LearnerFacts> {
    const params: unknown[] = courseIds ? [personId, courseIds] : [personId];
    const filter = `${courseIds ? 'AND course_id = ANY($2::uuid[])' : ''} AND ${scopePersonSql(scope, '$1::uuid', params)}`;
    const enrolments: Enrolment[] = (
      await manager.query(`SELECT id, course_id, person_id, source, enrolled_at, last_lesson_id, last_activity_at FROM enrolment WHERE person_id = $1 ${filter}`, params)
    ).map((r: Record<string, unknown>) => ({
      id: r.id,
      courseId: r.course_id,
      personId: r.person_id,
      source: r.source,
      enrolledAt: r.enrolled_at,
      lastLessonId: r.last_lesson_id,
      lastActivityAt: r.last_activity_at,
    }));
    const completions: CourseCompletion[] = (
      await manager.query(
        `SELECT ${COMPLETION} FROM course_completion c WHERE person_id = $1 ${filter}`,
        params,
      )
    ).map(toCompletion);
    const progress: { course_id: string; lesson_id: string }[] = await manager.query(
      `SELECT course_id, lesson_id FROM lesson_progress WHERE person_id = $1 AND completed_at IS NOT NULL ${filter}`,
      params,
    );
    const due: { course_id: string; due_date: string }[] = await manager.query(
      `SELECT a.course_id, min(a.due_date)::text AS due_date
         FROM course_assignment a
         JOIN org_unit au ON au.id = a.unit_id
         JOIN person p ON p.id = $1
         JOIN org_unit pu ON pu.id = p.unit_id
        WHERE ${AUDIENCE_SQL} ${filter}
        GROUP BY a.course_id`,
      params,
    );
    const completedLessons = new Map<string, Set<string>>();
    for (const row of progress) {
      if (!completedLessons.has(row.course_id)) completedLessons.set(row.course_id, new Set());
      completedLessons.get(row.course_id)!.add(row.lesson_id);
    }
    return {
      enrolments: new Map(enrolments.map((e) => [e.courseId, e])),
      completions: new Map(completions.map((c) => [c.courseId, c])),
      completedLessons,
      dueDates: new Map(due.map((d) => [d.course_id, d.due_date])),
    };
  }

  /** Lesson ids per course, in reading order. */
  async lessonIdsByCourse(courseIds: string[], manager: EntityManager = this.db.manager): Promise<Map<string, string[]>> {
    const rows: { id: string; course_id: string }[] = courseIds.length
      ? await manager.query(
          `SELECT l.id, l.course_id FROM lesson l JOIN course_module m ON m.id = l.module_id
            WHERE l.course_id = ANY($1::uuid[]) ORDER BY m.sort_order, m.id, l.sort_order, l.created_at`,
          [courseIds],
        )
      : [];
    const map = new Map<string, string[]>(courseIds.map((id) => [id, []]));
    for (const r of rows) map.get(r.course_id)!.push(r.id);
    return map;
  }

  async upsertEnrolment(e: { courseId: string; personId: string; source: 'self' | 'assignment'; at: Date; lastLessonId?: string | null }, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO enrolment (course_id, person_id, source, enrolled_at, last_lesson_id, last_activity_at)
       VALUES ($1, $2, $3, $4::timestamptz, $5::uuid, CASE WHEN $5::uuid IS NULL THEN NULL ELSE $4::timestamptz END)
       ON CONFLICT ON CONSTRAINT uq_enrolment_course_person DO UPDATE
         SET last_lesson_id = coalesce(EXCLUDED.last_lesson_id, enrolment.last_lesson_id),
             last_activity_at = coalesce(EXCLUDED.last_activity_at, enrolment.last_activity_at)`,
      [e.courseId, e.personId, e.source, e.at, e.lastLessonId ?? null],
    );
  }

  /** Records a visit or a completion; a lesson once completed stays completed. True when this call completed it. */
  async recordLessonProgress(p: { personId: string; lessonId: string; courseId: string; completed: boolean; positionSeconds: number; at: Date }, manager: EntityManager): Promise<boolean> {
    const rows: { completed_now: boolean }[] = await manager.query(
      `INSERT INTO lesson_progress (person_id, lesson_id, course_id, completed_at, position_seconds, updated_at)
       VALUES ($1, $2, $3, CASE WHEN $4::boolean THEN $6::timestamptz END, $5, $6::timestamptz)
       ON CONFLICT ON CONSTRAINT pk_lesson_progress DO UPDATE
         SET completed_at = coalesce(lesson_progress.completed_at, EXCLUDED.completed_at),
             position_seconds = EXCLUDED.position_seconds,
             updated_at = EXCLUDED.updated_at
       RETURNING $4::boolean AND completed_at = $6::timestamptz AS completed_now`,
      [p.personId, p.lessonId, p.courseId, p.completed, p.positionSeconds, p.at],
    );
    return rows[0]?.completed_now === true;
  }

  /**
   * Records a package attempt's result on the lesson (its score and success). The lesson keeps the best result: a
   * higher scaled score replaces the one stored (a passed result beats an unjudged or failed one at the same score).
   */
  async recordLessonResult(p: { personId: string; lessonId: string; result: LessonResultDto }, manager: EntityManager): Promise<void> {
    const r = p.result;
    await manager.query(
      `UPDATE lesson_progress SET score_scaled = $3, score_raw = $4, score_min = $5, score_max = $6, success = $7
        WHERE person_id = $1 AND lesson_id = $2 AND completed_at IS NOT NULL
          AND (success IS NULL
               OR coalesce($3::numeric, -2) > coalesce(score_scaled, -2)
               OR (coalesce($3::numeric, -2) = coalesce(score_scaled, -2) AND $7 = 'passed' AND success <> 'passed'))`,
      [p.personId, p.lessonId, r.scoreScaled, r.scoreRaw, r.scoreMin, r.scoreMax, r.success],
    );
  }

  async lessonResult(scope: UnitScope, personId: string, lessonId: string): Promise<LessonResultDto | null> {
    const params: unknown[] = [personId, lessonId];
    const rows: Record<string, string | null>[] = await this.db.query(
      `SELECT score_scaled, score_raw, score_min, score_max, success FROM lesson_progress
        WHERE person_id = $1 AND lesson_id = $2 AND completed_at IS NOT NULL AND success IS NOT NULL AND ${scopePersonSql(scope, 'person_id', params)}`,
      params,
    );
    const row = rows[0];
    if (!row) return null;
    const n = (v: string | null) => (v === null ? null : Number(v));
    return { scoreScaled: n(row.score_scaled), scoreRaw: n(row.score_raw), scoreMin: n(row.score_min), scoreMax: n(row.score_max), success: row.success as LessonResultDto['success'] };
  }

  async completedLessonIds(scope: UnitScope, personId: string, courseId: string, manager: EntityManager): Promise<string[]> {
    const params: unknown[] = [personId, courseId];
    const rows: { lesson_id: string }[] = await manager.query(
      `SELECT lesson_id FROM lesson_progress WHERE person_id = $1 AND course_id = $2 AND completed_at IS NOT NULL AND ${scopePersonSql(scope, 'person_id', params)}`,
      params,
    );
    return rows.map((r) => r.lesson_id);
  }

  async findCompletion(scope: UnitScope, courseId: string, personId: string, manager: EntityManager = this.db.manager): Promise<CourseCompletion | null> {
    const params: unknown[] = [courseId, personId];
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${COMPLETION} FROM course_completion c WHERE c.course_id = $1 AND c.person_id = $2 AND ${scopePersonSql(scope, 'c.person_id', params)}`,
      params,
    );
    return rows[0] ? toCompletion(rows[0]) : null;
  }

  /** Public on purpose: the certificate verification page finds a completion by its printed code, whoever asks. */
  findCompletionByCode(code: string): Promise<CourseCompletion | null> {
    return this.db.manager.findOne(CourseCompletion, { where: { certificateCode: code } });
  }

  /** Inserts the completion unless one exists; returns whether this call inserted it. */
  async insertCompletion(c: Omit<CourseCompletion, 'id'>, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO course_completion (course_id, person_id, completed_at, certificate_code, person_name, unit_name, course_title, estimated_hours)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ON CONSTRAINT uq_course_completion_course_person DO NOTHING RETURNING id`,
      [c.courseId, c.personId, c.completedAt, c.certificateCode, c.personName, c.unitName, c.courseTitle, c.estimatedHours],
    );
    return rows.length > 0;
  }

  async personSnapshot(scope: UnitScope, personId: string, manager: EntityManager): Promise<{ fullName: string; unitName: string | null } | null> {
    const params: unknown[] = [personId];
    const rows: { full_name: string; unit_name: string | null }[] = await manager.query(
      `SELECT p.full_name, u.name AS unit_name FROM person p LEFT JOIN org_unit u ON u.id = p.unit_id WHERE p.id = $1 AND ${scopePersonSql(scope, 'p.id', params)}`,
      params,
    );
    return rows[0] ? { fullName: rows[0].full_name, unitName: rows[0].unit_name } : null;
  }

  /**
   * The province (unit of level province) above the unit of a person of the scope, else the oldest root unit (no
   * person: an account without one).
   */
  async provinceOf(scope: UnitScope, personId: string | null): Promise<{ id: string; name: string } | null> {
    const params: unknown[] = [personId];
    const rows: { id: string; name: string }[] = await this.db.query(
      `SELECT pr.id, pr.name FROM org_unit pr
        WHERE ($1::uuid IS NULL AND pr.parent_id IS NULL AND pr.status = 'active')
           OR ($1::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE p.id = $1 AND u.path LIKE pr.path || '%')
               AND ${scopePersonSql(scope, '$1::uuid', params)})
        ORDER BY (pr.level = 'province') DESC, length(pr.path) DESC, pr.created_at LIMIT 1`,
      params,
    );
    return rows[0] ?? null;
  }

  /** Published courses whose rule is "pass this test round". */
  async coursesCompletedByQuiz(testRoundId: string, manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM course WHERE status = 'published' AND completion_rule->>'kind' = 'final_quiz' AND completion_rule->>'testRoundId' = $1`,
      [testRoundId],
    );
    return rows.map((r) => r.id);
  }

  async hasHistory(scope: UnitScope, personId: string, courseId: string): Promise<boolean> {
    const params: unknown[] = [personId, courseId];
    const rows = await this.db.query(
      `SELECT 1 FROM (SELECT 1 FROM enrolment WHERE person_id = $1 AND course_id = $2 UNION ALL SELECT 1 FROM course_completion WHERE person_id = $1 AND course_id = $2) h
        WHERE ${scopePersonSql(scope, '$1::uuid', params)} LIMIT 1`,
      params,
    );
    return rows.length > 0;
  }

  /** Course ids a person of the scope is enrolled in, has completed, or is assigned to. */
  async myCourseIds(scope: UnitScope, personId: string): Promise<string[]> {
    const params: unknown[] = [personId];
    const rows: { id: string }[] = await this.db.query(
      `SELECT c.id FROM (
         SELECT course_id AS id FROM enrolment WHERE person_id = $1
         UNION SELECT course_id FROM course_completion WHERE person_id = $1
         UNION SELECT a.course_id FROM course_assignment a
                 JOIN org_unit au ON au.id = a.unit_id JOIN person p ON p.id = $1 JOIN org_unit pu ON pu.id = p.unit_id
                WHERE ${AUDIENCE_SQL}) c
        WHERE ${scopePersonSql(scope, '$1::uuid', params)}`,
      params,
    );
    return rows.map((r) => r.id);
  }
}
