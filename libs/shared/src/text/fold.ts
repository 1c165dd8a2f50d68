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
