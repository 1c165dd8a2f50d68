import {
  AuthoringLessonDto,
  CourseDetailDto,
  CourseModuleDto,
  CourseSummaryDto,
  MyCourseStateDto,
  requiredLessonIds,
} from '@cchc/shared';
import type { CourseModule, Lesson } from '../course.entity';
import type { CourseRow } from '../courses.repository';

export function mapCourseSummary(row: CourseRow, mine: MyCourseStateDto | null): CourseSummaryDto {
  const c = row.course;
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    status: c.status,
    estimatedHours: c.estimatedHours,
    topics: row.topics,
    lessonCount: row.lessonCount,
    updatedAt: c.updatedAt.toISOString(),
    mine,
  };
}

export function mapOutline(modules: CourseModule[], lessons: Lesson[], rule: CourseRow['course']['completionRule'], completed: Set<string>): CourseModuleDto[] {
  const required = new Set(requiredLessonIds(rule, lessons.map((l) => l.id)));
  return modules.map((m) => ({
    id: m.id,
    title: m.title,
    sortOrder: m.sortOrder,
    lessons: lessons
      .filter((l) => l.moduleId === m.id)
      .map((l) => ({ id: l.id, title: l.title, kind: l.kind, durationMinutes: l.durationMinutes, completed: completed.has(l.id), required: required.has(l.id) })),
  }));
}

export function mapCourseDetail(row: CourseRow, modules: CourseModuleDto[], mine: MyCourseStateDto | null, canEdit: boolean): CourseDetailDto {
  return { ...mapCourseSummary(row, mine), completionRule: row.course.completionRule, modules, canEdit };
}

export function mapAuthoringLesson(l: Lesson): AuthoringLessonDto {
  return {
    id: l.id,
    courseId: l.courseId,
    moduleId: l.moduleId,
    title: l.title,
    kind: l.kind,
    bodyHtml: l.bodyHtml,
    url: l.url,
    file: l.fileKey ? { name: l.fileName ?? 'tep', size: l.fileSize ?? 0, mime: l.fileMime ?? 'application/octet-stream' } : null,
    durationMinutes: l.durationMinutes,
    sortOrder: l.sortOrder,
  };
}
