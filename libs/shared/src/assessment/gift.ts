/**
 * Moodle GIFT: a reader for the choice questions the bank holds, and a writer whose output the reader reads back.
 *
 *   // comment                     $CATEGORY: $course$/top/CCHC.TTHC   (last segment → topic code)
 *   ::Title::Stem {=right ~wrong #feedback ####general feedback}
 *   ::T2::Multiple {~%50%right ~%50%right too ~%-100%wrong}
 *   ::T3::Statement {T}  or {FALSE}
 *
 * Questions are separated by blank lines. Escapes: \= \~ \{ \} \# \: \\ and \n (new line).
 * Short answer, numeric, matching and essay questions are reported as not supported, with their line.
 *
 * As Moodle reads it: `[html]`, `[moodle]`, `[plain]`, `[markdown]` before a stem, an answer or a feedback are format
 * markers, never text (an answer without one takes the question's format). A question with an [html], [moodle] or
 * [markdown] text is an HTML question (`format: html`; the server sanitises it and stores its embedded images); one
 * without is plain text. An `=` answer makes the question single choice; a `~%50%` answer
 * beside it is partial credit, which the bank does not score: such a question is refused with a clear message rather
 * than turned into a question with two right answers (that would change its key).
 */
import { QuestionFormat, QuestionOption, QuestionType, TRUE_FALSE_OPTIONS } from './question';
import { EMPTY_FILE_PROBLEM, ImportedQuestion, QuestionImportProblem, QuestionParseResult, UnsupportedQuestionKind } from './question-import';
import { optionsFromTexts } from './question-rules';
import { escapeHtml, htmlToText, plainToHtml } from './rich-text';

interface Ch {
  c: string;
  escaped: boolean;
  line: number;
}

const ESCAPABLE = new Set(['=', '~', '#', '{', '}', ':', '\\']);

function chars(lines: { n: number; text: string }[]): Ch[] {
  const out: Ch[] = [];
  lines.forEach((l, li) => {
    const s = l.text;
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '\\' && i + 1 < s.length && (ESCAPABLE.has(s[i + 1]) || s[i + 1] === 'n')) {
        out.push({ c: s[i + 1] === 'n' ? '\n' : s[i + 1], escaped: true, line: l.n });
        i++;
      } else out.push({ c: s[i], escaped: false, line: l.n });
    }
    if (li < lines.length - 1) out.push({ c: '\n', escaped: false, line: l.n });
  });
  return out;
}

const withFeedback = (o: QuestionOption, feedback: string): QuestionOption => (feedback ? { ...o, feedback } : o);
const text = (cs: Ch[]) => cs.map((x) => x.c).join('');
const isUnescaped = (x: Ch | undefined, c: string) => !!x && !x.escaped && x.c === c;
const indexOf = (cs: Ch[], c: string, from = 0) => {
  for (let i = from; i < cs.length; i++) if (isUnescaped(cs[i], c)) return i;
  return -1;
};
const indexOfSeq = (cs: Ch[], seq: string, from = 0) => {
  for (let i = from; i <= cs.length - seq.length; i++) if ([...seq].every((c, k) => isUnescaped(cs[i + k], c))) return i;
  return -1;
};
const clean = (s: string) => s.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').trim();
const FORMAT_MARKER = /^\[(html|moodle|plain|markdown)\]\s*/i;

type TextFormat = 'html' | 'moodle' | 'plain' | 'markdown';

/** Reads a leading format marker off a text; `inherited` applies when there is none. */
function readMarker(raw: string, inherited: TextFormat): { format: TextFormat; body: string } {
  const m = FORMAT_MARKER.exec(raw);
  return { format: m ? (m[1].toLowerCase() as TextFormat) : inherited, body: m ? raw.slice(m[0].length) : raw };
}

