import { Injectable } from '@nestjs/common';
import { LessonCompletedHooks } from './lesson-completed.hooks';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  compareVi,
  CourseDetailDto,
  CourseStatus,
  CourseSummaryDto,
  EvidenceKind,
  foldVietnamese,
  formatVerificationCode,
  isCourseCompleted,
  learningStatus,
  LessonDto,
  type LessonResultDto,
  MyCourseStateDto,
  MyLearningDto,
  MyLearningItemDto,
  ProgressResultDto,
  progressSummary,
  roleHasPermission,
  Permission,
} from '@cchc/shared';
import { AccessService, scopes, systemScope, type UnitScope } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import type { Course } from '@api/courses';
import { courseNotFound, lessonNotFound } from '@api/courses';
import { CoursesRepository } from '@api/courses';
import { mapCourseDetail, mapCourseSummary, mapOutline } from '@api/courses';
import { LessonFiles } from '@api/courses';
import { CatalogueQuery } from '@api/courses';
import { EvidenceService } from '@api/evidence';
import { XapiService } from '@api/xapi';
import { TopicsRepository } from '@api/topics';
import { topicNotFound } from '@api/topics';
import { ProgressRequest } from './dto/enrolment.dto';
import { courseNotOpen } from './enrolments.exception';
import { noPerson } from '@api/common/errors';
import { EnrolmentsRepository, LearnerFacts } from './enrolments.repository';


