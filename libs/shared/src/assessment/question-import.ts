/**
 * The shared shape of a question read from an import file (Excel, GIFT, Aiken) and of what is wrong with it.
 * `position` is where a user finds it: the spreadsheet row, or the line of the text file where the question starts.
 */
import type { Difficulty, QuestionFormat, QuestionOption, QuestionType } from './question';
import { QuestionShape, validateQuestion } from './question-rules';

export enum QuestionFileFormat {
  Excel = 'xlsx',
  Gift = 'gift',
  Aiken = 'aiken',
  MoodleXml = 'moodlexml',
}

export interface ImportedQuestion {
  position: number;
  title: string | null;
  /** A topic code the file names (Excel column, GIFT $CATEGORY); the importer checks it exists. */
  topicCode: string | null;
  /** The Moodle category path the question came under (GIFT $CATEGORY, Moodle XML category), for the mapping step. */
  category?: string | null;
  type: QuestionType;
  difficulty: Difficulty | null;
  /** Plain when absent; html texts are raw as the file holds them (the server stores images and sanitises). */
  format?: QuestionFormat;
  stem: string;
  /** With each option's feedback where the file has one (GIFT `#…`, Moodle XML `<answer><feedback>`). */
  options: QuestionOption[];
  correct: string[];
  explanation: string | null;
  tags: string[];
}

export interface QuestionImportProblem {
  /** Row (Excel, header is row 1) or line (GIFT/Aiken, first line is 1). */
  position: number;
  code: string;
  message: string;
  /**
   * For a question of a type the bank does not hold (essay, matching, numerical…): that type. Such questions are
   * listed apart in the dry run and skipped only when the author confirms.
   */
  unsupportedKind?: UnsupportedQuestionKind;
}

export type UnsupportedQuestionKind = 'essay' | 'matching' | 'numerical' | 'shortanswer' | 'description' | 'cloze' | 'calculated' | 'other';

export const UNSUPPORTED_KIND_LABELS: Record<UnsupportedQuestionKind, string> = {
  essay: 'Tự luận',
  matching: 'Ghép nối',
  numerical: 'Dạng số',
  shortanswer: 'Trả lời ngắn',
  description: 'Đoạn mô tả (không phải câu hỏi)',
  cloze: 'Điền khuyết nhiều chỗ (Cloze)',
  calculated: 'Tính toán',
  other: 'Loại khác',
};

export interface QuestionParseResult {
  questions: ImportedQuestion[];
  problems: QuestionImportProblem[];
}

export const positionWord = (format: QuestionFileFormat) => (format === QuestionFileFormat.Excel ? 'Dòng' : format === QuestionFileFormat.MoodleXml ? 'Dòng' : 'Dòng');

/** Content rules of every parsed question, reported at the question's position; problems sorted by position. */
export function checkParsedQuestions(result: QuestionParseResult): QuestionImportProblem[] {
  const out = [...result.problems];
  for (const q of result.questions) {
    for (const p of validateQuestion(q as QuestionShape)) out.push({ position: q.position, code: p.code, message: p.message });
  }
  return out.sort((a, b) => a.position - b.position);
}

export const EMPTY_FILE_PROBLEM: QuestionImportProblem = { position: 1, code: 'EMPTY_FILE', message: 'Tệp không có câu hỏi nào.' };