/** An answer or feedback that opens with [html] or [moodle] (after =, ~, #, a %weight%, or the brace). */
const HTML_MARKER_IN_ANSWERS = /(?:^|[=~#%])\s*\[(?:html|moodle|markdown)\]/i;

/**
 * A piece of a question as stored. In an HTML question (any piece marked [html] or [moodle]) every piece is HTML:
 * [html] as written, [moodle] with its line breaks as <br>, [plain]/[markdown] escaped. Otherwise every piece is
 * plain text as written ([markdown] included).
 */
function formatted(raw: string, inherited: TextFormat, html: boolean): string {
  const { format, body } = readMarker(raw, inherited);
  if (!html) return clean(body);
  if (format === 'html') return clean(body);
  if (format === 'moodle') return clean(body).replace(/\n/g, '<br>');
  if (format === 'markdown') return markdownToHtml(clean(body));
  return plainToHtml(clean(body));
}

/**
 * The Markdown Moodle question texts use: **bold** / __bold__, *italic* / _italic_, lists ("- ", "* ", "1. ") and
 * line breaks. The text is escaped first (inline HTML in Markdown stays text); the server sanitises the result anyway.
 */
export function markdownToHtml(md: string): string {
  const inline = (s: string) =>
    escapeHtml(s)
      .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '<strong>$1</strong>')
      .replace(/__(?=\S)(.+?)(?<=\S)__/g, '<strong>$1</strong>')
      .replace(/(^|[^\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])/g, '$1<em>$2</em>')
      .replace(/(^|[^\w])_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1<em>$2</em>');
  const out: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  for (const line of md.split('\n')) {
    const item = /^\s*(?:([-*+])|(\d{1,3})[.)])\s+(.*)$/.exec(line);
    const kind = item ? (item[1] ? 'ul' : 'ol') : null;
    if (list && kind !== list) {
      out.push(`</${list}>`);
      list = null;
    }
    if (item && kind) {
      if (!list) {
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${inline(item[3])}</li>`);
    } else out.push(`${out.length && !out[out.length - 1].endsWith('>') ? '<br>' : ''}${inline(line)}`);
  }
  if (list) out.push(`</${list}>`);
  return out.join('');
}

export function parseGift(input: string): QuestionParseResult {
  const lines = input.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const questions: ImportedQuestion[] = [];
  const problems: QuestionImportProblem[] = [];
  let category: string | null = null;
  let block: { n: number; text: string }[] = [];

  const flush = () => {
    if (block.length) {
      const r = parseBlock(block, category);
      if ('problem' in r) problems.push(r.problem);
      else questions.push(r.question);
    }
    block = [];
  };

  lines.forEach((raw, i) => {
    const n = i + 1;
    const trimmed = raw.trim();
    if (trimmed.startsWith('//')) return;
    if (!trimmed) return flush();
    const cat = /^\$CATEGORY:\s*(.*)$/i.exec(trimmed);
    if (cat && block.length === 0) {
      category = cat[1].trim() || null;
      return;
    }
    block.push({ n, text: raw });
  });
  flush();
  if (!questions.length && !problems.length) problems.push(EMPTY_FILE_PROBLEM);
  return { questions, problems };
}

/** The last segment of a Moodle category path, which is a topic code when the file came from this system. */
export function giftCategoryTopicCode(category: string | null): string | null {
  if (!category) return null;
  const last = category.split('/').map((s) => s.trim()).filter(Boolean).pop();
  return last && last !== '$course$' && last !== 'top' ? last : null;
}

function parseBlock(block: { n: number; text: string }[], category: string | null): { question: ImportedQuestion } | { problem: QuestionImportProblem } {
  const start = block[0].n;
  const fail = (code: string, message: string, position = start, unsupportedKind?: UnsupportedQuestionKind) => ({
    problem: unsupportedKind ? { position, code, message, unsupportedKind } : { position, code, message },
  });
  let cs = chars(block);
  let title: string | null = null;

  const firstReal = cs.findIndex((x) => !/\s/.test(x.c));
  cs = cs.slice(firstReal);
  if (isUnescaped(cs[0], ':') && isUnescaped(cs[1], ':')) {
    const end = indexOfSeq(cs, '::', 2);
    if (end < 0) return fail('GIFT_TITLE_UNCLOSED', `Dòng ${start}: tiêu đề mở bằng "::" nhưng thiếu "::" đóng.`);
    title = clean(text(cs.slice(2, end))) || null;
    cs = cs.slice(end + 2);
  }
  const open = indexOf(cs, '{');
  if (open < 0) return fail('GIFT_NO_ANSWERS', `Dòng ${start}: câu hỏi không có phần đáp án trong cặp ngoặc { }.`);
  const close = indexOf(cs, '}', open + 1);
  const nested = indexOf(cs, '{', open + 1);
  if (close < 0 || (nested >= 0 && nested < close)) {
    return fail('GIFT_UNCLOSED_BRACE', `Dòng ${cs[open].line}: thiếu dấu "}" đóng phần đáp án mở bằng "{".`, cs[open].line);
  }
  const after = cs.slice(close + 1);
  const stray = after.find((x) => !x.escaped && (x.c === '{' || x.c === '}'));
  if (stray) return fail('GIFT_EXTRA_BRACE', `Dòng ${stray.line}: mỗi câu hỏi chỉ có một phần đáp án { }; hãy thêm "\\" trước dấu "${stray.c}" nếu đó là chữ.`, stray.line);
  const strayClose = cs.slice(0, open).find((x) => isUnescaped(x, '}'));
  if (strayClose) return fail('GIFT_EXTRA_BRACE', `Dòng ${strayClose.line}: dấu "}" không có "{" mở tương ứng.`, strayClose.line);

  const afterText = clean(text(after));
  const answer = cs.slice(open + 1, close);
  // Without a marker a question is plain text (Moodle's own GIFT export marks every formatted text).
  const stemRaw = clean(text(cs.slice(0, open)));
  const declared = FORMAT_MARKER.exec(stemRaw)?.[1].toLowerCase() as TextFormat | undefined;
  const html = declared === 'html' || declared === 'moodle' || declared === 'markdown' || HTML_MARKER_IN_ANSWERS.test(text(answer));
  const inherited: TextFormat = declared ?? 'plain';
  const fmt = (raw: string) => formatted(raw, inherited, html);
  const readable = (s: string) => (html ? htmlToText(s) : s);
  let stem = fmt(stemRaw);
  if (afterText) stem = `${stem} _____ ${fmt(afterText)}`.trim();

  const base = { position: start, title, topicCode: giftCategoryTopicCode(category), category, difficulty: null, ...(html && { format: QuestionFormat.Html }), stem, tags: [] as string[] };

  // General feedback (####) applies whatever the answer; it becomes the explanation.
  const general = indexOfSeq(answer, '####');
  const generalFeedback = general >= 0 ? fmt(text(answer.slice(general + 4))) || null : null;
  const body = general >= 0 ? answer.slice(0, general) : answer;
  const bodyText = clean(text(body));

  const hash = indexOf(body, '#');
  const head = clean(text(hash >= 0 ? body.slice(0, hash) : body)).toUpperCase();
  if (['T', 'TRUE', 'F', 'FALSE'].includes(head)) {
    // {T#shown when wrong#shown when right}
    const second = hash >= 0 ? indexOf(body, '#', hash + 1) : -1;
    const isTrue = head.startsWith('T');
    // Moodle shows the first feedback to who answered wrong, the second to who answered right: per option here.
    const wrongFeedback = hash >= 0 ? fmt(text(second >= 0 ? body.slice(hash + 1, second) : body.slice(hash + 1))) : '';
    const rightFeedback = second >= 0 ? fmt(text(body.slice(second + 1))) : '';
    const right = isTrue ? 'true' : 'false';
    return {
      question: {
        ...base,
        type: QuestionType.TrueFalse,
        options: TRUE_FALSE_OPTIONS.map((o) => withFeedback({ ...o }, o.id === right ? rightFeedback : wrongFeedback)),
        correct: [right],
        explanation: generalFeedback,
      },
    };
  }
  if (!bodyText) return fail('GIFT_UNSUPPORTED', `Dòng ${start}: câu hỏi tự luận (phần đáp án trống) chưa được hỗ trợ.`, start, 'essay');
  if (isUnescaped(body.find((x) => !/\s/.test(x.c)), '#'))
    return fail('GIFT_UNSUPPORTED', `Dòng ${start}: câu hỏi dạng số chưa được hỗ trợ; chỉ nhập câu hỏi trắc nghiệm và Đúng/Sai.`, start, 'numerical');

  // Split at every unescaped = or ~ ; each piece is one answer.
  const parts: { marker: '=' | '~'; cs: Ch[]; line: number }[] = [];
  for (let i = 0; i < body.length; i++) {
    const x = body[i];
    if (!x.escaped && (x.c === '=' || x.c === '~')) parts.push({ marker: x.c, cs: [], line: x.line });
    else if (parts.length) parts[parts.length - 1].cs.push(x);
    else if (!/\s/.test(x.c)) return fail('GIFT_BAD_ANSWER', `Dòng ${x.line}: mỗi phương án phải bắt đầu bằng "=" (đúng) hoặc "~" (sai).`, x.line);
  }
  const answers: { text: string; correct: boolean; weighted: boolean; partial: boolean; feedback: string; line: number }[] = [];
  for (const p of parts) {
    let pcs = p.cs;
    const lead = pcs.findIndex((x) => !/\s/.test(x.c));
    pcs = lead < 0 ? [] : pcs.slice(lead);
    let weight: number | null = null;
    const raw = text(pcs);
    const w = /^%(-?\d+(?:[.,]\d+)?)%/.exec(raw);
    if (w) {
      weight = Number(w[1].replace(',', '.'));
      pcs = pcs.slice(w[0].length);
    }
    const fb = indexOf(pcs, '#');
    const answerText = fmt(text(fb >= 0 ? pcs.slice(0, fb) : pcs));
    if (/(^|[^\\])->/.test(raw)) return fail('GIFT_UNSUPPORTED', `Dòng ${p.line}: câu hỏi ghép nối (->) chưa được hỗ trợ.`, p.line, 'matching');
    const correct = weight !== null ? weight > 0 : p.marker === '=';
    answers.push({ text: answerText, correct, weighted: weight !== null, partial: weight !== null && weight > 0 && weight < 100, feedback: fb >= 0 ? fmt(text(pcs.slice(fb + 1))) : '', line: p.line });
  }
  // Moodle: an "=" answer makes it single choice; a weighted "~%50%" beside it is partial credit for a wrong answer.
  const single = parts.some((p) => p.marker === '=');
  const partial = single ? answers.find((a, i) => parts[i].marker === '~' && a.partial) : undefined;
  if (partial)
    return fail(
      'GIFT_PARTIAL_CREDIT',
      `Dòng ${partial.line}: phương án "${readable(partial.text)}" được tính một phần điểm trong câu hỏi một đáp án đúng; hệ thống chấm đúng/sai cả câu nên chưa nhập được câu này (đáp án không bị đổi). Hãy bỏ trọng số %…% của phương án đó hoặc nhập câu này thủ công.`,
      partial.line,
    );
  if (!parts.some((p) => p.marker === '~'))
    return fail('GIFT_UNSUPPORTED', `Dòng ${start}: câu hỏi trả lời ngắn (chỉ có phương án "=") chưa được hỗ trợ; hãy thêm các phương án sai bằng "~".`, start, 'shortanswer');

  const options = optionsFromTexts(answers.map((a) => a.text)).map((o, i) => withFeedback(o, answers[i].feedback));
  // In a single-choice question only the "=" answers are right (a ~%-25% penalty on a wrong one changes no key).
  const correct = options.filter((_, i) => (single ? parts[i].marker === '=' : answers[i].correct)).map((o) => o.id);
  const multiple = (!single && answers.some((a) => a.weighted)) || correct.length > 1;
  return {
    question: { ...base, type: multiple ? QuestionType.Multiple : QuestionType.Single, options, correct, explanation: generalFeedback },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------------------------------------------

export interface GiftExportQuestion {
  code: string;
  topicCode: string;
  type: QuestionType;
  /** HTML questions are written with Moodle's `[html]` marker; their answers and feedback inherit it. */
  format?: QuestionFormat;
  stem: string;
  /** With each option's feedback, written as `#…` after the answer. */
  options: QuestionOption[];
  correct: string[];
  explanation: string | null;
  /** Written as a comment above the question, for people reading the file. */
  note?: string;
}

export function escapeGift(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/[~=#{}:]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

function weight(n: number): string {
  return String(Math.round((100 / n) * 100000) / 100000);
}

export function writeGift(questions: readonly GiftExportQuestion[], header?: string): string {
  const out: string[] = [];
  if (header) out.push(...header.split('\n').map((l) => `// ${l}`), '');
  let category: string | null = null;
  for (const q of questions) {
    if (q.topicCode !== category) {
      category = q.topicCode;
      out.push(`$CATEGORY: $course$/top/${category}`, '');
    }
    if (q.note) out.push(`// ${q.note.replace(/\n/g, ' ')}`);
    const feedback = q.explanation ? `\n\t####${escapeGift(q.explanation)}` : '';
    const marker = q.format === QuestionFormat.Html ? '[html]' : '';
    const head = `::${escapeGift(q.code)}::${marker}${escapeGift(q.stem)} {`;
    const optionFeedback = (o: QuestionOption | undefined) => (o?.feedback ? `#${escapeGift(o.feedback)}` : '');
    if (q.type === QuestionType.TrueFalse) {
      // {TRUE#shown when wrong#shown when right}
      const right = q.options.find((o) => o.id === q.correct[0]);
      const wrong = q.options.find((o) => o.id !== q.correct[0]);
      const both = right?.feedback || wrong?.feedback ? `#${wrong?.feedback ? escapeGift(wrong.feedback) : ''}${right?.feedback ? optionFeedback(right) : ''}` : '';
      out.push(`${head}${q.correct[0] === 'true' ? 'TRUE' : 'FALSE'}${both}${feedback}\n}`, '');
      continue;
    }
    const correct = new Set(q.correct);
    const lines = q.options.map((o) => {
      if (q.type === QuestionType.Single) return `\t${correct.has(o.id) ? '=' : '~'}${escapeGift(o.text)}${optionFeedback(o)}`;
      return `\t~%${correct.has(o.id) ? weight(correct.size) : '-100'}%${escapeGift(o.text)}${optionFeedback(o)}`;
    });
    out.push(`${head}\n${lines.join('\n')}${feedback}\n}`, '');
  }
  return out.join('\n');
}
