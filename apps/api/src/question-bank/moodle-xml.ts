import { XMLParser } from 'fast-xml-parser';
import {
  EMPTY_FILE_PROBLEM,
  giftCategoryTopicCode,
  htmlToText,
  ImportedQuestion,
  isBlank,
  markdownToHtml,
  plainToHtml,
  QuestionFormat,
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
 * What the bank cannot hold is refused per question with a clear message, never changed silently: partial credit in
 * a single-choice question (the key would change). Texts stay HTML (the importer sanitises them and stores embedded
 * images, `@@PLUGINFILE@@` with its `<file>`, as files); per-answer feedback stays with its option (shown in review
 * beside it); the general feedback is the explanation.
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

/** A Moodle text field as plain text (names, categories, tags, true/false answers). */
function plain(node: unknown, fallback = 'html'): string {
  const raw = textOf(node);
  const fmt = formatOf(node, fallback);
  const text = fmt === 'html' || fmt === 'moodle_auto_format' ? htmlToText(raw) : raw;
  return text.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').trim();
}

const MIME_BY_EXTENSION: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** The files a Moodle text field carries (`<file name=… encoding="base64">`), by name. */
function filesOf(node: unknown): Map<string, string> {
  const files = new Map<string, string>();
  const list = node && typeof node === 'object' ? ((node as Node).file as unknown[] | undefined) : undefined;
  for (const f of list ?? []) {
    if (!f || typeof f !== 'object') continue;
    const name = String((f as Node)['@name'] ?? '');
    const data = String((f as Node)['#text'] ?? '');
    if (name) files.set(name, data.replace(/\s+/g, ''));
  }
  return files;
}

const decodeName = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * A Moodle text field as HTML: `html` as written, `moodle_auto_format` with its line breaks, `plain_text` escaped,
 * `markdown` converted. An image the field embeds (`@@PLUGINFILE@@/name`, with its `<file>` beside the text) becomes a
 * data: URL the importer stores as a file; a reference whose file is missing stays as it is, and the importer reports it.
 */
function rich(node: unknown, fallback = 'html'): string {
  const raw = textOf(node);
  const fmt = formatOf(node, fallback);
  const html =
    fmt === 'html' ? raw : fmt === 'moodle_auto_format' ? raw.replace(/\r?\n/g, '<br>') : fmt === 'markdown' ? markdownToHtml(raw) : plainToHtml(raw.trim());
  const files = filesOf(node);
  return html
    .replace(/@@PLUGINFILE@@\/([^"'\s>?#]+)(?:\?[^"'\s>#]*)?/g, (ref, encoded: string) => {
      const name = decodeName(encoded);
      const data = files.get(name) ?? files.get(encoded);
      if (data === undefined) return ref;
      const mime = MIME_BY_EXTENSION[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
      return `data:${mime};base64,${data}`;
    })
    .trim();
}

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
  // Every text as HTML (the importer sanitises it, stores its images, and keeps a question without formatting as text).
  const answers = ((q.answer as Node[] | undefined) ?? []).map((a) => {
    const html = rich(a, formatOf(a, formatOf(q.questiontext)));
    return { fraction: Number(String(a['@fraction'] ?? '0').replace(',', '.')), html, text: htmlToText(html), feedback: rich(a.feedback) };
  });
  const stem = rich(q.questiontext);
  if (isBlank(QuestionFormat.Html, stem)) return fail('MOODLE_EMPTY_STEM', 'câu hỏi không có nội dung (questiontext trống).');
  const general = isBlank(QuestionFormat.Html, rich(q.generalfeedback)) ? null : rich(q.generalfeedback);
  const tags = (((q.tags as Node | undefined)?.tag as Node[] | undefined) ?? []).map((t) => plain(t, 'plain_text')).filter(Boolean);
  const base = { position, title: name, topicCode: giftCategoryTopicCode(category), category, difficulty: null, format: QuestionFormat.Html, stem, tags };
  if (answers.some((a) => !Number.isFinite(a.fraction))) return fail('MOODLE_BAD_FRACTION', 'một phương án có trọng số (fraction) không phải là số.');

  if (type === 'truefalse') {
    const right = answers.find((a) => a.fraction > 0);
    const value = right?.text.trim().toLowerCase();
    if (value !== 'true' && value !== 'false') return fail('MOODLE_BAD_TRUEFALSE', 'câu Đúng/Sai không có đáp án "true" hoặc "false" được tính điểm.');
    const feedbackOf = (id: string) => {
      const feedback = answers.find((a) => a.text.trim().toLowerCase() === id)?.feedback ?? '';
      return isBlank(QuestionFormat.Html, feedback) ? '' : feedback;
    };
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
  if (answers.some((a) => isBlank(QuestionFormat.Html, a.html))) return fail('MOODLE_EMPTY_ANSWER', 'có phương án không có nội dung.');
  const options = optionsFromTexts(answers.map((a) => a.html)).map((o, i) =>
    isBlank(QuestionFormat.Html, answers[i].feedback) ? o : { ...o, feedback: answers[i].feedback },
  );
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
