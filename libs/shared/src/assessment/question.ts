export enum QuestionType {
  Single = 'single',
  Multiple = 'multiple',
  TrueFalse = 'true_false',
}

export enum Difficulty {
  Easy = 'easy',
  Medium = 'medium',
  Hard = 'hard',
}

export enum QuestionStatus {
  Draft = 'draft',
  Published = 'published',
  Retired = 'retired',
}

export const QUESTION_TYPE_LABELS: Record<QuestionType, { vi: string; en: string }> = {
  [QuestionType.Single]: { vi: 'Một đáp án đúng', en: 'Single choice' },
  [QuestionType.Multiple]: { vi: 'Nhiều đáp án đúng', en: 'Multiple response' },
  [QuestionType.TrueFalse]: { vi: 'Đúng / Sai', en: 'True / false' },
};

export const DIFFICULTY_LABELS: Record<Difficulty, { vi: string; en: string }> = {
  [Difficulty.Easy]: { vi: 'Dễ', en: 'Easy' },
  [Difficulty.Medium]: { vi: 'Trung bình', en: 'Medium' },
  [Difficulty.Hard]: { vi: 'Khó', en: 'Hard' },
};

export const QUESTION_STATUS_LABELS: Record<QuestionStatus, { vi: string; en: string }> = {
  [QuestionStatus.Draft]: { vi: 'Nháp', en: 'Draft' },
  [QuestionStatus.Published]: { vi: 'Đã duyệt', en: 'Published' },
  [QuestionStatus.Retired]: { vi: 'Ngừng dùng', en: 'Retired' },
};

/**
 * How a version's texts (stem, options, option feedback, explanation) are written: `plain` text shown as typed (line
 * breaks kept, never read as markup), or `html` that the server sanitised with the question allow-list (bold, lists,
 * tables, images stored as files...). One format per version, stored in `question_version.format`.
 */
export enum QuestionFormat {
  Plain = 'plain',
  Html = 'html',
}

/** Option ids are stable within a version ('a', 'b', ... ; 'true'/'false' for true/false questions). */
export interface QuestionOption {
  id: string;
  text: string;
  /**
   * Feedback on choosing this option (Moodle's per-answer feedback), shown in review beside it. Server only while an
   * attempt is open: the exam payload carries id and text alone.
   */
  feedback?: string;
}

/** An option as a learner sees it while sitting a test. */
export type ExamOption = Pick<QuestionOption, 'id' | 'text'>;

/** One immutable version of a question: attempts keep the version they were given. */
export interface QuestionContent {
  stem: string;
  options: QuestionOption[];
  /** Ids of the correct options: exactly one for single and true/false, one or more for multiple. */
  correct: string[];
  explanation: string | null;
  /** Lessons (Learning) and library documents that teach the point: the re-study list of a wrong answer. */
  lessonIds: string[];
  documentIds: string[];
}

export const TRUE_FALSE_OPTIONS: QuestionOption[] = [
  { id: 'true', text: 'Đúng' },
  { id: 'false', text: 'Sai' },
];
