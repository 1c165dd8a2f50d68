import { XMLParser } from 'fast-xml-parser';
import {
  EMPTY_FILE_PROBLEM,
  giftCategoryTopicCode,
  htmlToText,
  ImportedQuestion,
  optionsFromTexts,
  QuestionImportProblem,
  QuestionParseResult,
  QuestionType,
  TRUE_FALSE_OPTIONS,
  UnsupportedQuestionKind,
} from '@cchc/shared';

/**
 * Moodle XML, the richest format Moodle exports ("Moodle XML format" in the question bank's Export): the choice
 * questions the bank holds — multichoice (single and multiple, with fractions), truefalse — with their category,
 * name, tags, general and per-answer feedback. Every other question type is reported with its kind, so the dry run
 * can list them and the author decides to skip them.
 *
 * What the bank cannot hold yet is refused per question with a clear message, never changed silently: partial credit
 * in a single-choice question (the key would change) and questions with embedded images (the text would lose them).
 * HTML becomes text with its line breaks and list items, like GIFT's [html]. Per-answer feedback stays with its
 * option (shown in review beside it); the general feedback is the explanation.
 */

type Node = Record<string, unknown>;

const KIND_BY_TYPE: Record<string, UnsupportedQuestionKind> = {
  essay: 'essay',
  matching: 'matching',
  ddmatch: 'matching',
  randomsamatch: 'matching',
  numerical: 'numerical',
  shortanswer: 'shortanswer',
  description: 'description',
  multianswer: 'cloze',
  calculated: 'calculated',
  calculatedsimple: 'calculated',
  calculatedmulti: 'calculated',
};

const TYPE_LABEL: Record<UnsupportedQuestionKind, string> = {
  essay: 'tự luận (essay)',
  matching: 'ghép nối (matching)',
  numerical: 'dạng số (numerical)',
  shortanswer: 'trả lời ngắn (shortanswer)',
  description: 'đoạn mô tả (description)',
  cloze: 'điền khuyết nhiều chỗ (cloze)',
  calculated: 'tính toán (calculated)',
  other: 'khác',
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => name === 'question' || name === 'answer' || name === 'tag' || name === 'file',
});

/** The text of a `<x><text>…</text></x>` element (CDATA included), or ''. */
function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  const t = (node as Node).text;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object' && typeof (t as Node)['#text'] === 'string') return (t as Node)['#text'] as string;
  return '';
}

const formatOf = (node: unknown, fallback = 'html') => (node && typeof node === 'object' ? String((node as Node)['@format'] ?? fallback) : fallback);

/** A Moodle text field as the plain text the bank stores. */
function plain(node: unknown, fallback = 'html'): string {
  const raw = textOf(node);
  const fmt = formatOf(node, fallback);
  const text = fmt === 'html' || fmt === 'moodle_auto_format' ? htmlToText(raw) : raw;
  return text.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').trim();
}

const hasImage = (node: unknown) => /@@PLUGINFILE@@|<img\b/i.test(textOf(node));

/** Line of each `<question` in the source, in document order (the parser keeps that order). */
function questionLines(xml: string): number[] {
  const lines: number[] = [];
  const re = /<question\b/g;
  let line = 1;
  let last = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    for (let i = last; i < m.index; i++) if (xml.charCodeAt(i) === 10) line++;
    last = m.index;
    lines.push(line);
  }
  return lines;
}

export function parseMoodleXml(xml: string): QuestionParseResult {
  const questions: ImportedQuestion[] = [];
  const problems: QuestionImportProblem[] = [];
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (e) {
    const detail = (e as { err?: { msg?: string; line?: number } }).err;
    return {
      questions,
      problems: [{ position: detail?.line ?? 1, code: 'MOODLE_XML_MALFORMED', message: `Tệp không phải XML hợp lệ${detail?.line ? ` (dòng ${detail.line})` : ''}: ${detail?.msg ?? (e as Error).message}` }],
    };
  }
  if (!('quiz' in doc)) {
    return { questions, problems: [{ position: 1, code: 'MOODLE_XML_NOT_QUIZ', message: 'Tệp XML không phải tệp câu hỏi Moodle (thiếu thẻ <quiz>); hãy xuất từ Ngân hàng câu hỏi của Moodle với định dạng "Moodle XML".' }] };
  }
  const quiz = (doc.quiz && typeof doc.quiz === 'object' ? doc.quiz : {}) as Node;
  const lines = questionLines(xml);
  let category: string | null = null;
  ((quiz.question as Node[] | undefined) ?? []).forEach((q, i) => {
    const position = lines[i] ?? 1;
    const type = String(q['@type'] ?? '');
    if (type === 'category') {
      category = plain((q.category as Node) ?? '', 'plain_text') || null;
      return;
    }
    const r = readQuestion(q, type, position, category);
    if ('problem' in r) problems.push(r.problem);
    else questions.push(r.question);
  });
  if (!questions.length && !problems.length) problems.push(EMPTY_FILE_PROBLEM);
  return { questions, problems };
}

