/**
 * Question texts written as HTML (`QuestionFormat.Html`), seen as text: what the validation rules count, what search
 * folds, and what exports without formatting (Excel, GIFT comments) print. The HTML itself is sanitised by the server
 * before it is stored; nothing here makes HTML safe, it only reads it.
 */
import { QuestionFormat } from './question';

/** An HTML stem may be longer than a plain one: tables and list markup count too (the visible text keeps its limit). */
export const MAX_HTML_STEM_LENGTH = 20_000;
export const MAX_HTML_OPTION_LENGTH = 4_000;
export const MAX_HTML_EXPLANATION_LENGTH = 12_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»', times: '×', divide: '÷', le: '≤', ge: '≥', ne: '≠' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text as HTML that reads the same: escaped, line breaks kept. */
export function plainToHtml(s: string): string {
  return escapeHtml(s).replace(/\r?\n/g, '<br>');
}

const BLOCK = /^(p|div|h[1-6]|blockquote|table|thead|tbody|tfoot|caption|pre|figure|figcaption|section|article)$/;
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[2] ?? m[3] ?? m[4] ?? '') : null;
};

/**
 * HTML as the text a reader sees: paragraphs and <br> are line breaks, list items "• " (numbered "1. " in an ordered
 * list), table rows one per line with cells joined by " | ", an image "[Hình: alt]", entities decoded.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let cellInRow = 0;
  const newline = () => {
    if (out.length && !out[out.length - 1].endsWith('\n')) out.push('\n');
  };
  const source = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, '');
  const re = /<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<[^>]*>|[^<]+|</g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const token = m[0];
    if (!token.startsWith('<') || token === '<') {
      out.push(decodeEntities(token).replace(/[ \t\r\n\f]+/g, ' '));
      continue;
    }
    const name = (m[1] ?? '').toLowerCase();
    const closing = token.startsWith('</');
    if (!name) continue;
    if (name === 'br') {
      out.push('\n');
      continue;
    }
    if (name === 'ul' || name === 'ol') {
      if (closing) lists.pop();
      else lists.push({ ordered: name === 'ol', n: Number(attr(token, 'start')) || 1 });
      newline();
      continue;
    }
    if (name === 'li') {
      newline();
      if (!closing) {
        const list = lists[lists.length - 1];
        const indent = '  '.repeat(Math.max(0, lists.length - 1));
        out.push(list?.ordered ? `${indent}${list.n++}. ` : `${indent}• `);
      }
      continue;
    }
    if (name === 'tr') {
      newline();
      cellInRow = 0;
      continue;
    }
    if (name === 'td' || name === 'th') {
      if (!closing && cellInRow++ > 0) out.push(' | ');
      continue;
    }
    if (name === 'img' && !closing) {
      const alt = attr(token, 'alt')?.trim();
      out.push(alt ? `[Hình: ${alt}]` : '[Hình]');
      continue;
    }
    if (BLOCK.test(name)) newline();
  }
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').replace(/^ (?=\S)/, '').trimEnd())
    .filter((l, i, all) => l.trim() !== '' || (i > 0 && all[i - 1].trim() !== ''))
    .join('\n')
    .trim();
}

/** A text of a version as a reader sees it, whatever its format. */
export function visibleText(format: QuestionFormat | undefined, s: string): string {
  return format === QuestionFormat.Html ? htmlToText(s) : s;
}

export const hasImage = (html: string) => /<img\b/i.test(html);

/** The `src` of every <img> in a piece of HTML, in order. */
export function imageSources(html: string): string[] {
  const out: string[] = [];
  const re = /<img\b[^>]*>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const src = attr(m[0], 'src');
    if (src !== null) out.push(src);
  }
  return out;
}

/** Whether a text of `format` shows nothing: empty text and, for HTML, no image either. */
export function isBlank(format: QuestionFormat | undefined, s: string): boolean {
  return !visibleText(format, s ?? '').trim() && !(format === QuestionFormat.Html && hasImage(s ?? ''));
}
