import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LearningStatus } from '@cchc/shared';
import { scopeSql, systemScope, UnitScope } from '@api/common/access';
import { viNameOrder, viOrder } from '@api/common/database';
import { CourseAssignment } from './enrolment.entity';
import { AUDIENCE_SQL, LEARNER_STATUSES } from './enrolments.repository';

export interface AssignmentRow {
  assignment: CourseAssignment;
  unitPath: string;
  unitName: string;
  courseTitle: string;
  createdByName: string | null;
}

export interface MemberRow {
  person_id: string;
  full_name: string;
  staff_code: string;
  unit_name: string;
  status: LearningStatus;
  done: number;
  completed_at: Date | null;
}

const BASE_SELECT = `
  SELECT a.id, au.path AS unit_path, au.name AS unit_name, c.title AS course_title, ua.display_name AS created_by_name
    FROM course_assignment a
    JOIN org_unit au ON au.id = a.unit_id
    JOIN course c ON c.id = a.course_id
    LEFT JOIN user_account ua ON ua.id = a.created_by`;

/**
 * Who is in an assignment's audience is computed from its rule every time it is read, so people who transfer in or
 * are hired later are included and people who leave, retire or transfer out drop out.
 */
@Injectable()
export class AssignmentsRepository {
  constructor(private readonly db: DataSource) {}

  private async hydrate(rows: { id: string; unit_path: string; unit_name: string; course_title: string; created_by_name: string | null }[], manager: EntityManager): Promise<AssignmentRow[]> {
    if (!rows.length) return [];
    const entities = await manager.getRepository(CourseAssignment).createQueryBuilder('a').where('a.id IN (:...ids)', { ids: rows.map((r) => r.id) }).getMany();
    const byId = new Map(entities.map((e) => [e.id, e]));
    return rows.map((r) => ({ assignment: byId.get(r.id)!, unitPath: r.unit_path, unitName: r.unit_name, courseTitle: r.course_title, createdByName: r.created_by_name }));
  }

  /** Assignments inside the scope, and those above it that reach into it (a province-wide assignment for an officer). */
  async list(scope: UnitScope, manager: EntityManager = this.db.manager): Promise<AssignmentRow[]> {
    const params: unknown[] = [];
    const rows = await manager.query(
      `${BASE_SELECT} WHERE ${scopeSql(scope, { path: 'au.path', orAbove: true }, params)}
        ORDER BY a.cancelled_at IS NULL DESC, a.due_date, a.created_at DESC`,
      params,
    );
    return this.hydrate(rows, manager);
  }

  async find(id: string, manager: EntityManager = this.db.manager): Promise<AssignmentRow | null> {
    const rows = await manager.query(`${BASE_SELECT} WHERE a.id = $1`, [id]);
    return (await this.hydrate(rows, manager))[0] ?? null;
  }

  async insert(a: Partial<CourseAssignment>, manager: EntityManager): Promise<string> {
    const r = await manager.insert(CourseAssignment, a);
    return r.identifiers[0].id as string;
  }

  async cancel(id: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(CourseAssignment, { id }, { cancelledAt: at });
  }

  /** How many of the given people are learners (in service) inside the scope. */
  async countPeopleInside(scope: UnitScope, personIds: string[], manager: EntityManager): Promise<number> {
    const params: unknown[] = [personIds];
    const [{ n }] = await manager.query(
      `SELECT count(*)::int AS n FROM person p JOIN org_unit u ON u.id = p.unit_id
        WHERE p.id = ANY($1::uuid[]) AND p.status IN ${LEARNER_STATUSES} AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`,
      params,
    );
    return n;
  }

  /** The audience as of now, inside the caller's scope, with each person's state. Status mirrors learningStatus(). */
  private membersSql(scope: UnitScope, params: unknown[]): string {
    // $1 assignment, $2 required lessons, $3 today; the scope's values follow.
    return `
        SELECT p.id AS person_id, p.full_name, p.staff_code, pu.name AS unit_name, cc.completed_at,
               (SELECT count(*)::int FROM lesson_progress lp
                 WHERE lp.person_id = p.id AND lp.course_id = a.course_id AND lp.completed_at IS NOT NULL AND lp.lesson_id = ANY($2::uuid[])) AS done,
               CASE WHEN cc.id IS NOT NULL THEN 'completed'
                    WHEN a.due_date < $3::date THEN 'overdue'
                    WHEN e.id IS NOT NULL OR EXISTS (SELECT 1 FROM lesson_progress lp2 WHERE lp2.person_id = p.id AND lp2.course_id = a.course_id) THEN 'in_progress'
                    ELSE 'not_started' END AS status
          FROM course_assignment a
          JOIN org_unit au ON au.id = a.unit_id
          JOIN org_unit pu ON pu.path LIKE au.path || '%'
          JOIN person p ON p.unit_id = pu.id
          LEFT JOIN course_completion cc ON cc.course_id = a.course_id AND cc.person_id = p.id
          LEFT JOIN enrolment e ON e.course_id = a.course_id AND e.person_id = p.id
         WHERE a.id = $1 AND ${AUDIENCE_SQL} AND ${scopeSql(scope, { path: 'pu.path', person: 'p.id' }, params)}`;
  }

  async counts(id: string, requiredLessonIds: string[], today: string, scope: UnitScope, manager: EntityManager = this.db.manager): Promise<Record<LearningStatus, number>> {
    const params: unknown[] = [id, requiredLessonIds, today];
    const members = this.membersSql(scope, params);
    const rows: { status: LearningStatus; n: number }[] = await manager.query(`SELECT status, count(*)::int AS n FROM (${members}) x GROUP BY status`, params);
    const counts = { not_started: 0, in_progress: 0, completed: 0, overdue: 0 } as Record<LearningStatus, number>;
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  async members(
    id: string,
    requiredLessonIds: string[],
    today: string,
    scope: UnitScope,
    filter: { status?: LearningStatus; page: number; pageSize: number },
    manager: EntityManager = this.db.manager,
  ): Promise<{ items: MemberRow[]; total: number }> {
    const params: unknown[] = [id, requiredLessonIds, today];
    const members = this.membersSql(scope, params);
    params.push(filter.status ?? null);
    const where = `WHERE ($${params.length}::text IS NULL OR status = $${params.length})`;
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM (${members}) x ${where}`, params);
    const items: MemberRow[] = await manager.query(
      `SELECT * FROM (${members}) x ${where} ORDER BY ${viOrder('unit_name')}, ${viNameOrder('full_name')}, staff_code LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      params,
    );
    return { items, total: n };
  }

  /** Everyone the assignment reaches (to notify them): not a read on anyone's behalf. */
  async memberIds(id: string, manager: EntityManager): Promise<string[]> {
    const params: unknown[] = [id, [], '1970-01-01'];
    const members = this.membersSql(systemScope(), params);
    const rows: { person_id: string }[] = await manager.query(`SELECT person_id FROM (${members}) x`, params);
    return rows.map((r) => r.person_id);
  }
}