/** The learner's calendar day: Vietnam has one time zone (UTC+7) and no daylight saving. */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** What a learner does with courses: browse, enrol, study, finish, and prove it. */
@Injectable()
export class EnrolmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly courses: CoursesRepository,
    private readonly repo: EnrolmentsRepository,
    private readonly topics: TopicsRepository,
    private readonly evidence: EvidenceService,
    private readonly files: LessonFiles,
    private readonly clock: Clock,
    private readonly xapi: XapiService,
    private readonly lessonHooks: LessonCompletedHooks,
    private readonly access: AccessService,
  ) {}

  /** The caller's own person; every learner route acts on it and nothing else. */
  requirePerson(user: AuthUser): string {
    if (!user.personId) throw noPerson(user);
    return user.personId;
  }

  private canEdit(user: AuthUser): boolean {
    return roleHasPermission(user.role, Permission.CoursesManage);
  }

  private stateOf(course: Course, lessonIds: string[], facts: LearnerFacts): MyCourseStateDto {
    const completion = facts.completions.get(course.id) ?? null;
    const enrolment = facts.enrolments.get(course.id) ?? null;
    const done = facts.completedLessons.get(course.id) ?? new Set<string>();
    const dueDate = facts.dueDates.get(course.id) ?? null;
    const summary = progressSummary(course.completionRule, lessonIds, done);
    return {
      enrolled: !!enrolment,
      status: learningStatus({ completed: !!completion, started: !!enrolment || done.size > 0, dueDate, today: vietnamToday(this.clock.now()) }),
      // A completion recorded earlier stands even if lessons were added since.
      ...(completion ? { done: summary.total, total: summary.total, percent: 100 } : summary),
      lastLessonId: enrolment?.lastLessonId ?? null,
      completedAt: completion?.completedAt.toISOString() ?? null,
      certificateCode: completion?.certificateCode ?? null,
      dueDate,
    };
  }

  async catalogue(user: AuthUser, query: CatalogueQuery): Promise<CourseSummaryDto[]> {
    const topicIds = query.topicId ? await this.topics.withDescendants(query.topicId) : undefined;
    // An unknown topic in a filter is a 404, like an unknown unit in the people list.
    if (topicIds && !topicIds.length) throw topicNotFound();
    const rows = await this.courses.list({ statuses: [CourseStatus.Published], folded: query.q ? foldVietnamese(query.q) : undefined, topicIds });
    return this.summaries(this.access.ownScope(user), user.personId, rows);
  }

  private async summaries(scope: UnitScope, personId: string | null, rows: Awaited<ReturnType<CoursesRepository['list']>>): Promise<CourseSummaryDto[]> {
    if (!personId || !rows.length) return rows.map((row) => mapCourseSummary(row, null));
    const ids = rows.map((r) => r.course.id);
    const [facts, lessonIds] = await Promise.all([this.repo.learnerFacts(scope, personId, ids), this.repo.lessonIdsByCourse(ids)]);
    return rows.map((row) => mapCourseSummary(row, this.stateOf(row.course, lessonIds.get(row.course.id)!, facts)));
  }

  /**
   * A course a learner may open: published; archived if they had started or finished it (their history stays
   * readable); any course for its authors (preview).
   */
  private async openCourse(user: AuthUser, id: string): Promise<Course> {
    const course = await this.courses.findById(id);
    if (!course) throw courseNotFound();
    if (course.status === CourseStatus.Published || this.canEdit(user)) return course;
    if (course.status === CourseStatus.Archived && user.personId && (await this.repo.hasHistory(this.access.ownScope(user), user.personId, id))) return course;
    throw courseNotFound();
  }

  async course(user: AuthUser, id: string): Promise<CourseDetailDto> {
    const course = await this.openCourse(user, id);
    const [row] = await this.courses.withTopicsAndCounts([course]);
    const lessons = await this.courses.lessons(id);
    const facts = user.personId ? await this.repo.learnerFacts(this.access.ownScope(user), user.personId, [id]) : null;
    const mine = facts ? this.stateOf(course, lessons.map((l) => l.id), facts) : null;
    const outline = mapOutline(await this.courses.modules(id), lessons, course.completionRule, facts?.completedLessons.get(id) ?? new Set());
    return mapCourseDetail(row, outline, mine, this.canEdit(user));
  }

  async enrol(user: AuthUser, id: string): Promise<CourseDetailDto> {
    const personId = this.requirePerson(user);
    const course = await this.courses.findById(id);
    if (!course) throw courseNotFound();
    if (course.status !== CourseStatus.Published) throw courseNotOpen();
    const facts = await this.repo.learnerFacts(this.access.ownScope(user), personId, [id]);
    await this.db.transaction((tx) =>
      this.repo.upsertEnrolment({ courseId: id, personId, source: facts.dueDates.has(id) ? 'assignment' : 'self', at: this.clock.now() }, tx),
    );
    return this.course(user, id);
  }

  async lesson(user: AuthUser, id: string): Promise<LessonDto> {
    const lesson = await this.courses.findLesson(id);
    if (!lesson) throw lessonNotFound();
    const course = await this.openCourse(user, lesson.courseId).catch(() => {
      throw lessonNotFound();
    });
    const order = await this.courses.lessonIds(course.id);
    const index = order.indexOf(id);
    const done = user.personId ? new Set(await this.repo.completedLessonIds(this.access.ownScope(user), user.personId, course.id, this.db.manager)) : new Set<string>();
    return {
      id: lesson.id,
      courseId: course.id,
      courseTitle: course.title,
      moduleId: lesson.moduleId,
      title: lesson.title,
      kind: lesson.kind,
      durationMinutes: lesson.durationMinutes,
      bodyHtml: lesson.bodyHtml,
      url: lesson.url,
      file: lesson.fileKey ? { name: lesson.fileName ?? 'tep', size: lesson.fileSize ?? 0, mime: lesson.fileMime ?? '', url: this.files.urlFor(lesson.id, lesson.fileKey) } : null,
      completed: done.has(lesson.id),
      result: user.personId && done.has(lesson.id) ? await this.repo.lessonResult(this.access.ownScope(user), user.personId, lesson.id) : null,
      previousLessonId: index > 0 ? order[index - 1] : null,
      nextLessonId: index >= 0 && index < order.length - 1 ? order[index + 1] : null,
    };
  }

  /** Saves where the learner is and what they finished; completes the course when its rule is met. */
  async progress(user: AuthUser, lessonId: string, req: ProgressRequest, result?: LessonResultDto): Promise<ProgressResultDto> {
    return this.progressOf(this.requirePerson(user), lessonId, req, result);
  }

  /** The same for one learner without a signed-in user: a content session (a cmi5 AU) that met its moveOn criterion. */
  /**
   * `result` (never from a request body: e-lecture packages give it) is the score and success that completed the
   * lesson; it goes on the lesson (the best one is kept) and on its xAPI "completed" statement.
   */
  async progressOf(personId: string, lessonId: string, req: ProgressRequest, result?: LessonResultDto): Promise<ProgressResultDto> {
    const lesson = await this.courses.findLesson(lessonId);
    if (!lesson) throw lessonNotFound();
    const course = await this.courses.findById(lesson.courseId);
    if (!course || course.status !== CourseStatus.Published) throw courseNotOpen();
    const now = this.clock.now();
    const own = scopes.person(personId);
    const facts = await this.repo.learnerFacts(own, personId, [course.id]);
    const completedNow = await this.db.transaction(async (tx) => {
      await this.repo.upsertEnrolment({ courseId: course.id, personId, source: facts.dueDates.has(course.id) ? 'assignment' : 'self', at: now, lastLessonId: lessonId }, tx);
      const lessonDone = await this.repo.recordLessonProgress({ personId, lessonId, courseId: course.id, completed: req.completed ?? false, positionSeconds: req.positionSeconds ?? 0, at: now }, tx);
      if (result && req.completed) await this.repo.recordLessonResult({ personId, lessonId, result }, tx);
      if (lessonDone) {
        await this.xapi.recordLearning([{ kind: 'lesson_completed', personId, lessonId, lessonTitle: lesson.title, courseId: course.id, at: now, ...(result ? { result } : {}) }], tx);
        await this.lessonHooks.run({ personId, lessonId, at: now }, tx);
      }
      if (facts.completions.has(course.id)) return false;
      const lessonIds = await this.courses.lessonIds(course.id, tx);
      const done = await this.repo.completedLessonIds(own, personId, course.id, tx);
      if (!isCourseCompleted({ rule: course.completionRule, lessonIds, completedLessonIds: done })) return false;
      return this.complete(own, personId, course, now, tx);
    });
    const after = await this.repo.learnerFacts(own, personId, [course.id]);
    return {
      lessonId,
      completed: after.completedLessons.get(course.id)?.has(lessonId) ?? false,
      course: this.stateOf(course, await this.courses.lessonIds(course.id), after),
      courseCompletedNow: completedNow,
    };
  }

  /**
   * Records the completion once (with the certificate snapshot and code) and the training evidence for each of the
   * course's topics. Returns false when the person had already completed it.
   */
  private async complete(scope: UnitScope, personId: string, course: Course, at: Date, tx: EntityManager): Promise<boolean> {
    const person = await this.repo.personSnapshot(scope, personId, tx);
    if (!person) return false;
    const certificateCode = formatVerificationCode(randomBytes(12));
    const inserted = await this.repo.insertCompletion(
      {
        courseId: course.id,
        personId,
        completedAt: at,
        certificateCode,
        personName: person.fullName,
        unitName: person.unitName,
        courseTitle: course.title,
        estimatedHours: course.estimatedHours,
      },
      tx,
    );
    if (!inserted) return false;
    await this.xapi.recordLearning(
      [
        { kind: 'course_completed', personId, courseId: course.id, courseTitle: course.title, at },
        { kind: 'certificate_issued', personId, courseId: course.id, courseTitle: course.title, certificateCode, at },
      ],
      tx,
    );
    const topicIds = await this.courses.topicIdsOf(course.id, tx);
    await this.evidence.record(
      topicIds.map((topicId) => ({
        personId,
        topicId,
        kind: EvidenceKind.CourseCompleted,
        sourceType: 'course',
        sourceId: course.id,
        occurredAt: at,
        details: { courseTitle: course.title },
      })),
      tx,
    );
    return true;
  }

  /**
   * For the assessment domain: a person passed a test round. Every published course whose rule is
   * `{ kind: 'final_quiz', testRoundId }` is completed for them. Call it inside the transaction that records the pass.
   */
  async recordQuizPassed(personId: string, testRoundId: string, at: Date, manager?: EntityManager): Promise<string[]> {
    const run = async (tx: EntityManager) => {
      const completed: string[] = [];
      for (const courseId of await this.repo.coursesCompletedByQuiz(testRoundId, tx)) {
        const course = (await this.courses.findById(courseId, tx))!;
        await this.repo.upsertEnrolment({ courseId, personId, source: 'self', at }, tx);
        // On nobody's behalf: the submission that passed, or the deadline job that counted it.
        if (await this.complete(systemScope(), personId, course, at, tx)) completed.push(courseId);
      }
      return completed;
    };
    return manager ? run(manager) : this.db.transaction(run);
  }

  async myLearning(user: AuthUser): Promise<MyLearningDto> {
    return { items: await this.learningOf(this.access.ownScope(user), this.requirePerson(user)) };
  }

  /**
   * One person's courses (enrolled, completed or assigned), overdue first: "my learning" (their own scope), and the
   * training record an officer reads (the officer's scope, which the caller checked reaches the person). A fixed
   * number of queries, whatever the count.
   */
  async learningOf(scope: UnitScope, personId: string): Promise<MyLearningItemDto[]> {
    const ids = await this.repo.myCourseIds(scope, personId);
    // An archived course stays in the list for those who started, finished or were assigned it.
    const rows = await this.courses.list({ statuses: [CourseStatus.Published, CourseStatus.Archived], ids });
    const summaries = await this.summaries(scope, personId, rows);
    const facts = await this.repo.learnerFacts(scope, personId, ids);
    const order = { overdue: 0, in_progress: 1, not_started: 2, completed: 3 } as const;
    return (
      summaries
        .map((course) => ({ course, status: course.mine!.status, assigned: facts.dueDates.has(course.id), dueDate: course.mine!.dueDate }))
        .sort((a, b) => order[a.status] - order[b.status] || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || compareVi(a.course.title, b.course.title))
    );
  }
}