function readQuestion(q: Node, type: string, position: number, category: string | null): { question: ImportedQuestion } | { problem: QuestionImportProblem } {
  const name = plain(q.name, 'plain_text') || null;
  const at = `Dòng ${position}${name ? ` (câu "${name}")` : ''}`;
  const fail = (code: string, message: string, unsupportedKind?: UnsupportedQuestionKind) => ({
    problem: unsupportedKind ? { position, code, message: `${at}: ${message}`, unsupportedKind } : { position, code, message: `${at}: ${message}` },
  });
  if (type !== 'multichoice' && type !== 'truefalse') {
    const kind = KIND_BY_TYPE[type] ?? 'other';
    return fail('MOODLE_UNSUPPORTED', `câu hỏi loại ${kind === 'other' ? `"${type}"` : TYPE_LABEL[kind]} chưa được hỗ trợ.`, kind);
  }
  const answers = ((q.answer as Node[] | undefined) ?? []).map((a) => ({
    fraction: Number(String(a['@fraction'] ?? '0').replace(',', '.')),
    text: plain(a, formatOf(a, formatOf(q.questiontext))),
    feedback: plain(a.feedback),
    image: hasImage(a),
  }));
  if (hasImage(q.questiontext) || answers.some((a) => a.image) || (Array.isArray((q.questiontext as Node | undefined)?.file) && ((q.questiontext as Node).file as unknown[]).length > 0))
    return fail('MOODLE_IMAGE', 'câu hỏi có hình ảnh; ngân hàng câu hỏi chưa lưu hình trong đề nên chưa nhập câu này (để không mất hình). Hãy nhập câu này thủ công và đính kèm hình vào tài liệu liên quan.');
  const stem = plain(q.questiontext);
  if (!stem) return fail('MOODLE_EMPTY_STEM', 'câu hỏi không có nội dung (questiontext trống).');
  const general = plain(q.generalfeedback) || null;
  const tags = (((q.tags as Node | undefined)?.tag as Node[] | undefined) ?? []).map((t) => plain(t, 'plain_text')).filter(Boolean);
  const base = { position, title: name, topicCode: giftCategoryTopicCode(category), category, difficulty: null, stem, tags };
  if (answers.some((a) => !Number.isFinite(a.fraction))) return fail('MOODLE_BAD_FRACTION', 'một phương án có trọng số (fraction) không phải là số.');

  if (type === 'truefalse') {
    const right = answers.find((a) => a.fraction > 0);
    const value = right?.text.trim().toLowerCase();
    if (value !== 'true' && value !== 'false') return fail('MOODLE_BAD_TRUEFALSE', 'câu Đúng/Sai không có đáp án "true" hoặc "false" được tính điểm.');
    const feedbackOf = (id: string) => answers.find((a) => a.text.trim().toLowerCase() === id)?.feedback ?? '';
    return {
      question: {
        ...base,
        type: QuestionType.TrueFalse,
        options: TRUE_FALSE_OPTIONS.map((o) => (feedbackOf(o.id) ? { ...o, feedback: feedbackOf(o.id) } : { ...o })),
        correct: [value],
        explanation: general,
      },
    };
  }

  const single = !['false', '0'].includes(String(q.single ?? 'true').trim().toLowerCase());
  if (answers.length < 2) return fail('MOODLE_FEW_ANSWERS', 'câu trắc nghiệm cần ít nhất 2 phương án.');
  if (answers.some((a) => !a.text)) return fail('MOODLE_EMPTY_ANSWER', 'có phương án không có nội dung.');
  const options = optionsFromTexts(answers.map((a) => a.text)).map((o, i) => (answers[i].feedback ? { ...o, feedback: answers[i].feedback } : o));
  let correct: string[];
  if (single) {
    const partial = answers.find((a) => a.fraction > 0 && a.fraction < 100);
    if (partial)
      return fail(
        'MOODLE_PARTIAL_CREDIT',
        `phương án "${partial.text}" được tính ${partial.fraction}% điểm trong câu hỏi một đáp án đúng; hệ thống chấm đúng/sai cả câu nên chưa nhập được câu này (đáp án không bị đổi). Hãy bỏ điểm một phần của phương án đó trong Moodle hoặc nhập câu này thủ công.`,
      );
    correct = options.filter((_, i) => answers[i].fraction >= 100).map((o) => o.id);
    if (!correct.length) return fail('MOODLE_NO_CORRECT', 'không có phương án nào được 100% điểm.');
    // Moodle accepts either of two full-mark answers; a multiple-answer question would need both: the key would change.
    if (correct.length > 1) return fail('MOODLE_SINGLE_TWO_CORRECT', 'câu một đáp án có nhiều phương án cùng 100% điểm (chọn phương án nào cũng đúng); hệ thống chưa chấm được kiểu này nên chưa nhập câu này.');
  } else {
    correct = options.filter((_, i) => answers[i].fraction > 0).map((o) => o.id);
    if (!correct.length) return fail('MOODLE_NO_CORRECT', 'không có phương án nào được tính điểm.');
  }
  return { question: { ...base, type: single ? QuestionType.Single : QuestionType.Multiple, options, correct, explanation: general } };
}
