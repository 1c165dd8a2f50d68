import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuthoringLessonDto,
  checkLessonFile,
  completionRuleProblem,
  CourseDetailDto,
  CourseStatus,
  CourseSummaryDto,
  foldVietnamese,
  LessonKind,
  type LessonPickDto,
  type Page,
} from '@cchc/shared';
import { AuditAction, AuditService } from '@api/audit';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { FileCleanup, FileStorage } from '@api/storage';
import type { Course, Lesson } from './course.entity';
import {
  cannotPublishEmpty,
  courseNotFound,
  invalidRule,
  lessonContentMissing,
  lessonFileRefused,
  lessonNotFound,
  moduleNotFound,
  unknownTopics,
} from './courses.exception';
import { CoursesRepository } from './courses.repository';
import { mapAuthoringLesson, mapCourseDetail, mapCourseSummary, mapOutline } from './dto/course.mapper';
import {
  CreateCourseRequest,
  CreateLessonRequest,
  CreateModuleRequest,
  LessonSearchQuery,
  toCompletionRule,
  UpdateCourseRequest,
  UpdateLessonRequest,
  UpdateModuleRequest,
} from './dto/course.dto';
import { sanitizeLessonHtml } from './lesson-html';

const ALL_STATUSES = [CourseStatus.Draft, CourseStatus.Published, CourseStatus.Archived];

export interface UploadedLessonFile {
  fileName: string;
  buffer: Buffer;
}

/** Authoring: courses, their modules and lessons. Learner-facing reads live in the enrolments domain. */
@Injectable()
export class CoursesService {
  constructor(
    private readonly db: DataSource,
    private readonly courses: CoursesRepository,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
    private readonly cleanup: FileCleanup,
  ) {}

  /** The lesson picker of the question form. A query of punctuation only finds nothing (not every lesson). */
  async searchLessons(query: LessonSearchQuery): Promise<Page<LessonPickDto>> {
    const words = query.q ? foldVietnamese(query.q).split(/[^a-z0-9]+/).filter(Boolean) : [];
    const paging = { page: query.page, pageSize: query.pageSize };
    if (query.q && !words.length) return { items: [], total: 0, ...paging };
    const { rows, total } = await this.courses.searchLessons({ words, ids: query.ids, ...paging });
    return { items: rows, total, ...paging };
  }

  async list(): Promise<CourseSummaryDto[]> {
    return (await this.courses.list({ statuses: ALL_STATUSES })).map((row) => mapCourseSummary(row, null));
  }

  async requireCourse(id: string, manager?: EntityManager): Promise<Course> {
    const course = await this.courses.findById(id, manager);
    if (!course) throw courseNotFound();
    return course;
  }

  async detail(id: string): Promise<CourseDetailDto> {
    const course = await this.requireCourse(id);
    const [row] = await this.courses.withTopicsAndCounts([course]);
    const outline = mapOutline(await this.courses.modules(id), await this.courses.lessons(id), course.completionRule, new Set());
    return mapCourseDetail(row, outline, null, true);
  }

  private async checkTopics(topicIds: string[], tx: EntityManager): Promise<string[]> {
    const unique = [...new Set(topicIds)];
    if ((await this.courses.countActiveTopics(unique, tx)) !== unique.length) throw unknownTopics();
    return unique;
  }

  async create(user: AuthUser, req: CreateCourseRequest): Promise<CourseDetailDto> {
    const id = await this.db.transaction(async (tx) => {
      const topicIds = await this.checkTopics(req.topicIds, tx);
      const description = req.description?.trim() ?? '';
      const newId = await this.courses.insertCourse(
        {
          title: req.title,
          description,
          status: CourseStatus.Draft,
          estimatedHours: req.estimatedHours,
          completionRule: { kind: 'all_lessons' },
          searchText: foldVietnamese(`${req.title} ${description}`),
          createdBy: user.id,
        },
        tx,
      );
      await this.courses.setTopics(newId, topicIds, tx);
      await this.audit.record(user, { action: AuditAction.Create, entityType: 'course', entityId: newId, summary: `Tạo khóa học "${req.title}"` }, tx);
      return newId;
    });
    return this.detail(id);
  }

