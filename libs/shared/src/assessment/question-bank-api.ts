/** What the question-bank API returns. Only QuestionsManage may read it: the bank holds the correct answers. */
import type { Difficulty, QuestionFormat, QuestionOption, QuestionStatus, QuestionType } from './question';
import type { QuestionFileFormat, QuestionImportProblem } from './question-import';
import type { QuestionRuleProblem } from './question-rules';

export interface QuestionListItemDto {
  id: string;
  code: string;
  topicId: string;
  topicCode: string;
  topicName: string;
  type: QuestionType;
  difficulty: Difficulty;
  status: QuestionStatus;
  currentVersion: number;
  tags: string[];
  /** The current version's stem as plain text (an HTML stem is read as text: tags dropped, list items bulleted). */
  stem: string;
  updatedAt: string;
}

export interface QuestionVersionDto {
  id: string;
  version: number;
  topicId: string;
  topicCode: string;
  topicName: string;
  type: QuestionType;
  difficulty: Difficulty;
  format: QuestionFormat;
  stem: string;
  options: QuestionOption[];
  correct: string[];
  explanation: string | null;
  lessonIds: string[];
  documentIds: string[];
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
}

export interface QuestionDetailDto extends QuestionListItemDto {
  current: QuestionVersionDto;
  /** Problems that keep the current content from being published (empty when it may be). */
  problems: QuestionRuleProblem[];
  createdAt: string;
}

export interface QuestionImportPreviewDto {
  position: number;
  topicCode: string | null;
  type: QuestionType;
  difficulty: Difficulty | null;
  stem: string;
  ok: boolean;
}

export interface QuestionImportReportDto {
  fileName: string;
  format: QuestionFileFormat;
  /** Questions found in the file (readable or not). */
  total: number;
  valid: number;
  problems: QuestionImportProblem[];
  questions: QuestionImportPreviewDto[];
  /** Status the questions get on commit. */
  status: QuestionStatus;
  committed: boolean;
  createdCodes: string[];
  /**
   * The Moodle categories of the file (GIFT $CATEGORY, Moodle XML) with the topic each maps to: `mapping` (chosen by
   * the author), `code` (its last segment is a topic code), `default` (the default topic), or none yet.
   */
  categories: QuestionImportCategoryDto[];
  /** Questions of types the bank does not hold, by type: skipped on commit only when the author confirms. */
  unsupported: QuestionImportUnsupportedDto[];
}

export interface QuestionImportCategoryDto {
  category: string;
  count: number;
  topicCode: string | null;
  source: 'mapping' | 'code' | 'default' | null;
}

export interface QuestionImportUnsupportedDto {
  kind: string;
  label: string;
  count: number;
  /** Lines where they start. */
  positions: number[];
}

export interface QuestionBulkResultDto {
  updated: number;
}

/** An image stored for a question's text; `url` goes into the question's HTML (`<img src=url>`). */
export interface QuestionImageDto {
  id: string;
  url: string;
  mime: string;
  size: number;
}
