/**
 * The question-bank spreadsheet: one row per question. The import template and the export share these columns, so
 * an export can be edited and imported again. Pure: the API reads the cells, this module decides.
 */
import { foldVietnamese } from '../text/fold';
import { Difficulty, DIFFICULTY_LABELS, QUESTION_TYPE_LABELS, QuestionType, TRUE_FALSE_OPTIONS } from './question';
import { EMPTY_FILE_PROBLEM, ImportedQuestion, QuestionImportProblem, QuestionParseResult } from './question-import';
import { MAX_OPTIONS, optionLabel, optionsFromTexts } from './question-rules';

export type QuestionColumnKey =
  | 'ordinal'
  | 'code'
  | 'topicCode'
  | 'type'
  | 'difficulty'
  | 'stem'
  | `option${'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H'}`
  | 'correct'
  | 'explanation'
  | 'tags';

export interface QuestionColumn {
  key: QuestionColumnKey;
  header: string;
  required: boolean;
  width: number;
  description: string;
}

const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;

export const QUESTION_SHEET_COLUMNS: readonly QuestionColumn[] = [
  { key: 'ordinal', header: 'STT', required: false, width: 6, description: 'Số thứ tự, chỉ để tiện theo dõi; hệ thống bỏ qua cột này.' },
  { key: 'code', header: 'Mã câu hỏi', required: false, width: 12, description: 'Do hệ thống cấp khi xuất; khi nhập, cột này được bỏ qua và mỗi dòng tạo một câu hỏi mới.' },
  { key: 'topicCode', header: 'Mã chủ đề', required: true, width: 22, description: 'Bắt buộc. Mã chủ đề trong hệ thống, ví dụ ASEAN, VHCV, KNHC, CCHC.TTHC (xem danh sách chủ đề bên dưới).' },
  { key: 'type', header: 'Loại câu hỏi', required: true, width: 20, description: `Bắt buộc. Một trong: ${Object.values(QUESTION_TYPE_LABELS).map((l) => l.vi).join('; ')}.` },
  { key: 'difficulty', header: 'Độ khó', required: true, width: 12, description: `Bắt buộc. Một trong: ${Object.values(DIFFICULTY_LABELS).map((l) => l.vi).join(', ')}.` },
  { key: 'stem', header: 'Nội dung câu hỏi', required: true, width: 60, description: 'Bắt buộc. Câu hỏi hoặc nhận định (với câu Đúng/Sai).' },
  ...OPTION_LETTERS.map(
    (l, i): QuestionColumn => ({
      key: `option${l}`,
      header: `Phương án ${l}`,
      required: false,
      width: 30,
      description:
        i < 2
          ? `Phương án ${l}. Câu trắc nghiệm cần từ 2 đến ${MAX_OPTIONS} phương án, điền liên tục từ A, không trùng nhau. Câu Đúng/Sai bỏ trống các cột phương án.`
          : `Phương án ${l} (không bắt buộc).`,
    }),
  ),
  {
    key: 'correct',
    header: 'Đáp án đúng',
    required: true,
    width: 14,
    description: 'Bắt buộc. Chữ cái của phương án đúng, ví dụ "A"; câu nhiều đáp án ghi "A,C". Câu Đúng/Sai ghi "Đúng" hoặc "Sai".',
  },
  { key: 'explanation', header: 'Giải thích', required: false, width: 50, description: 'Giải thích đáp án, hiện cho học viên sau khi làm bài; nên nêu căn cứ (văn bản, điều khoản).' },
  { key: 'tags', header: 'Thẻ', required: false, width: 20, description: 'Các thẻ phân loại, cách nhau bằng dấu phẩy, ví dụ "QĐ 1439, 2025".' },
];

const HEADER_INDEX = new Map(QUESTION_SHEET_COLUMNS.map((c) => [foldVietnamese(c.header), c.key]));

const TYPE_BY_TEXT = new Map<string, QuestionType>([
  ...Object.entries(QUESTION_TYPE_LABELS).flatMap(([k, l]) => [
    [foldVietnamese(l.vi), k as QuestionType],
    [foldVietnamese(l.en), k as QuestionType],
    [k, k as QuestionType],
  ] as [string, QuestionType][]),
  ['dung sai', QuestionType.TrueFalse],
  ['mot dap an', QuestionType.Single],
  ['nhieu dap an', QuestionType.Multiple],
]);
const DIFFICULTY_BY_TEXT = new Map<string, Difficulty>(
  Object.entries(DIFFICULTY_LABELS).flatMap(([k, l]) => [
    [foldVietnamese(l.vi), k as Difficulty],
    [foldVietnamese(l.en), k as Difficulty],
    [k, k as Difficulty],
  ] as [string, Difficulty][]),
);

export const parseQuestionTypeText = (s: string) => TYPE_BY_TEXT.get(foldVietnamese(s).replace(/\s*\/\s*/g, ' ')) ?? null;
export const parseDifficultyText = (s: string) => DIFFICULTY_BY_TEXT.get(foldVietnamese(s)) ?? null;

const cellText = (v: unknown) => (v == null ? '' : String(v).trim());

