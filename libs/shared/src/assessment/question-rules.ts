/**
 * What makes a question valid, and how an answer is graded, per question type. A registry keyed by type, so a new
 * type (ordering, matching...) is one more entry here plus its editor; nothing else switches on the type.
 */
import { foldVietnamese } from '../text/fold';
import { QuestionFormat, QuestionOption, QuestionType, TRUE_FALSE_OPTIONS } from './question';
import { imageSources, isBlank, MAX_HTML_OPTION_LENGTH, MAX_HTML_STEM_LENGTH, visibleText } from './rich-text';

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 8;
export const MAX_STEM_LENGTH = 4000;
export const MAX_OPTION_LENGTH = 1000;
/** Option ids of choice questions, in order: the letters A–H users see are these upper-cased. */
export const OPTION_IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;

export interface QuestionShape {
  type: QuestionType;
  /** Plain when absent. For HTML the limits and duplicates are about the text a reader sees (and the images). */
  format?: QuestionFormat;
  stem: string;
  options: QuestionOption[];
  correct: string[];
}

export enum QuestionRuleCode {
  StemEmpty = 'STEM_EMPTY',
  StemTooLong = 'STEM_TOO_LONG',
  TooFewOptions = 'TOO_FEW_OPTIONS',
  TooManyOptions = 'TOO_MANY_OPTIONS',
  OptionEmpty = 'OPTION_EMPTY',
  OptionTooLong = 'OPTION_TOO_LONG',
  DuplicateOptionText = 'DUPLICATE_OPTION_TEXT',
  DuplicateOptionId = 'DUPLICATE_OPTION_ID',
  CorrectUnknown = 'CORRECT_NOT_AN_OPTION',
  NoCorrect = 'NO_CORRECT_ANSWER',
  NotExactlyOneCorrect = 'NOT_EXACTLY_ONE_CORRECT',
  TrueFalseOptions = 'TRUE_FALSE_FIXED_OPTIONS',
}

export interface QuestionRuleProblem {
  code: QuestionRuleCode;
  field: 'stem' | 'options' | 'correct';
  message: string;
}

export interface QuestionTypeRules {
  /** Options the type always has (true/false); an editor shows them read-only. */
  fixedOptions?: readonly QuestionOption[];
  minOptions: number;
  maxOptions: number;
  /** Problems specific to the type; the common ones (stem, option texts) are checked for every type. */
  validate(q: QuestionShape): QuestionRuleProblem[];
  /** Whether a selection earns the question's point. All or nothing: partial credit is not Vietnamese practice. */
  grade(q: Pick<QuestionShape, 'correct'>, selected: readonly string[]): boolean;
}

const problem = (code: QuestionRuleCode, field: QuestionRuleProblem['field'], message: string): QuestionRuleProblem => ({ code, field, message });

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
};

function exactlyOneCorrect(q: QuestionShape): QuestionRuleProblem[] {
  if (q.correct.length === 0) return [problem(QuestionRuleCode.NoCorrect, 'correct', 'Chưa chọn đáp án đúng.')];
  if (new Set(q.correct).size !== 1)
    return [problem(QuestionRuleCode.NotExactlyOneCorrect, 'correct', `Câu hỏi một đáp án phải có đúng 1 đáp án đúng (đang có ${new Set(q.correct).size}).`)];
  return [];
}

export const QUESTION_TYPE_RULES: Record<QuestionType, QuestionTypeRules> = {
  [QuestionType.Single]: {
    minOptions: MIN_OPTIONS,
    maxOptions: MAX_OPTIONS,
    validate: exactlyOneCorrect,
    grade: (q, selected) => sameSet(q.correct, selected),
  },
  [QuestionType.Multiple]: {
    minOptions: MIN_OPTIONS,
    maxOptions: MAX_OPTIONS,
    validate: (q) => (q.correct.length === 0 ? [problem(QuestionRuleCode.NoCorrect, 'correct', 'Câu hỏi nhiều đáp án phải có ít nhất 1 đáp án đúng.')] : []),
    grade: (q, selected) => sameSet(q.correct, selected),
  },
  [QuestionType.TrueFalse]: {
    fixedOptions: TRUE_FALSE_OPTIONS,
    minOptions: 2,
    maxOptions: 2,
    validate: (q) => {
      const fixed =
        q.options.length === 2 && q.options.every((o, i) => o.id === TRUE_FALSE_OPTIONS[i].id && o.text === TRUE_FALSE_OPTIONS[i].text);
      if (!fixed) return [problem(QuestionRuleCode.TrueFalseOptions, 'options', 'Câu hỏi Đúng/Sai chỉ có hai phương án cố định "Đúng" và "Sai".')];
      return exactlyOneCorrect(q);
    },
    grade: (q, selected) => sameSet(q.correct, selected),
  },
};

