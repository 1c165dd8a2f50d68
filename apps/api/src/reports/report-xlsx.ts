import { PassThrough } from 'node:stream';
import { stream, Worksheet } from 'exceljs';
import { COVERAGE_STATUS_LABELS } from '@cchc/shared';
import { missingTitle, notApplicableNote, NO_ELIGIBLE, placeDate, ReportData, ReportTargetSection, ReportUnitRow, reportColumns, sectionLead } from './report-data';

const thin = { style: 'thin' as const };
const BORDER = { top: thin, bottom: thin, left: thin, right: thin };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE6E6E6' } };
const PCT = '0.0%';
const INT = '#,##0';
const DEC = '#,##0.00';
const PAGE = { paperSize: 9, orientation: 'landscape' as const, fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.8, right: 0.5, top: 0.8, bottom: 0.6, header: 0.3, footer: 0.3 } };

export function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The letterhead of NĐ 30 over the first rows: issuer left, Quốc hiệu and tiêu ngữ right, number and place/date. */
function letterhead(ws: Worksheet, data: ReportData, cols: number): number {
  const split = Math.max(2, Math.floor(cols * 0.4));
  const put = (r: number, from: number, to: number, text: string, font: Partial<{ bold: boolean; italic: boolean; underline: boolean; size: number }>) => {
    ws.mergeCells(`${colLetter(from)}${r}:${colLetter(to)}${r}`);
    const c = ws.getCell(`${colLetter(from)}${r}`);
    c.value = text;
    c.font = { name: 'Times New Roman', size: 12, ...font };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  put(1, 1, split, data.issuer.parent.toUpperCase(), {});
  put(2, 1, split, data.issuer.name.toUpperCase(), { bold: true });
  put(3, 1, split, `Số: ${data.number}`, {});
  put(1, split + 1, cols, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true });
  put(2, split + 1, cols, 'Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true, size: 13 });
  put(3, split + 1, cols, placeDate(data.place, data.date), { italic: true });
  put(5, 1, cols, 'BÁO CÁO', { bold: true, size: 14 });
  put(6, 1, cols, data.title, { bold: true, size: 13 });
  ws.getRow(6).height = 34;
  return 8;
}

function line(ws: Worksheet, r: number, cols: number, text: string, font: { bold?: boolean; italic?: boolean } = {}, height?: number) {
  ws.mergeCells(`A${r}:${colLetter(cols)}${r}`);
  const c = ws.getCell(`A${r}`);
  c.value = text;
  c.font = { name: 'Times New Roman', size: 12, ...font };
  c.alignment = { wrapText: true, vertical: 'top' };
  if (height) ws.getRow(r).height = height;
}

function headerCell(ws: Worksheet, ref: string, text: string) {
  const c = ws.getCell(ref);
  c.value = text;
  c.font = { name: 'Times New Roman', size: 11, bold: true };
  c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  c.fill = HEADER_FILL;
  c.border = BORDER;
}

/**
 * Unit table of one target: numbers as numbers, percentages as fractions (0.667) shown with a % format, blanks where
 * there is no figure ("Không có đối tượng" only in the status column).
 */
function unitRow(ws: Worksheet, r: number, u: ReportUnitRow, stt: number | null, bands: string[], bold: boolean) {
  const row = ws.getRow(r);
  const values: (string | number | null)[] = [
    stt, u.unitName, u.eligible, u.covered, u.pct === null ? null : u.pct / 100, u.status === null ? NO_ELIGIBLE : COVERAGE_STATUS_LABELS[u.status].vi,
    u.testsTaken, u.testsPassed, u.passRate === null ? null : u.passRate / 100, u.averageScore, ...bands.map((b) => u.bands[b] ?? 0),
  ];
  values.forEach((v, i) => {
    const c = row.getCell(i + 1);
    if (v !== null) c.value = v;
    c.border = BORDER;
    c.font = { name: 'Times New Roman', size: 11, bold };
    c.alignment = { vertical: 'top', wrapText: i === 1, horizontal: i === 0 || i === 5 ? 'center' : undefined };
    c.numFmt = i === 4 || i === 8 ? PCT : i === 9 ? DEC : i >= 2 ? INT : '';
  });
}

function sectionSheet(wb: stream.xlsx.WorkbookWriter, data: ReportData, s: ReportTargetSection, index: number) {
  const cols = reportColumns(s.counts, data.bands);
  const n = 10 + data.bands.length;
  // Sheet names: ≤ 31 characters, none of : \ / ? * [ ].
  const name = `${index + 1}. ${s.target.shortName || s.target.code}`.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
  const headerTop = 12;
  const ws = wb.addWorksheet(name, {
    pageSetup: { ...PAGE, printTitlesRow: `${headerTop}:${headerTop + 1}` },
    headerFooter: { oddHeader: '&CTrang &P/&N', differentFirst: true, firstHeader: '' },
    views: [{ state: 'frozen', xSplit: 2, ySplit: headerTop + 1 }],
  });
  ws.columns = [6, 38, 13, 13, 9, 16, 9, 9, 9, 9, ...data.bands.map(() => 10)].map((width) => ({ width }));
  letterhead(ws, data, n);
  line(ws, 8, n, `${index + 1}. ${s.target.name}`, { bold: true }, 32);
  line(ws, 9, n, sectionLead(s), {}, 48);
  const note = notApplicableNote(s);
  if (note) line(ws, 10, n, note, { italic: true });
  // Two header rows: STT and Đơn vị span both; training and testing are separate labelled groups.
  ws.mergeCells(`A${headerTop}:A${headerTop + 1}`);
  ws.mergeCells(`B${headerTop}:B${headerTop + 1}`);
  ws.mergeCells(`C${headerTop}:F${headerTop}`);
  ws.mergeCells(`G${headerTop}:${colLetter(n)}${headerTop}`);
  headerCell(ws, `A${headerTop}`, 'STT');
  headerCell(ws, `B${headerTop}`, 'Đơn vị');
  headerCell(ws, `C${headerTop}`, cols.trainingGroup);
  headerCell(ws, `G${headerTop}`, cols.testingGroup);
  [...cols.training, ...cols.testing].forEach((title, i) => headerCell(ws, `${colLetter(i + 3)}${headerTop + 1}`, title));
  ws.getRow(headerTop + 1).height = 45;
  let r = headerTop + 2;
  s.rows.forEach((u, i) => unitRow(ws, r++, u, i + 1, data.bands, false));
  unitRow(ws, r++, s.total, null, data.bands, true);
  ws.commit();
}

/** The first sheet: letterhead, one line per target, "Nơi nhận" and the signature block. */
function summarySheet(wb: stream.xlsx.WorkbookWriter, data: ReportData) {
  const headerTop = 9;
  const ws = wb.addWorksheet('Báo cáo', {
    pageSetup: { ...PAGE, printTitlesRow: `${headerTop}:${headerTop}` },
    headerFooter: { oddHeader: '&CTrang &P/&N', differentFirst: true, firstHeader: '' },
    views: [{ state: 'frozen', ySplit: headerTop }],
  });
  const titles = ['STT', 'Chỉ tiêu', 'Căn cứ', 'Chỉ tiêu (%)', 'Năm số liệu', 'Số thuộc đối tượng', 'Số đã bồi dưỡng', 'Tỷ lệ', 'Đánh giá', 'Lượt kiểm tra', 'Lượt đạt', 'Tỷ lệ đạt', 'Điểm TB'];
  const n = titles.length;
  ws.columns = [6, 46, 16, 10, 9, 12, 12, 9, 15, 10, 9, 9, 9].map((width) => ({ width }));
  letterhead(ws, data, n);
  line(ws, 8, n, `${data.issuer.name} báo cáo kết quả bồi dưỡng, kiểm tra kiến thức cải cách hành chính ${data.periodLabel} theo từng chỉ tiêu (chi tiết theo đơn vị ở các trang tính tiếp theo):`, {}, 32);
  titles.forEach((t, i) => headerCell(ws, `${colLetter(i + 1)}${headerTop}`, t));
  ws.getRow(headerTop).height = 32;
  let r = headerTop + 1;
  data.sections.forEach((s, i) => {
    const t = s.total;
    const values: (string | number | null)[] = [
      i + 1, s.target.name, s.target.legalBasisNumber, s.target.thresholdPct / 100, s.year, t.eligible, t.covered, t.pct === null ? null : t.pct / 100,
      t.status === null ? NO_ELIGIBLE : COVERAGE_STATUS_LABELS[t.status].vi, t.testsTaken, t.testsPassed, t.passRate === null ? null : t.passRate / 100, t.averageScore,
    ];
    const row = ws.getRow(r++);
    values.forEach((v, ci) => {
      const c = row.getCell(ci + 1);
      if (v !== null) c.value = v;
      c.border = BORDER;
      c.font = { name: 'Times New Roman', size: 11 };
      c.alignment = { vertical: 'top', wrapText: ci === 1 || ci === 2 };
      c.numFmt = ci === 3 || ci === 7 || ci === 11 ? PCT : ci === 12 ? DEC : ci === 4 ? '0' : ci >= 5 ? INT : '';
    });
  });
  r += 1;
  const sigFrom = 8;
  ws.getCell(`A${r}`).value = 'Nơi nhận:';
  ws.getCell(`A${r}`).font = { name: 'Times New Roman', size: 12, bold: true, italic: true };
  data.recipients.forEach((rc, i) => {
    ws.getCell(`A${r + 1 + i}`).value = rc;
    ws.getCell(`A${r + 1 + i}`).font = { name: 'Times New Roman', size: 11 };
  });
  const sig = (row: number, text: string, font: { bold?: boolean; italic?: boolean }) => {
    ws.mergeCells(`${colLetter(sigFrom)}${row}:${colLetter(n)}${row}`);
    const c = ws.getCell(`${colLetter(sigFrom)}${row}`);
    c.value = text;
    c.font = { name: 'Times New Roman', size: 13, ...font };
    c.alignment = { horizontal: 'center' };
  };
  sig(r, data.signer.title, { bold: true });
  sig(r + 1, '(Ký, ghi rõ họ tên và đóng dấu)', { italic: true });
  sig(r + 6, data.signer.name || '……………………………', { bold: true });
  ws.commit();
}

function missingSheet(wb: stream.xlsx.WorkbookWriter, data: ReportData) {
  const ms = wb.addWorksheet('Danh sách chưa đạt', {
    pageSetup: { ...PAGE, printTitlesRow: '1:1' },
    views: [{ state: 'frozen', ySplit: 1 }],
    headerFooter: { oddHeader: '&CTrang &P/&N' },
  });
  ms.columns = [{ width: 7 }, { width: 14 }, { width: 28 }, { width: 36 }, { width: 60 }];
  ['STT', 'Mã cán bộ', 'Họ và tên', 'Đơn vị', 'Lý do'].forEach((t, i) => headerCell(ms, `${colLetter(i + 1)}1`, t));
  ms.getRow(1).commit();
  let mr = 2;
  for (const s of data.sections) {
    ms.mergeCells(`A${mr}:E${mr}`);
    ms.getCell(`A${mr}`).value = `${s.target.name} — năm ${s.year}. ${missingTitle(s).replace(/, in .*đầu tiên; đầy đủ trong tệp Excel/, '')}`;
    ms.getCell(`A${mr}`).font = { bold: true };
    ms.getCell(`A${mr}`).alignment = { wrapText: true };
    ms.getRow(mr).commit();
    mr += 1;
    s.missing.forEach((m, i) => {
      const row = ms.getRow(mr++);
      row.values = [i + 1, m.staffCode ?? '', m.fullName ?? m.unitName, m.unitName, m.reason];
      row.commit();
    });
  }
  ms.commit();
}

/**
 * The yearly report as a workbook officials print: the summary sheet with the letterhead and signature, one sheet per
 * target (frozen two-row header, repeated when printed, page numbers from page 2) and the full missing list. Written
 * with exceljs's streaming writer: a province's missing lists run to 100,000+ rows at national size.
 */
export async function buildReportXlsx(data: ReportData): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => (out.on('end', resolve), out.on('error', reject)));
  const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'cchc-learn';
  summarySheet(wb, data);
  data.sections.forEach((s, i) => sectionSheet(wb, data, s, i));
  missingSheet(wb, data);
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
