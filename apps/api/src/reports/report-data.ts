import type { CoverageStatus, MissingItemDto, TargetDto } from '@cchc/shared';

export interface ReportUnitRow {
  unitName: string;
  eligible: number;
  covered: number;
  pct: number;
  status: CoverageStatus;
  testsTaken: number;
  testsPassed: number;
  passRate: number | null;
  averageScore: number | null;
  bands: Record<string, number>;
}

export interface ReportTargetSection {
  target: TargetDto;
  /** The year whose coverage the section shows (the period's last year, clamped to today and to the target). */
  year: number;
  counts: 'people' | 'units';
  total: ReportUnitRow;
  rows: ReportUnitRow[];
  missing: MissingItemDto[];
  missingTotal: number;
}

export interface ReportData {
  kind: 'province' | 'unit';
  issuer: { parent: string; name: string };
  unitName: string;
  periodLabel: string;
  number: string;
  place: string;
  date: Date;
  title: string;
  bands: string[];
  sections: ReportTargetSection[];
  signer: { title: string; name: string };
  recipients: string[];
}

export const STATUS_VI: Record<CoverageStatus, string> = { met: 'Đạt', on_track: 'Đúng tiến độ', behind: 'Chậm tiến độ' };

export function fmtPct(n: number | null): string {
  return n === null ? '—' : `${n.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}

export function fmtNum(n: number | null, digits = 2): string {
  return n === null ? '—' : n.toLocaleString('vi-VN', { maximumFractionDigits: digits });
}

/** "Khánh Hòa, ngày 05 tháng 12 năm 2026" */
export function placeDate(place: string, d: Date): string {
  const vn = new Date(d.getTime() + 7 * 3600 * 1000);
  const dd = String(vn.getUTCDate()).padStart(2, '0');
  const mm = String(vn.getUTCMonth() + 1).padStart(2, '0');
  return `${place}, ngày ${dd} tháng ${mm} năm ${vn.getUTCFullYear()}`;
}