/** Option texts are duplicates when they read the same: case and spacing do not count, diacritics do ("bán" ≠ "bạn"). */
export const optionKey = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/** Every problem of a question, in a stable order (stem, options, correct). Empty means it may be published. */
export function validateQuestion(q: QuestionShape): QuestionRuleProblem[] {
  const rules = QUESTION_TYPE_RULES[q.type];
  const out: QuestionRuleProblem[] = [];
  const html = q.format === QuestionFormat.Html;
  const stem = visibleText(q.format, q.stem ?? '').trim();
  if (isBlank(q.format, q.stem ?? '')) out.push(problem(QuestionRuleCode.StemEmpty, 'stem', 'Nội dung câu hỏi không được để trống.'));
  else if (stem.length > MAX_STEM_LENGTH) out.push(problem(QuestionRuleCode.StemTooLong, 'stem', `Nội dung câu hỏi dài quá ${MAX_STEM_LENGTH} ký tự.`));
  else if (html && q.stem.length > MAX_HTML_STEM_LENGTH)
    out.push(problem(QuestionRuleCode.StemTooLong, 'stem', `Nội dung câu hỏi có định dạng dài quá ${MAX_HTML_STEM_LENGTH} ký tự (kể cả thẻ HTML).`));

  const options = q.options ?? [];
  if (options.length < rules.minOptions)
    out.push(problem(QuestionRuleCode.TooFewOptions, 'options', `Cần ít nhất ${rules.minOptions} phương án trả lời (đang có ${options.length}).`));
  if (options.length > rules.maxOptions)
    out.push(problem(QuestionRuleCode.TooManyOptions, 'options', `Tối đa ${rules.maxOptions} phương án trả lời (đang có ${options.length}).`));
  const seenIds = new Set<string>();
  const seenTexts = new Map<string, number>();
  options.forEach((o, i) => {
    const label = optionLabel(i);
    if (seenIds.has(o.id)) out.push(problem(QuestionRuleCode.DuplicateOptionId, 'options', `Mã phương án "${o.id}" bị lặp.`));
    seenIds.add(o.id);
    const text = visibleText(q.format, o.text ?? '').trim();
    if (isBlank(q.format, o.text ?? '')) {
      out.push(problem(QuestionRuleCode.OptionEmpty, 'options', `Phương án ${label} không được để trống.`));
      return;
    }
    if (text.length > MAX_OPTION_LENGTH) out.push(problem(QuestionRuleCode.OptionTooLong, 'options', `Phương án ${label} dài quá ${MAX_OPTION_LENGTH} ký tự.`));
    else if (html && o.text.length > MAX_HTML_OPTION_LENGTH)
      out.push(problem(QuestionRuleCode.OptionTooLong, 'options', `Phương án ${label} có định dạng dài quá ${MAX_HTML_OPTION_LENGTH} ký tự (kể cả thẻ HTML).`));
    // Two image-only options differ by their images.
    const key = optionKey(html ? [text, ...imageSources(o.text)].join(' ') : text);
    const first = seenTexts.get(key);
    if (first !== undefined) out.push(problem(QuestionRuleCode.DuplicateOptionText, 'options', `Phương án ${label} trùng nội dung với phương án ${optionLabel(first)}.`));
    else seenTexts.set(key, i);
  });
  const unknown = (q.correct ?? []).filter((c) => !seenIds.has(c));
  if (unknown.length) out.push(problem(QuestionRuleCode.CorrectUnknown, 'correct', `Đáp án đúng "${unknown.join(', ')}" không phải là phương án của câu hỏi.`));
  else out.push(...rules.validate({ ...q, correct: q.correct ?? [] }));
  return out;
}

export function gradeAnswer(q: Pick<QuestionShape, 'type' | 'correct'>, selected: readonly string[]): boolean {
  return QUESTION_TYPE_RULES[q.type].grade(q, selected);
}

/** "A", "B", ... for the option at an index (true/false options read as their text). */
export function optionLabel(index: number): string {
  return String.fromCharCode(65 + index);
}

/** Choice options from texts, ids a, b, c... in order. */
export function optionsFromTexts(texts: readonly string[]): QuestionOption[] {
  return texts.map((text, i) => ({ id: OPTION_IDS[i] ?? `o${i + 1}`, text }));
}

/** Text every search reads: code, stem and options, folded so "thu tuc" finds "thủ tục". */
export function questionSearchText(code: string, stem: string, options: readonly QuestionOption[], format?: QuestionFormat): string {
  return foldVietnamese([code, visibleText(format, stem), ...options.map((o) => visibleText(format, o.text))].join(' '));
}
