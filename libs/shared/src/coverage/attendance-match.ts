import { foldVietnamese } from '../text/fold';

/** One row of an attendance sheet (danh sách điểm danh), as read. */
export interface AttendanceSheetRow {
  row: number;
  staffCode: string | null;
  fullName: string | null;
  unitName: string | null;
}

export interface AttendanceCandidate {
  id: string;
  staffCode: string;
  fullName: string;
  unitName: string;
  unitCode: string;
}

export type AttendanceMatch =
  | { status: 'matched'; person: AttendanceCandidate }
  | { status: 'unmatched'; message: string }
  | { status: 'ambiguous'; message: string; candidates: AttendanceCandidate[] };

/** Which sheet column holds what, from its header text (any case, with or without diacritics). */
export function attendanceColumns(header: unknown[]): { staffCode: number; fullName: number; unitName: number } {
  const folded = header.map((h) => foldVietnamese(String(h ?? '')));
  const find = (...names: string[]) => folded.findIndex((h) => names.some((n) => h === n || h.startsWith(n)));
  return {
    staffCode: find('ma can bo', 'ma cb', 'ma so', 'ma nhan vien', 'staff code'),
    fullName: find('ho va ten', 'ho ten', 'full name', 'ten'),
    unitName: find('don vi', 'co quan', 'unit'),
  };
}

/**
 * Matches a row to a person: by staff code when the sheet has one, otherwise by full name and unit compared without
 * diacritics or case ("Nguyen Van An, UBND xa An Binh" finds "Nguyễn Văn An" of "Xã An Bình"). A name alone that
 * several people share is ambiguous; the unit may be written as its name or code, in full or in part.
 */
export function matchAttendanceRow(row: AttendanceSheetRow, people: readonly AttendanceCandidate[]): AttendanceMatch {
  const code = row.staffCode?.trim().toUpperCase();
  if (code) {
    const byCode = people.find((p) => p.staffCode.toUpperCase() === code);
    if (byCode) return { status: 'matched', person: byCode };
    return { status: 'unmatched', message: `Không tìm thấy cán bộ có mã "${row.staffCode}".` };
  }
  const name = foldVietnamese(row.fullName ?? '');
  if (!name) return { status: 'unmatched', message: 'Dòng không có mã cán bộ và họ tên.' };
  let found = people.filter((p) => foldVietnamese(p.fullName) === name);
  const unit = foldVietnamese(row.unitName ?? '');
  if (unit) {
    found = found.filter((p) => {
      const n = foldVietnamese(p.unitName);
      return n === unit || foldVietnamese(p.unitCode) === unit || n.includes(unit) || unit.includes(n);
    });
  }
  if (found.length === 1) return { status: 'matched', person: found[0] };
  if (!found.length) return { status: 'unmatched', message: `Không tìm thấy "${row.fullName}"${row.unitName ? ` thuộc "${row.unitName}"` : ''}.` };
  return { status: 'ambiguous', message: `Có ${found.length} người tên "${row.fullName}"${unit ? ' trong đơn vị này' : ''}: hãy ghi mã cán bộ hoặc đơn vị.`, candidates: found };
}
