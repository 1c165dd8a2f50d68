import { inAudience } from '../people/audience';
import type { PersonCategory } from '../people/person';

export enum CourseStatus {
  Draft = 'draft',
  Published = 'published',
  Archived = 'archived',
}

export const COURSE_STATUS_LABELS: Record<CourseStatus, { vi: string; en: string }> = {
  [CourseStatus.Draft]: { vi: 'Bản nháp', en: 'Draft' },
  [CourseStatus.Published]: { vi: 'Đã xuất bản', en: 'Published' },
  [CourseStatus.Archived]: { vi: 'Đã lưu trữ', en: 'Archived' },
};

export enum LessonKind {
  Text = 'text',
  Video = 'video',
  Document = 'document',
  Link = 'link',
  /** An e-lecture package: SCORM 1.2, SCORM 2004 or cmi5 (see learning/package.ts). */
  Package = 'package',
}

export const LESSON_KINDS: readonly LessonKind[] = Object.values(LessonKind);

export const LESSON_KIND_LABELS: Record<LessonKind, { vi: string; en: string }> = {
  [LessonKind.Text]: { vi: 'Bài đọc', en: 'Reading' },
  [LessonKind.Video]: { vi: 'Video', en: 'Video' },
  [LessonKind.Document]: { vi: 'Tài liệu', en: 'Document' },
  [LessonKind.Link]: { vi: 'Liên kết ngoài', en: 'External link' },
  [LessonKind.Package]: { vi: 'Bài giảng điện tử (SCORM, cmi5)', en: 'E-lecture package (SCORM, cmi5)' },
};

/**
 * When a course counts as completed. Stored as data on the course; `final_quiz` is satisfied by the assessment
 * domain calling the enrolments service when the person passes the named test round.
 */
export type CompletionRule =
  | { kind: 'all_lessons' }
  | { kind: 'chosen_lessons'; lessonIds: string[] }
  | { kind: 'final_quiz'; testRoundId: string };

export const COMPLETION_RULE_KINDS = ['all_lessons', 'chosen_lessons', 'final_quiz'] as const;
export type CompletionRuleKind = (typeof COMPLETION_RULE_KINDS)[number];

/** The lessons a learner must finish under the rule (for a quiz rule: none, the quiz decides). */
export function requiredLessonIds(rule: CompletionRule, lessonIds: readonly string[]): string[] {
  if (rule.kind === 'all_lessons') return [...lessonIds];
  if (rule.kind === 'chosen_lessons') {
    const chosen = new Set(rule.lessonIds);
    const still = lessonIds.filter((id) => chosen.has(id));
    // Every chosen lesson was deleted: fall back to all lessons rather than completing on nothing.
    return still.length ? still : [...lessonIds];
  }
  return [];
}

export interface CompletionInput {
  rule: CompletionRule;
  lessonIds: readonly string[];
  completedLessonIds: Iterable<string>;
  /** Only for `final_quiz`: whether assessment reported a pass. */
  quizPassed?: boolean;
}

export function isCourseCompleted({ rule, lessonIds, completedLessonIds, quizPassed = false }: CompletionInput): boolean {
  if (rule.kind === 'final_quiz') return quizPassed;
  const required = requiredLessonIds(rule, lessonIds);
  if (!required.length) return false;
  const done = new Set(completedLessonIds);
  return required.every((id) => done.has(id));
}

export interface ProgressSummary {
  done: number;
  total: number;
  percent: number;
}

export function progressSummary(rule: CompletionRule, lessonIds: readonly string[], completedLessonIds: Iterable<string>): ProgressSummary {
  const required = rule.kind === 'final_quiz' ? [...lessonIds] : requiredLessonIds(rule, lessonIds);
  const done = new Set(completedLessonIds);
  const count = required.filter((id) => done.has(id)).length;
  return { done: count, total: required.length, percent: required.length ? Math.round((count * 100) / required.length) : 0 };
}

/** Checks a rule a client sent against the course's lessons; returns a Vietnamese problem or null. */
export function completionRuleProblem(rule: CompletionRule, lessonIds: readonly string[]): string | null {
  if (rule.kind === 'chosen_lessons') {
    if (!rule.lessonIds.length) return 'Hãy chọn ít nhất một bài học bắt buộc.';
    const known = new Set(lessonIds);
    if (rule.lessonIds.some((id) => !known.has(id))) return 'Bài học bắt buộc không thuộc khóa học này.';
  }
  return null;
}

export enum LearningStatus {
  NotStarted = 'not_started',
  InProgress = 'in_progress',
  Completed = 'completed',
  Overdue = 'overdue',
}

export const LEARNING_STATUSES: readonly LearningStatus[] = Object.values(LearningStatus);

export const LEARNING_STATUS_LABELS: Record<LearningStatus, { vi: string; en: string }> = {
  [LearningStatus.NotStarted]: { vi: 'Chưa bắt đầu', en: 'Not started' },
  [LearningStatus.InProgress]: { vi: 'Đang học', en: 'In progress' },
  [LearningStatus.Completed]: { vi: 'Đã hoàn thành', en: 'Completed' },
  [LearningStatus.Overdue]: { vi: 'Quá hạn', en: 'Overdue' },
};

/** A learner's state for a course; an unfinished course past its due date (YYYY-MM-DD, inclusive) is overdue. */
export function learningStatus(input: { completed: boolean; started: boolean; dueDate?: string | null; today: string }): LearningStatus {
  if (input.completed) return LearningStatus.Completed;
  if (input.dueDate && input.today > input.dueDate) return LearningStatus.Overdue;
  return input.started ? LearningStatus.InProgress : LearningStatus.NotStarted;
}

/** Who an assignment applies to. Evaluated when read, so people who join the audience later are included. */
export interface AudienceRule {
  /** The unit and everything below it. */
  unitId: string;
  /** Empty: every category. */
  categories: PersonCategory[];
  doesCchcWork: boolean | null;
  isLeader: boolean | null;
  /** Empty: everyone matching the rest; otherwise only these people (still inside the unit subtree). */
  personIds: string[];
}

export interface AudienceCandidate {
  id: string;
  unitPath: string;
  category: PersonCategory;
  doesCchcWork: boolean;
  isLeader: boolean;
  status: string;
}

/** An assignment's audience: the one audience rule (people/audience) with the assignment's unit. */
export function audienceIncludes(rule: AudienceRule & { unitPath: string }, person: AudienceCandidate): boolean {
  return inAudience(rule, person);
}

// Certificate verification codes: no 0/O or 1/I/L, so a code read aloud or typed from paper is unambiguous.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const VERIFICATION_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

/** Twelve characters from `randomBytes` (≥ 12 bytes), shown as XXXX-XXXX-XXXX. */
export function formatVerificationCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < 12) throw new Error('need 12 random bytes');
  let code = '';
  for (let i = 0; i < 12; i++) {
    code += CODE_ALPHABET[randomBytes[i] % CODE_ALPHABET.length];
    if (i === 3 || i === 7) code += '-';
  }
  return code;
}

/** Accepts what a person types: lower case, spaces, missing dashes. Returns null when it cannot be a code. */
export function normaliseVerificationCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (raw.length !== 12) return null;
  const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
  return VERIFICATION_CODE_PATTERN.test(code) ? code : null;
}
