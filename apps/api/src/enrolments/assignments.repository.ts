import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LearningStatus } from '@cchc/shared';
import type { UnitScope } from '@api/common/access';
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

/**
 * Who is in an assignment's audience is computed from its rule every time it is read, so people who transfer in or
 * are hired later are included and people who leave, retire or transfer out drop out.
 */
@Injectable()
export class AssignmentsRepository {
  constructor(private readonly db: DataSource) {}

  private base(manager: EntityManager) {
    return manager
      .createQueryBuilder()
      .select('a.id', 'id')
      .addSelect('au.path', 'unit_path')
      .addSelect('au.name', 'unit_name')
      .addSelect('c.title', 'course_title')
      .addSelect('ua.display_name', 'created_by_name')
      .from('course_assignment', 'a')
      .innerJoin('org_unit', 'au', 'au.id = a.unit_id')
      .innerJoin('course', 'c', 'c.id = a.course_id')
      .leftJoin('user_account', 'ua', 'ua.id = a.created_by');
  }

  private async hydrate(rows: { id: string; unit_path: string; unit_name: string; course_title: string; created_by_name: string | null }[], manager: EntityManager): Promise<AssignmentRow[]> {
    if (!rows.length) return [];
    const entities = await manager.getRepository(CourseAssignment).createQueryBuilder('a').where('a.id IN (:...ids)', { ids: rows.map((r) => r.id) }).getMany();
    const byId = new Map(entities.map((e) => [e.id, e]));
    return rows.map((r) => ({ assignment: byId.get(r.id)!, unitPath: r.unit_path, unitName: r.unit_name, courseTitle: r.course_title, createdByName: r.created_by_name }));
  }

  /** Assignments inside the scope, and those above it that reach into it (a province-wide assignment for an officer). */
  async list(scope: UnitScope, manager: EntityManager = this.db.manager): Promise<AssignmentRow[]> {
    const qb = this.base(manager).orderBy('a.cancelled_at IS NULL', 'DESC').addOrderBy('a.due_date', 'ASC').addOrderBy('a.created_at', 'DESC');
    if (scope.kind === 'none') return [];
    if (scope.kind === 'subtree') qb.where(`(au.path LIKE :inside OR :own LIKE au.path || '%')`, { inside: `${scope.path}%`, own: scope.path });
    return this.hydrate(await qb.getRawMany(), manager);
  }

  async find(id: string, manager: EntityManager = this.db.manager): Promise<AssignmentRow | null> {
    const rows = await this.base(manager).where('a.id = :id', { id }).getRawMany();
    return (await this.hydrate(rows, manager))[0] ?? null;
  }

  async insert(a: Partial<CourseAssignment>, manager: EntityManager): Promise<string> {
    const r = await manager.insert(CourseAssignment, a);
    return r.identifiers[0].id as string;
  }

  async cancel(id: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(CourseAssignment, { id }, { cancelledAt: at });
  }

  /** How many of the given people are active learners inside the unit subtree. */
  async countPeopleInside(personIds: string[], unitPath: string, manager: EntityManager): Promise<number> {
    const [{ n }] = await manager.query(
      `SELECT count(*)::int AS n FROM person p JOIN org_unit u ON u.id = p.unit_id
        WHERE p.id = ANY($1::uuid[]) AND u.path LIKE $2 AND p.status IN ${LEARNER_STATUSES}`,
      [personIds, `${unitPath}%`],
    );
    return n;
  }

  /** The audience as of now, inside the caller's scope, with each person's state. Status mirrors learningStatus(). */
  private membersSql(scope: UnitScope) {
    // $4 is the scope as a LIKE pattern; NULL for the whole province. A caller without scope matches no path.
    const scopeParam = scope.kind === 'province' ? null : scope.kind === 'subtree' ? `${scope.path}%` : 'NO-SCOPE';
    return {
      sql: `
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
         WHERE a.id = $1 AND ${AUDIENCE_SQL} AND ($4::text IS NULL OR pu.path LIKE $4)`,
      scopeParam,
    };
  }

  async counts(id: string, requiredLessonIds: string[], today: string, scope: UnitScope, manager: EntityManager = this.db.manager): Promise<Record<LearningStatus, number>> {
    const m = this.membersSql(scope);
    const rows: { status: LearningStatus; n: number }[] = await manager.query(
      `SELECT status, count(*)::int AS n FROM (${m.sql}) x GROUP BY status`,
      [id, requiredLessonIds, today, m.scopeParam],
    );
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
    const m = this.membersSql(scope);
    const params = [id, requiredLessonIds, today, m.scopeParam, filter.status ?? null];
    const where = `WHERE ($5::text IS NULL OR status = $5)`;
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM (${m.sql}) x ${where}`, params);
    const items: MemberRow[] = await manager.query(
      `SELECT * FROM (${m.sql}) x ${where} ORDER BY unit_name, full_name, staff_code LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      params,
    );
    return { items, total: n };
  }

  async memberIds(id: string, manager: EntityManager): Promise<string[]> {
    const m = this.membersSql({ kind: 'province' });
    const rows: { person_id: string }[] = await manager.query(`SELECT person_id FROM (${m.sql}) x`, [id, [], '1970-01-01', null]);
    return rows.map((r) => r.person_id);
  }
}