  async update(user: AuthUser, id: string, req: UpdateCourseRequest): Promise<CourseDetailDto> {
    await this.requireCourse(id);
    await this.db.transaction(async (tx) => {
      const course = (await this.courses.lock(id, tx))!;
      const patch: Partial<Course> = {};
      if (req.title !== undefined) patch.title = req.title;
      if (req.description !== undefined) patch.description = req.description.trim();
      if (req.estimatedHours !== undefined) patch.estimatedHours = req.estimatedHours;
      if (req.title !== undefined || req.description !== undefined) {
        patch.searchText = foldVietnamese(`${patch.title ?? course.title} ${patch.description ?? course.description}`);
      }
      const lessonIds = await this.courses.lessonIds(id, tx);
      if (req.completionRule) {
        const rule = toCompletionRule(req.completionRule);
        const problem = completionRuleProblem(rule, lessonIds);
        if (problem) throw invalidRule(problem);
        if (rule.kind === 'final_quiz' && !(await this.courses.testRoundExists(rule.testRoundId, tx))) throw invalidRule('Không tìm thấy kỳ kiểm tra đã chọn.');
        patch.completionRule = rule;
      }
      if (req.status !== undefined && req.status !== course.status) {
        if (req.status === CourseStatus.Published && !lessonIds.length) throw cannotPublishEmpty();
        patch.status = req.status;
        if (req.status === CourseStatus.Published && !course.publishedAt) patch.publishedAt = this.clock.now();
      }
      if (req.topicIds) await this.courses.setTopics(id, await this.checkTopics(req.topicIds, tx), tx);
      await this.courses.updateCourse(id, patch, tx);
      const summary =
        patch.status === CourseStatus.Published
          ? `Xuất bản khóa học "${course.title}"`
          : patch.status === CourseStatus.Archived
            ? `Lưu trữ khóa học "${course.title}"`
            : `Sửa khóa học "${course.title}"`;
      await this.audit.record(user, { action: AuditAction.Update, entityType: 'course', entityId: id, summary, details: { ...req } }, tx);
    });
    return this.detail(id);
  }

  async addModule(user: AuthUser, courseId: string, req: CreateModuleRequest): Promise<CourseDetailDto> {
    await this.requireCourse(courseId);
    await this.db.transaction(async (tx) => {
      await this.courses.lock(courseId, tx);
      await this.courses.insertModule({ courseId, title: req.title }, tx);
      await this.courses.touchCourse(courseId, tx);
    });
    return this.detail(courseId);
  }

  private async requireModule(id: string) {
    const module = await this.courses.findModule(id);
    if (!module) throw moduleNotFound();
    return module;
  }

  async updateModule(user: AuthUser, id: string, req: UpdateModuleRequest): Promise<CourseDetailDto> {
    const module = await this.requireModule(id);
    await this.db.transaction(async (tx) => {
      await this.courses.updateModule(id, { ...(req.title !== undefined && { title: req.title }), ...(req.sortOrder !== undefined && { sortOrder: req.sortOrder }) }, tx);
      await this.courses.touchCourse(module.courseId, tx);
    });
    return this.detail(module.courseId);
  }

  /** Removes a module and its lessons. Learners' completions already recorded stay. */
  async deleteModule(user: AuthUser, id: string): Promise<CourseDetailDto> {
    const module = await this.requireModule(id);
    const files = await this.db.transaction(async (tx) => {
      await this.courses.lock(module.courseId, tx);
      const lessons = await this.courses.lessonsOfModule(id, tx);
      await this.courses.deleteModule(id, tx);
      await this.courses.touchCourse(module.courseId, tx);
      await this.audit.record(user, { action: AuditAction.Update, entityType: 'course', entityId: module.courseId, summary: `Xóa chương "${module.title}" (${lessons.length} bài)` }, tx);
      return lessons.map((l) => l.fileKey).filter((k): k is string => !!k);
    });
    await this.removeUnusedFiles(files);
    // Package lessons' extracted files were queued by the delete (file_cleanup): remove them now that it committed.
    await this.cleanup.drain();
    return this.detail(module.courseId);
  }

  private async requireLesson(id: string, manager?: EntityManager): Promise<Lesson> {
    const lesson = await this.courses.findLesson(id, manager);
    if (!lesson) throw lessonNotFound();
    return lesson;
  }

  async getLesson(id: string): Promise<AuthoringLessonDto> {
    return mapAuthoringLesson(await this.requireLesson(id));
  }

  private lessonContent(kind: LessonKind, bodyHtml: string | null, url: string | null): void {
    if (kind === LessonKind.Link && !url) throw lessonContentMissing('Bài học dạng liên kết ngoài cần có địa chỉ liên kết (http:// hoặc https://).');
  }

