import type { AudienceRule, CompletionRule, CourseStatus, LearningStatus, LessonKind } from './course';
import type { PersonCategory } from '../people/person';

export interface CourseTopicRef {
  id: string;
  code: string;
  name: string;
}

export interface LessonOutlineDto {
  id: string;
  title: string;
  kind: LessonKind;
  durationMinutes: number;
  /** For the signed-in learner. */
  completed: boolean;
  required: boolean;
}

export interface CourseModuleDto {
  id: string;
  title: string;
  sortOrder: number;
  lessons: LessonOutlineDto[];
}

export interface MyCourseStateDto {
  enrolled: boolean;
  status: LearningStatus;
  done: number;
  total: number;
  percent: number;
  lastLessonId: string | null;
  completedAt: string | null;
  certificateCode: string | null;
  dueDate: string | null;
}

export interface CourseSummaryDto {
  id: string;
  title: string;
  description: string;
  status: CourseStatus;
  estimatedHours: number;
  topics: CourseTopicRef[];
  lessonCount: number;
  updatedAt: string;
  /** Null when the caller has no person record. */
  mine: MyCourseStateDto | null;
}

export interface CourseDetailDto extends CourseSummaryDto {
  completionRule: CompletionRule;
  modules: CourseModuleDto[];
  canEdit: boolean;
}

export interface LessonDto {
  id: string;
  courseId: string;
  courseTitle: string;
  moduleId: string;
  title: string;
  kind: LessonKind;
  durationMinutes: number;
  /** Sanitised HTML (text lessons, and an optional introduction for the other kinds). */
  bodyHtml: string | null;
  /** External link, or a video link. */
  url: string | null;
  file: { name: string; size: number; mime: string; url: string } | null;
  completed: boolean;
  /** E-lecture packages: the score and success the completion recorded (the best completed attempt), else null. */
  result: LessonResultDto | null;
  previousLessonId: string | null;
  nextLessonId: string | null;
}

export interface LessonResultDto {
  success: 'passed' | 'failed' | 'unknown';
  /** -1..1 */
  scoreScaled: number | null;
  scoreRaw: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
}

export interface ProgressResultDto {
  lessonId: string;
  completed: boolean;
  course: MyCourseStateDto;
  /** True when this call completed the course. */
  courseCompletedNow: boolean;
}

export interface MyLearningItemDto {
  course: CourseSummaryDto;
  status: LearningStatus;
  assigned: boolean;
  dueDate: string | null;
}

export interface MyLearningDto {
  items: MyLearningItemDto[];
}

export interface CertificateVerificationDto {
  code: string;
  personName: string;
  unitName: string | null;
  courseTitle: string;
  estimatedHours: number;
  completedAt: string;
}

/** Who issues and signs the course certificates of a province (NĐ 30 letterhead and signature block). */
export interface CertificateSettingsDto {
  /** Cơ quan chủ quản, e.g. "UBND tỉnh Khánh Hòa". */
  issuerParent: string;
  /** Cơ quan cấp, e.g. "Sở Nội vụ". */
  issuerName: string;
  /** Địa danh of the date line, e.g. "Khánh Hòa". */
  place: string;
  /** Chức vụ of the signer, e.g. "GIÁM ĐỐC"; a "KT. GIÁM ĐỐC" line above it is optional. */
  signerTitle: string;
  signerAuthority: string;
  signerName: string;
  /** Ký hiệu after the certificate number, e.g. "GCN-SNV". */
  numberSuffix: string;
}

export interface AssignmentDto {
  id: string;
  courseId: string;
  courseTitle: string;
  unitId: string;
  unitName: string;
  categories: PersonCategory[];
  doesCchcWork: boolean | null;
  isLeader: boolean | null;
  personCount: number;
  dueDate: string;
  note: string | null;
  createdAt: string;
  createdByName: string | null;
  cancelledAt: string | null;
  /** Counted inside the caller's scope. */
  counts: Record<LearningStatus, number> & { total: number };
}

export interface AssignmentMemberDto {
  personId: string;
  fullName: string;
  staffCode: string;
  unitName: string;
  status: LearningStatus;
  percent: number;
  completedAt: string | null;
}

export type AudienceRequest = AudienceRule;

/** A lesson as the editor sees it. */
export interface AuthoringLessonDto {
  id: string;
  courseId: string;
  moduleId: string;
  title: string;
  kind: LessonKind;
  bodyHtml: string | null;
  url: string | null;
  file: { name: string; size: number; mime: string } | null;
  durationMinutes: number;
  sortOrder: number;
}

/** A lesson as an author picks it (the question form): where it sits, so lessons with the same title can be told apart. */
export interface LessonPickDto {
  id: string;
  title: string;
  kind: LessonKind;
  courseId: string;
  courseTitle: string;
  courseStatus: CourseStatus;
  moduleTitle: string;
}