/** Reads the rows under a header row (row numbers as the spreadsheet shows them). */
export function readQuestionSheet(header: readonly unknown[], headerRow: number, rows: readonly { row: number; cells: readonly unknown[] }[]): QuestionParseResult {
  const problems: QuestionImportProblem[] = [];
  const index: Partial<Record<QuestionColumnKey, number>> = {};
  header.forEach((h, i) => {
    const key = HEADER_INDEX.get(foldVietnamese(cellText(h)));
    if (key && index[key] === undefined) index[key] = i;
  });
  const missing = QUESTION_SHEET_COLUMNS.filter((c) => c.required && index[c.key] === undefined);
  if (missing.length) {
    return {
      questions: [],
      problems: [{ position: headerRow, code: 'MISSING_COLUMNS', message: `Dòng ${headerRow}: thiếu cột ${missing.map((c) => `"${c.header}"`).join(', ')}. Hãy dùng tệp mẫu.` }],
    };
  }
  const get = (cells: readonly unknown[], key: QuestionColumnKey) => (index[key] === undefined ? '' : cellText(cells[index[key]!]));
  const questions: ImportedQuestion[] = [];
  for (const { row, cells } of rows) {
    if (QUESTION_SHEET_COLUMNS.every((c) => c.key === 'ordinal' || !get(cells, c.key))) continue;
    const fail = (code: string, message: string) => problems.push({ position: row, code, message: `Dòng ${row}: ${message}` });
    const before = problems.length;
    const topicCode = get(cells, 'topicCode').toUpperCase();
    if (!topicCode) fail('TOPIC_REQUIRED', 'thiếu mã chủ đề.');
    const typeText = get(cells, 'type');
    const type = typeText ? parseQuestionTypeText(typeText) : null;
    if (!typeText) fail('TYPE_REQUIRED', 'thiếu loại câu hỏi.');
    else if (!type) fail('TYPE_UNKNOWN', `loại câu hỏi "${typeText}" không hợp lệ; chọn ${Object.values(QUESTION_TYPE_LABELS).map((l) => `"${l.vi}"`).join(', ')}.`);
    const difficultyText = get(cells, 'difficulty');
    const difficulty = difficultyText ? parseDifficultyText(difficultyText) : null;
    if (!difficultyText) fail('DIFFICULTY_REQUIRED', 'thiếu độ khó.');
    else if (!difficulty) fail('DIFFICULTY_UNKNOWN', `độ khó "${difficultyText}" không hợp lệ; chọn Dễ, Trung bình hoặc Khó.`);

    const texts = OPTION_LETTERS.map((l) => get(cells, `option${l}`));
    const lastFilled = texts.reduce((last, t, i) => (t ? i : last), -1);
    const correctText = get(cells, 'correct');
    let options = optionsFromTexts(texts.slice(0, lastFilled + 1));
    let correct: string[] = [];
    if (type === QuestionType.TrueFalse) {
      options = TRUE_FALSE_OPTIONS.map((o) => ({ ...o }));
      const v = foldVietnamese(correctText);
      if (['dung', 'd', 'true', 't', 'a'].includes(v)) correct = ['true'];
      else if (['sai', 's', 'false', 'f', 'b'].includes(v)) correct = ['false'];
      else fail('CORRECT_INVALID', correctText ? `đáp án "${correctText}" không hợp lệ cho câu Đúng/Sai; ghi "Đúng" hoặc "Sai".` : 'thiếu đáp án đúng.');
    } else if (type) {
      const gap = texts.slice(0, lastFilled + 1).findIndex((t) => !t);
      if (gap >= 0) fail('OPTION_GAP', `phương án ${optionLabel(gap)} bị bỏ trống giữa các phương án; điền liên tục từ A.`);
      const letters = correctText.toUpperCase().split(/[\s,;]+/).filter(Boolean);
      if (!letters.length) fail('CORRECT_REQUIRED', 'thiếu đáp án đúng (ví dụ "A" hoặc "A,C").');
      for (const l of letters) {
        const i = OPTION_LETTERS.indexOf(l as (typeof OPTION_LETTERS)[number]);
        if (i < 0) fail('CORRECT_INVALID', `đáp án "${l}" không hợp lệ; ghi chữ cái A–H.`);
        else if (i > lastFilled || !texts[i]) fail('CORRECT_OUT_OF_RANGE', `đáp án ${l} không có phương án tương ứng.`);
        else if (!correct.includes(options[i].id)) correct.push(options[i].id);
      }
    }
    if (problems.length > before || !type || !difficulty) {
      // Content rules are checked after the cells can be read; a row with unreadable cells is reported once.
      continue;
    }
    questions.push({
      position: row,
      title: null,
      topicCode,
      type,
      difficulty,
      stem: get(cells, 'stem'),
      options,
      correct,
      explanation: get(cells, 'explanation') || null,
      tags: get(cells, 'tags').split(/[,;]/).map((t) => t.trim()).filter(Boolean),
    });
  }
  if (!questions.length && !problems.length) problems.push({ ...EMPTY_FILE_PROBLEM, position: headerRow + 1 });
  return { questions, problems };
}

export interface QuestionSheetRow {
  code: string;
  topicCode: string;
  type: QuestionType;
  difficulty: Difficulty;
  stem: string;
  options: { id: string; text: string }[];
  correct: string[];
  explanation: string | null;
  tags: string[];
}

/** Cell values of one exported question, in column order (re-importable). */
export function questionSheetValues(q: QuestionSheetRow, ordinal: number): (string | number)[] {
  const tf = q.type === QuestionType.TrueFalse;
  const correct = tf
    ? q.correct[0] === 'true'
      ? 'Đúng'
      : 'Sai'
    : q.options.map((o, i) => (q.correct.includes(o.id) ? optionLabel(i) : null)).filter(Boolean).join(',');
  return [
    ordinal,
    q.code,
    q.topicCode,
    QUESTION_TYPE_LABELS[q.type].vi,
    DIFFICULTY_LABELS[q.difficulty].vi,
    q.stem,
    ...OPTION_LETTERS.map((_, i) => (tf ? '' : (q.options[i]?.text ?? ''))),
    correct,
    q.explanation ?? '',
    q.tags.join(', '),
  ];
}
