/**
 * Folds Vietnamese text for accent-insensitive search: "Nguyễn Văn Đức" -> "nguyen van duc".
 * NFD splits a letter from its tone and vowel marks; đ/Đ has no decomposition and is mapped by hand.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Normalizes a person's name as typed: NFC, single spaces, trimmed. */
export function normalizeName(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * The letter pairs that turn `foldVietnamese` into SQL: `lower(translate(normalize(x, NFC), from, to))` folds a column
 * the way the function folds a query (every precomposed Latin letter with a tone or vowel mark, upper and lower case,
 * and đ/Đ), so a search can compare folded words without a stored copy of the text.
 */
export function vietnameseFoldPairs(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (const [start, end] of [
    [0x00c0, 0x024f],
    [0x1e00, 0x1eff],
  ]) {
    for (let code = start; code <= end; code++) {
      const ch = String.fromCharCode(code);
      const folded = foldVietnamese(ch);
      if (/^[a-z]$/.test(folded) && folded !== ch) {
        from += ch;
        to += folded;
      }
    }
  }
  return { from, to };
}
