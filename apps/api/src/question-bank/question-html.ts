import sanitizeHtml from 'sanitize-html';
import { htmlToText, imageSources, plainToHtml, QuestionFormat, QuestionOption } from '@cchc/shared';
import { isId } from '@api/common/validation';

/** Where a question image is served; the only image source a stored question may hold. */
export const QUESTION_IMAGE_PATH = '/api/question-images/';
/** A stored question image's address: the path and an id in the stored (lower-case) form, checked by the one id rule. */
export const isQuestionImageSrc = (src: string): boolean => {
  if (!src.startsWith(QUESTION_IMAGE_PATH)) return false;
  const id = src.slice(QUESTION_IMAGE_PATH.length);
  return isId(id) && id === id.toLowerCase();
};

/** Every text of a question that may hold HTML: the stem, each option and its feedback, the explanation. */
export const questionTexts = (q: { stem: string; options: readonly { text: string; feedback?: string | null }[]; explanation?: string | null }): string[] => [
  q.stem,
  ...q.options.flatMap((o) => [o.text, o.feedback ?? '']),
  q.explanation ?? '',
];

/** The stored question images that HTML texts show (each id once). */
export function storedImageIds(htmls: readonly string[]): string[] {
  const ids = htmls.flatMap(imageSources).filter(isQuestionImageSrc).map((src) => src.slice(QUESTION_IMAGE_PATH.length));
  return [...new Set(ids)];
}

const SIZE = /^\d{1,4}$/;

/**
 * The question allow-list: the formatting a Moodle question uses (bold, italic, underline, strike, sub/superscript,
 * paragraphs and line breaks, lists, tables, links, images). Everything else is removed: scripts and their text, event
 * handlers, `style` and `class`, iframes, SVG and MathML (with their content), forms. An image survives only when its
 * source is one of our stored question images (imports store embedded images first and point at them), so a question
 * can neither load from another site (a tracking pixel) nor carry a `data:`/`javascript:` URL. Links open outside
 * the test and cannot reach back into it.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'div', 'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'del', 'sub', 'sup', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'hr',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'img', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  ],
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'], img: ['src', 'alt', 'width', 'height'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'select', 'head'],
  transformTags: {
    b: 'strong',
    i: 'em',
    strike: 's',
    del: 's',
    h1: 'p',
    h2: 'p',
    h3: 'p',
    h4: 'p',
    h5: 'p',
    h6: 'p',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer' } }),
    img: (tagName, attribs) => {
      const out: Record<string, string> = { src: attribs.src ?? '' };
      if (attribs.alt) out.alt = attribs.alt.slice(0, 300);
      if (SIZE.test(attribs.width ?? '')) out.width = attribs.width;
      if (SIZE.test(attribs.height ?? '')) out.height = attribs.height;
      return { tagName, attribs: out };
    },
    td: cellSpan,
    th: cellSpan,
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !isQuestionImageSrc(frame.attribs.src ?? ''),
};

function cellSpan(tagName: string, attribs: sanitizeHtml.Attributes) {
  const out: Record<string, string> = {};
  for (const k of ['colspan', 'rowspan']) if (/^\d{1,2}$/.test(attribs[k] ?? '')) out[k] = attribs[k];
  return { tagName, attribs: out };
}

/** Question HTML through the allow-list; what it returns is safe to store and to render. */
export function sanitizeQuestionHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS)
    .replace(/(<p>\s*<\/p>\s*)+$/g, '')
    .trim();
}

/** Markup that only makes paragraphs and line breaks: the text says everything, so it is stored as plain text. */
const PLAIN_ONLY = /^(?:[^<]|<\/?(?:p|div|br)\s*\/?>)*$/i;

export interface QuestionTexts {
  format: QuestionFormat;
  stem: string;
  options: QuestionOption[];
  explanation: string | null;
}

/**
 * A version's texts as stored: HTML sanitised, and an HTML question that holds no formatting at all (Moodle exports
 * every text as `<p>…</p>`) kept as plain text; plain texts trimmed, options on one line.
 */
export function normalizeQuestionTexts(t: QuestionTexts): QuestionTexts {
  if (t.format === QuestionFormat.Html) {
    const clean = (s: string) => sanitizeQuestionHtml(s);
    const html: QuestionTexts = {
      format: QuestionFormat.Html,
      stem: clean(t.stem),
      options: t.options.map((o) => withFeedback({ id: o.id, text: clean(o.text) }, o.feedback ? clean(o.feedback) : '')),
      explanation: t.explanation ? clean(t.explanation) || null : null,
    };
    const all = [html.stem, html.explanation ?? '', ...html.options.flatMap((o) => [o.text, o.feedback ?? ''])];
    if (!all.every((s) => PLAIN_ONLY.test(s))) return html;
    // Nothing but paragraphs: read as text (entities decoded), then handled like any plain question.
    return normalizeQuestionTexts({
      format: QuestionFormat.Plain,
      stem: htmlToText(html.stem),
      options: html.options.map((o) => withFeedback({ id: o.id, text: htmlToText(o.text) }, o.feedback ? htmlToText(o.feedback) : '')),
      explanation: html.explanation ? htmlToText(html.explanation) : null,
    });
  }
  return {
    format: QuestionFormat.Plain,
    stem: t.stem.trim(),
    options: t.options.map((o) => withFeedback({ id: o.id, text: o.text.replace(/\s+/g, ' ').trim() }, o.feedback?.trim() ?? '')),
    explanation: t.explanation?.trim() || null,
  };
}

const withFeedback = (o: QuestionOption, feedback: string): QuestionOption => (feedback ? { ...o, feedback } : o);

/** A plain text put into an HTML question (Moodle answers can be plain in an HTML question). */
export const asHtml = (format: QuestionFormat, s: string) => (format === QuestionFormat.Html ? s : plainToHtml(s));
