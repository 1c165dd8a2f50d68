import { COVERAGE_STATUS_LABELS, formatDateVi, formatNumberVi, formatPercentVi, type CoverageStatus, type MissingItemDto, type TargetDto } from '@cchc/shared';

export interface ReportUnitRow {
  unitName: string;
  /** Training: people (or units) the target counts, and how many of them are trained. */
  eligible: number;
  covered: number;
  /** null when no one is eligible in a unit the target applies to ("Không có đối tượng"). */
  pct: number | null;
  status: CoverageStatus | null;
  /** Testing: attempts finished in the period on the target's topics, passed attempts, average score, bands. */
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
  /** Units below the report's root the target does not apply to, left out of the table (named in a note). */
  notApplicable: string[];
  missing: MissingItemDto[];
  missingTotal: number;
}

export interface ReportData {
  kind: 'province' | 'unit';
  /** NĐ 30/2020: the issuing body and the body it belongs to, top-left. */
  issuer: { parent: string; name: string };
  unitName: string;
  periodLabel: string;
  /** Số, ký hiệu: "……/BC-SNV" (the number is written in by the records office). */
  number: string;
  place: string;
  date: Date;
  /** Trích yếu: what the report is about. */
  title: string;
  bands: string[];
  sections: ReportTargetSection[];
  signer: { title: string; name: string };
  recipients: string[];
}

export const NO_ELIGIBLE = 'Không có đối tượng';

export function statusText(row: Pick<ReportUnitRow, 'status'>): string {
  return row.status === null ? NO_ELIGIBLE : COVERAGE_STATUS_LABELS[row.status].vi;
}

export const fmtPct = (n: number | null): string => formatPercentVi(n);
export const fmtNum = (n: number | null, digits = 2): string => formatNumberVi(n, digits);

/** "Khánh Hòa, ngày 05 tháng 12 năm 2026" (the day in Vietnam). */
export function placeDate(place: string, d: Date): string {
  const [dd, mm, yyyy] = formatDateVi(d).split('/');
  return `${place}, ngày ${dd} tháng ${mm} năm ${yyyy}`;
}

/** The words of the table's two header rows: training and testing are separate groups, each says what it counts. */
export function reportColumns(counts: 'people' | 'units', bands: string[]) {
  const who = counts === 'units' ? 'đơn vị' : 'người';
  return {
    trainingGroup: `BỒI DƯỠNG (số ${who})`,
    testingGroup: 'KIỂM TRA KIẾN THỨC (lượt làm bài)',
    fixed: ['STT', 'Đơn vị'],
    training: [`Số ${who} thuộc đối tượng`, `Số ${who} đã bồi dưỡng`, 'Tỷ lệ', 'Đánh giá'],
    testing: ['Số lượt', 'Lượt đạt', 'Tỷ lệ đạt', 'Điểm TB', ...bands.map((b) => `Xếp loại ${b}`)],
  };
}

/** One table row as printed text (PDF and .docx), numbers in Vietnamese format, blanks where there is no figure. */
export function rowTexts(u: ReportUnitRow, stt: string, bands: string[]): string[] {
  return [
    stt, u.unitName, fmtNum(u.eligible), fmtNum(u.covered), u.pct === null ? '' : fmtPct(u.pct), statusText(u),
    fmtNum(u.testsTaken), fmtNum(u.testsPassed), fmtPct(u.passRate), fmtNum(u.averageScore), ...bands.map((b) => fmtNum(u.bands[b] ?? 0)),
  ];
}

/** The sentence above a target's table. */
export function sectionLead(s: ReportTargetSection): string {
  const who = s.counts === 'units' ? 'số đơn vị thuộc đối tượng' : 'số cán bộ, công chức thuộc đối tượng';
  const t = s.total;
  const result = t.status === null ? NO_ELIGIBLE : `${fmtNum(t.covered)}/${fmtNum(t.eligible)} (${fmtPct(t.pct)}) — ${statusText(t)}`;
  // A yearly target is met or not within each year: say so, or "Không đạt" beside a 2030 deadline reads as a mistake.
  const goal = s.target.validity === 'year' ? `${who} trong từng năm (đến ${formatDateVi(s.target.deadline)})` : `${who}, thời hạn ${formatDateVi(s.target.deadline)}`;
  return `Căn cứ ${s.target.legalBasisNumber}; chỉ tiêu ${fmtPct(s.target.thresholdPct)} ${goal}; số liệu năm ${s.year}. Kết quả chung: ${result}.`;
}

export function notApplicableNote(s: ReportTargetSection): string | null {
  if (!s.notApplicable.length) return null;
  return `Chỉ tiêu không áp dụng đối với ${s.notApplicable.length} đơn vị khác (không liệt kê trong bảng).`;
}

export function missingTitle(s: ReportTargetSection): string {
  const who = s.counts === 'units' ? 'đơn vị' : 'cán bộ, công chức';
  const shown = s.missingTotal > s.missing.length ? `, in ${fmtNum(s.missing.length)} đầu tiên; đầy đủ trong tệp Excel` : '';
  return `Danh sách ${who} chưa được bồi dưỡng (${fmtNum(s.missingTotal)}${shown}):`;
}
