/**
 * Vietnamese formats, one helper each, used by the web, the PDFs, the workbooks and the e-mails: decimal comma and
 * thousands dot ("1.245", "2,33"), dates dd/mm/yyyy in Vietnam's time zone, and dictionary order ("Đ" after "D",
 * tones in the order ngang, huyền, hỏi, ngã, sắc, nặng) through ICU's Vietnamese collation.
 */

const numberFormats = new Map<number, Intl.NumberFormat>();

/** 1245 → "1.245"; 2.333 → "2,33" (up to `digits` decimals, no trailing zeros). `null` → "". */
export function formatNumberVi(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  let f = numberFormats.get(digits);
  if (!f) numberFormats.set(digits, (f = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits })));
  return f.format(n);
}

/** A percentage given in percent points: 66.7 → "66,7%". `null` → "". */
export function formatPercentVi(pct: number | null | undefined, digits = 1): string {
  const s = formatNumberVi(pct, digits);
  return s ? `${s}%` : '';
}

const VN_OFFSET_MS = 7 * 3600 * 1000;

/**
 * dd/mm/yyyy. A date-only ISO string ("2026-08-15") is taken as written; an instant (Date or ISO timestamp) is shown
 * as the calendar day in Vietnam (UTC+7), whatever the server's or browser's zone.
 */
export function formatDateVi(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '';
  const vn = new Date(d.getTime() + VN_OFFSET_MS);
  return `${String(vn.getUTCDate()).padStart(2, '0')}/${String(vn.getUTCMonth() + 1).padStart(2, '0')}/${vn.getUTCFullYear()}`;
}

/** dd/mm/yyyy hh:mm in Vietnam's time zone. */
export function formatDateTimeVi(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '';
  const vn = new Date(d.getTime() + VN_OFFSET_MS);
  return `${formatDateVi(d)} ${String(vn.getUTCHours()).padStart(2, '0')}:${String(vn.getUTCMinutes()).padStart(2, '0')}`;
}

const collator = new Intl.Collator('vi', { sensitivity: 'variant', numeric: true });

/** Vietnamese dictionary order (ICU), numbers inside names in numeric order ("Phòng 2" before "Phòng 10"). */
export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

/** A sorted copy in Vietnamese dictionary order of `key(item)`. */
export function sortVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareVi(key(x), key(y)));
}
