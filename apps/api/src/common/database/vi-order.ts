/**
 * Vietnamese dictionary order in SQL: every ORDER BY on a human name or title goes through these, so "Đề án 1439"
 * sorts after "Diên Khánh" (not after "Xây dựng…") and "Cà Ná" after "Cam Lâm". The ICU collation `vi_icu` is created
 * by migration 1763800016000; the web's twin is `compareVi` in libs/shared.
 */
export const VI_COLLATION = 'vi_icu';

/** `expr` in Vietnamese dictionary order, for an ORDER BY (or an ordered aggregate): `viOrder('u.name', 'DESC')`. */
export function viOrder(expr: string, direction?: 'ASC' | 'DESC'): string {
  return `${expr} COLLATE ${VI_COLLATION}${direction ? ` ${direction}` : ''}`;
}

/**
 * A person's name as Vietnamese lists are read: by the given name (the last word), then by the whole name
 * ("Trần Văn An" before "Lê Thị Bình").
 */
export function viNameOrder(fullName: string): string {
  return `${viOrder(`regexp_replace(${fullName}, '^.* ', '')`)}, ${viOrder(fullName)}`;
}
