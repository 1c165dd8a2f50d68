import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssignmentDto, AssignmentMemberDto, CourseStatus, LEARNING_STATUSES, Page, requiredLessonIds } from '@cchc/shared';
import { AccessService } from '@api/common/access';
import { scopeReaches, UnitScope } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { AuditAction, AuditService } from '@api/audit';
import { courseNotFound } from '@api/courses';
import { CoursesRepository } from '@api/courses';
import { NotificationsService } from '@api/notifications';
import { AssignmentRow, AssignmentsRepository } from './assignments.repository';
import { AssignmentMembersQuery, CreateAssignmentRequest } from './dto/enrolment.dto';
import { assignmentCancelled, assignmentDuePast, assignmentNotFound, assignmentPeopleOutside, courseNotOpen } from './enrolments.exception';
import { vietnamToday } from './enrolments.service';


@Injectable()
export class AssignmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: AssignmentsRepository,
    private readonly courses: CoursesRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  private async requiredLessons(courseId: string): Promise<string[]> {
    const course = (await this.courses.findById(courseId))!;
    const ids = await this.courses.lessonIds(courseId);
    return course.completionRule.kind === 'final_quiz' ? ids : requiredLessonIds(course.completionRule, ids);
  }

  private async toDto(row: AssignmentRow, scope: UnitScope): Promise<AssignmentDto> {
    const a = row.assignment;
    const counts = await this.repo.counts(a.id, await this.requiredLessons(a.courseId), vietnamToday(this.clock.now()), scope);
    return {
      id: a.id,
      courseId: a.courseId,
      courseTitle: row.courseTitle,
      unitId: a.unitId,
      unitName: row.unitName,
      categories: a.categories,
      doesCchcWork: a.doesCchcWork,
      isLeader: a.isLeader,
      personCount: a.personIds.length,
      dueDate: a.dueDate,
      note: a.note,
      createdAt: a.createdAt.toISOString(),
      createdByName: row.createdByName,
      cancelledAt: a.cancelledAt?.toISOString() ?? null,
      counts: { ...counts, total: LEARNING_STATUSES.reduce((sum, s) => sum + counts[s], 0) },
    };
  }

  async list(user: AuthUser): Promise<AssignmentDto[]> {
    const scope = await this.access.scopeOf(user);
    const rows = await this.repo.list(scope);
    const out: AssignmentDto[] = [];
    for (const row of rows) out.push(await this.toDto(row, scope));
    return out;
  }

  private async requireVisible(user: AuthUser, id: string): Promise<{ row: AssignmentRow; scope: UnitScope }> {
    // A subtree officer sees assignments made inside their subtree and those made above it that reach into it.
    const { found, scope } = await this.access.requireFound(user, id, (aid) => this.repo.find(aid), assignmentNotFound, (s, row) => scopeReaches(s, row.unitPath));
    return { row: found, scope };
  }

  async get(user: AuthUser, id: string): Promise<AssignmentDto> {
    const { row, scope } = await this.requireVisible(user, id);
    return this.toDto(row, scope);
  }

  async members(user: AuthUser, id: string, query: AssignmentMembersQuery): Promise<Page<AssignmentMemberDto>> {
    const { row, scope } = await this.requireVisible(user, id);
    const required = await this.requiredLessons(row.assignment.courseId);
    const { items, total } = await this.repo.members(id, required, vietnamToday(this.clock.now()), scope, query);
    return {
      items: items.map((m) => ({
        personId: m.person_id,
        fullName: m.full_name,
        staffCode: m.staff_code,
        unitName: m.unit_name,
        status: m.status,
        percent: m.status === 'completed' ? 100 : required.length ? Math.round((m.done * 100) / required.length) : 0,
        completedAt: m.completed_at?.toISOString() ?? null,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async create(user: AuthUser, req: CreateAssignmentRequest): Promise<AssignmentDto> {
    const scope = await this.access.requireUnit(user, req.unitId);
    const course = await this.courses.findById(req.courseId);
    if (!course) throw courseNotFound();
    if (course.status !== CourseStatus.Published) throw courseNotOpen();
    if (req.dueDate < vietnamToday(this.clock.now()) || Number.isNaN(Date.parse(req.dueDate))) throw assignmentDuePast();
    const personIds = [...new Set(req.personIds ?? [])];
    // The chosen people must work in the assignment's unit: its subtree, already checked to lie in the caller's scope.
    const unitScope = await this.access.unitScope(user, req.unitId);
    const id = await this.db.transaction(async (tx) => {
      const unitPath: string = (await tx.query(`SELECT path FROM org_unit WHERE id = $1`, [req.unitId]))[0].path;
      if (personIds.length && (await this.repo.countPeopleInside(unitScope, personIds, tx)) !== personIds.length) throw assignmentPeopleOutside();
      const newId = await this.repo.insert(
        {
          courseId: req.courseId,
          unitId: req.unitId,
          categories: [...new Set(req.categories ?? [])],
          doesCchcWork: req.doesCchcWork ?? null,
          isLeader: req.isLeader ?? null,
          personIds,
          dueDate: req.dueDate,
          note: req.note || null,
          createdBy: user.id,
          createdAt: this.clock.now(),
        },
        tx,
      );
      const members = await this.repo.memberIds(newId, tx);
      await this.notifications.notifyPeople(
        members,
        { kind: 'course_assigned', title: `Bạn được giao khóa học "${course.title}"`, body: `Hạn hoàn thành: ${req.dueDate.split('-').reverse().join('/')}`, link: `/learning/courses/${course.id}`, dedupeKey: `assignment:${newId}` },
        tx,
      );
      await this.audit.record(
        user,
        { action: AuditAction.Create, entityType: 'course_assignment', entityId: newId, unitPath, summary: `Giao khóa học "${course.title}" (${members.length} người, hạn ${req.dueDate})` },
        tx,
      );
      return newId;
    });
    return this.toDto((await this.repo.find(id))!, scope);
  }

  /** Only whoever manages the assignment's unit may cancel it; progress already made stays. */
  async cancel(user: AuthUser, id: string): Promise<AssignmentDto> {
    const { row, scope } = await this.requireVisible(user, id);
    this.access.require(scope, row);
    if (row.assignment.cancelledAt) throw assignmentCancelled();
    await this.db.transaction(async (tx) => {
      await this.repo.cancel(id, this.clock.now(), tx);
      await this.audit.record(user, { action: AuditAction.Update, entityType: 'course_assignment', entityId: id, unitPath: row.unitPath, summary: `Hủy giao khóa học "${row.courseTitle}"` }, tx);
    });
    return this.get(user, id);
  }
}
