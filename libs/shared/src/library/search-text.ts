import { foldVietnamese } from '../text/fold';

/**
 * A search query as it arrives, made canonical: NFC, so decomposed Vietnamese (Unikey's "Unicode tổ hợp", macOS
 * input, text pasted from PDFs: "ca\u0309i ca\u0301ch") is the same text as the precomposed "cải cách"; invisible
 * zero-width characters dropped; spaces collapsed and trimmed. The one normalisation every search box goes through.
 */
export function normalizeSearchQuery(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a query has something to search for: a letter or a digit. Only punctuation or spaces would match everything. */
export function hasSearchableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(normalizeSearchQuery(text));
}

/** What a search box says when the query has no letter or digit (the API's 400 says the same). */
export const SEARCH_QUERY_EMPTY_MESSAGE = 'Từ khóa tìm kiếm phải có ít nhất một chữ cái hoặc chữ số; dấu câu hoặc khoảng trắng không tìm được gì.';

/**
 * Text as the search index stores it and as queries are matched against it: folded (no diacritics, lower case),
 * with everything that is not a letter or digit turned into a space. "1718/QĐ-UBND" becomes "1718 qd ubnd", so a
 * number matches whether it is typed with its slashes or not. Composed first: a combining mark is not a letter, so
 * NFD text would otherwise be cut at every tone mark ("ca\u0309i" -> "ca i").
 */
export function toSearchText(text: string): string {
  return foldVietnamese(normalizeSearchQuery(text).replace(/[^\p{L}\p{N}]+/gu, ' '))
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a search query, folded; at most 12, each at most 40 characters (longer words match nothing real). */
export function searchTerms(query: string | null | undefined): string[] {
  if (!query) return [];
  const words = toSearchText(query).split(' ').filter(Boolean);
  return [...new Set(words)].slice(0, 12).map((w) => w.slice(0, 40));
}

/**
 * A PostgreSQL tsquery over folded words: every word must appear, the last one may be the start of a word (the
 * user may still be typing). Words are [a-z0-9] only, so nothing in the query can be tsquery syntax. With a weight,
 * the words must appear in that part of the document (A: its number, title, issuer and summary).
 */
/** The words as a phrase (each right after the previous one), the last one possibly unfinished. */
export function toPhraseTsQuery(terms: string[]): string | null {
  if (terms.length < 2) return null;
  return terms.map((t, i) => (i === terms.length - 1 ? `${t}:*` : t)).join(' <-> ');
}

export function toTsQuery(terms: string[], weight: 'A' | null = null): string | null {
  if (!terms.length) return null;
  const label = weight ?? '';
  return terms.map((t, i) => (i === terms.length - 1 ? `${t}:*${label}` : label ? `${t}:${label}` : t)).join(' & ');
}

/** Folds one character at a time so that positions in the folded text are positions in the original. */
function foldAligned(text: string): string {
  let out = '';
  for (const ch of text) {
    const folded = /\s/.test(ch) ? ' ' : foldVietnamese(ch);
    // Every character folds to exactly one (NFC input); anything else keeps the alignment with a space.
    out += folded.length === 1 ? folded : ' ';
  }
  return out;
}

/**
 * A passage of `text` around the first place the terms occur as a phrase, else where the longest term that occurs
 * starts a word, with "…" where it was cut, or null when no term occurs. Used to show why a document matched when the match is inside the file.
 */
export function searchSnippet(text: string | null | undefined, terms: string[], radius = 90): string | null {
  if (!text || !terms.length) return null;
  const chars = Array.from(text.normalize('NFC'));
  const folded = foldAligned(chars.join(''));
  // The words as a phrase first ("van hoa cong vu" where it is written so), then the longest word alone: it is the
  // most specific ("caicachhanhchinh" rather than "gov"). Centre on the first occurrence.
  let best = -1;
  const candidates = terms.length > 1 ? [terms.join(' '), ...[...terms].sort((a, b) => b.length - a.length)] : terms;
  for (const term of candidates) {
    const m = new RegExp(`(^|[^a-z0-9])${term}`).exec(folded);
    if (m) {
      best = m.index + m[1].length;
      break;
    }
  }
  if (best < 0) return null;
  // One folded UTF-16 unit per code point of the original, so an index in `folded` is an index in `chars`.
  const start = Math.max(0, best - radius);
  const end = Math.min(chars.length, best + radius);
  let snippet = chars.slice(start, end).join('');
  // Drop a word cut in half at either end, never the word that matched.
  if (start > 0 && !/\s/.test(chars[start - 1]) && start < best) snippet = snippet.replace(/^\S*\s?/, '');
  if (end < chars.length && !/\s/.test(chars[end])) snippet = snippet.replace(/\s\S*$/, '');
  snippet = snippet.replace(/\s+/g, ' ').trim();
  if (start > 0) snippet = `…${snippet}`;
  if (end < chars.length) snippet = `${snippet}…`;
  return snippet;
}
