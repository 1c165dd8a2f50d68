import { PassThrough } from 'node:stream';
import { stream, Worksheet } from 'exceljs';
import { fmtPct, placeDate, ReportData, STATUS_VI } from './report-data';

const thin = { style: 'thin' as const };
const BORDER = { top: thin, bottom: thin, left: thin, right: thin };

function headerBlock(ws: Worksheet, data: ReportData, lastCol: string): number {
  const half = Math.max(3, Math.floor((ws.columnCount || 10) / 2));
  const left = (r: number, text: string, bold = false) => {
    ws.mergeCells(`A${r}:${String.fromCharCode(64 + half - 1)}${r}`);
    const c = ws.getCell(`A${r}`);
    c.value = text;
    c.font = { bold, size: 11 };
    c.alignment = { horizontal: 'center' };
  };
  const right = (r: number, text: string, bold = false, italic = false) => {
    ws.mergeCells(`${String.fromCharCode(64 + half)}${r}:${lastCol}${r}`);
    const c = ws.getCell(`${String.fromCharCode(64 + half)}${r}`);
    c.value = text;
    c.font = { bold, italic, size: 11 };
    c.alignment = { horizontal: 'center' };
  };
  left(1, data.issuer.parent.toUpperCase());
  left(2, data.issuer.name.toUpperCase(), true);
  right(1, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', true);
  right(2, 'Độc lập - Tự do - Hạnh phúc', true);
  left(3, `Số: ${data.number}`);
  right(3, placeDate(data.place, data.date), false, true);
  ws.mergeCells(`A5:${lastCol}5`);
  ws.getCell('A5').value = 'BÁO CÁO';
  ws.getCell('A5').font = { bold: true, size: 14 };
  ws.getCell('A5').alignment = { horizontal: 'center' };
  ws.mergeCells(`A6:${lastCol}6`);
  ws.getCell('A6').value = data.title;
  ws.getCell('A6').font = { bold: true, size: 12 };
  ws.getCell('A6').alignment = { horizontal: 'center', wrapText: true };
  return 8;
}

/**
 * The yearly report as a workbook officials print: A4 landscape, header rows repeated on every page. Written with
 * exceljs's streaming writer, row by row: a province's missing lists run to 100,000+ rows at national size, where the
 * in-memory workbook took twice as long.
 */
export async function buildReportXlsx(data: ReportData): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => (out.on('end', resolve), out.on('error', reject)));
  const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'cchc-learn';
  const header = ['STT', 'Đơn vị', 'Số đối tượng', 'Đã bồi dưỡng', 'Tỷ lệ', 'Đánh giá', 'Lượt kiểm tra', 'Tỷ lệ đạt', 'Điểm TB', ...data.bands];
  const lastCol = String.fromCharCode(64 + header.length);
  const ws = wb.addWorksheet('Báo cáo', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '&CTrang &P/&N' },
  });
  ws.columns = header.map((_, i) => ({ width: [6, 40, 12, 12, 9, 14, 11, 10, 9][i] ?? 10 }));
  let r = headerBlock(ws, data, lastCol);
  let firstHeaderRow = 0;
  data.sections.forEach((s, si) => {
    ws.mergeCells(`A${r}:${lastCol}${r}`);
    ws.getCell(`A${r}`).value = `${si + 1}. ${s.target.name} (${s.target.legalBasisNumber}) — chỉ tiêu ${s.target.thresholdPct}%, năm ${s.year}${s.counts === 'units' ? ' — tính theo đơn vị' : ''}`;
    ws.getCell(`A${r}`).font = { bold: true };
    ws.getCell(`A${r}`).alignment = { wrapText: true };
    r += 1;
    const hr = ws.getRow(r);
    hr.values = header;
    hr.font = { bold: true };
    hr.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    hr.eachCell((c) => {
      c.border = BORDER;
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    });
    if (!firstHeaderRow) firstHeaderRow = r;
    r += 1;
    const put = (values: (string | number | null)[], bold = false) => {
      const row = ws.getRow(r++);
      row.values = values;
      row.font = { bold };
      row.eachCell({ includeEmpty: true }, (c, col) => {
        if (col <= header.length) c.border = BORDER;
      });
      row.getCell(5).numFmt = '0.0"%"';
    };
    s.rows.forEach((u, i) =>
      put([i + 1, u.unitName, u.eligible, u.covered, u.pct, STATUS_VI[u.status], u.testsTaken, u.passRate === null ? '—' : fmtPct(u.passRate), u.averageScore ?? '—', ...data.bands.map((b) => u.bands[b] ?? 0)]),
    );
    const t = s.total;
    put(['', 'Tổng cộng', t.eligible, t.covered, t.pct, STATUS_VI[t.status], t.testsTaken, t.passRate === null ? '—' : fmtPct(t.passRate), t.averageScore ?? '—', ...data.bands.map((b) => t.bands[b] ?? 0)], true);
    r += 1;
  });
  if (firstHeaderRow) ws.pageSetup.printTitlesRow = `${firstHeaderRow}:${firstHeaderRow}`;
  r += 1;
  ws.getCell(`A${r}`).value = 'Nơi nhận:';
  ws.getCell(`A${r}`).font = { bold: true, italic: true };
  const sigCol = String.fromCharCode(64 + Math.max(6, header.length - 4));
  ws.mergeCells(`${sigCol}${r}:${lastCol}${r}`);
  ws.getCell(`${sigCol}${r}`).value = data.signer.title;
  ws.getCell(`${sigCol}${r}`).font = { bold: true };
  ws.getCell(`${sigCol}${r}`).alignment = { horizontal: 'center' };
  data.recipients.forEach((rc, i) => {
    ws.getCell(`B${r + 1 + i}`).value = rc;
  });
  ws.mergeCells(`${sigCol}${r + 5}:${lastCol}${r + 5}`);
  ws.getCell(`${sigCol}${r + 5}`).value = data.signer.name;
  ws.getCell(`${sigCol}${r + 5}`).font = { bold: true };
  ws.getCell(`${sigCol}${r + 5}`).alignment = { horizontal: 'center' };
  ws.commit();

  const ms = wb.addWorksheet('Danh sách chưa đạt', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ms.columns = [{ width: 6 }, { width: 14 }, { width: 28 }, { width: 36 }, { width: 60 }];
  const mh = ms.getRow(1);
  mh.values = ['STT', 'Mã cán bộ', 'Họ và tên', 'Đơn vị', 'Lý do'];
  mh.font = { bold: true };
  mh.eachCell((c) => (c.border = BORDER));
  ms.pageSetup.printTitlesRow = '1:1';
  mh.commit();
  let mr = 2;
  for (const s of data.sections) {
    ms.mergeCells(`A${mr}:E${mr}`);
    ms.getCell(`A${mr}`).value = `${s.target.name} — năm ${s.year}: ${s.missingTotal} ${s.counts === 'units' ? 'đơn vị' : 'người'} chưa đạt`;
    ms.getCell(`A${mr}`).font = { bold: true };
    ms.getRow(mr).commit();
    mr += 1;
    s.missing.forEach((m, i) => {
      const row = ms.getRow(mr++);
      row.values = [i + 1, m.staffCode ?? '', m.fullName ?? m.unitName, m.unitName, m.reason];
      row.commit();
    });
  }
  ms.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