  async addLesson(user: AuthUser, moduleId: string, req: CreateLessonRequest): Promise<AuthoringLessonDto> {
    const module = await this.requireModule(moduleId);
    const bodyHtml = req.bodyHtml !== undefined ? sanitizeLessonHtml(req.bodyHtml) : null;
    this.lessonContent(req.kind, bodyHtml, req.url ?? null);
    const id = await this.db.transaction(async (tx) => {
      await this.courses.lock(module.courseId, tx);
      const newId = await this.courses.insertLesson(
        { courseId: module.courseId, moduleId, title: req.title, kind: req.kind, bodyHtml: bodyHtml || null, url: req.url ?? null, durationMinutes: req.durationMinutes ?? 10 },
        tx,
      );
      await this.courses.touchCourse(module.courseId, tx);
      await this.audit.record(user, { action: AuditAction.Update, entityType: 'course', entityId: module.courseId, summary: `Thêm bài học "${req.title}"` }, tx);
      return newId;
    });
    return this.getLesson(id);
  }

  async updateLesson(user: AuthUser, id: string, req: UpdateLessonRequest): Promise<AuthoringLessonDto> {
    const lesson = await this.requireLesson(id);
    const patch: Partial<Lesson> = {};
    if (req.title !== undefined) patch.title = req.title;
    if (req.bodyHtml !== undefined) patch.bodyHtml = sanitizeLessonHtml(req.bodyHtml) || null;
    if (req.url !== undefined) patch.url = req.url || null;
    if (req.durationMinutes !== undefined) patch.durationMinutes = req.durationMinutes;
    if (req.sortOrder !== undefined) patch.sortOrder = req.sortOrder;
    if (req.moduleId !== undefined && req.moduleId !== lesson.moduleId) {
      const target = await this.courses.findModule(req.moduleId);
      if (!target || target.courseId !== lesson.courseId) throw moduleNotFound();
      patch.moduleId = req.moduleId;
    }
    this.lessonContent(lesson.kind, patch.bodyHtml ?? lesson.bodyHtml, patch.url !== undefined ? patch.url : lesson.url);
    await this.db.transaction(async (tx) => {
      await this.courses.updateLesson(id, patch, tx);
      await this.courses.touchCourse(lesson.courseId, tx);
      await this.audit.record(user, { action: AuditAction.Update, entityType: 'course', entityId: lesson.courseId, summary: `Sửa bài học "${lesson.title}"` }, tx);
    });
    return this.getLesson(id);
  }

  async deleteLesson(user: AuthUser, id: string): Promise<CourseDetailDto> {
    const lesson = await this.requireLesson(id);
    await this.db.transaction(async (tx) => {
      await this.courses.lock(lesson.courseId, tx);
      await this.courses.deleteLesson(id, tx);
      await this.courses.touchCourse(lesson.courseId, tx);
      await this.audit.record(user, { action: AuditAction.Update, entityType: 'course', entityId: lesson.courseId, summary: `Xóa bài học "${lesson.title}"` }, tx);
    });
    if (lesson.fileKey) await this.removeUnusedFiles([lesson.fileKey]);
    await this.cleanup.drain();
    return this.detail(lesson.courseId);
  }

  /**
   * Attaches a video or document to a lesson. The file is checked (type by name and content, size) before anything
   * is stored; if the database update fails the stored file is removed again, so a refused upload leaves nothing.
   */
  async uploadLessonFile(user: AuthUser, id: string, file: UploadedLessonFile): Promise<AuthoringLessonDto> {
    const lesson = await this.requireLesson(id);
    const check = checkLessonFile(lesson.kind, file.fileName, file.buffer.length, file.buffer.subarray(0, 16));
    if (!check.ok) throw lessonFileRefused(check);
    const stored = await this.storage.put(file.buffer, `x${check.extension}`);
    try {
      await this.db.transaction(async (tx) => {
        await this.courses.updateLesson(id, { fileKey: stored.key, fileName: file.fileName.slice(0, 255), fileMime: check.mime, fileSize: stored.size }, tx);
        await this.courses.touchCourse(lesson.courseId, tx);
        await this.audit.record(user, { action: AuditAction.Update, entityType: 'course', entityId: lesson.courseId, summary: `Tải tệp "${file.fileName}" cho bài "${lesson.title}"` }, tx);
      });
    } catch (e) {
      await this.storage.remove(stored.key);
      throw e;
    }
    if (lesson.fileKey) await this.removeUnusedFiles([lesson.fileKey]);
    return this.getLesson(id);
  }

  private async removeUnusedFiles(keys: string[]): Promise<void> {
    for (const key of keys) if (!(await this.courses.fileInUse(key))) await this.storage.remove(key);
  }
}
