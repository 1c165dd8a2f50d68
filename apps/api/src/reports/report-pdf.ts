import PDFDocument from 'pdfkit';
import { fmtNum, fmtPct, placeDate, ReportData, STATUS_VI } from './report-data';

const font = (weight: string) => require.resolve(`@expo-google-fonts/noto-serif/${weight}/NotoSerif_${weight}.ttf`);

interface Column {
  title: string;
  width: number;
  align: 'left' | 'center' | 'right';
}

/**
 * The yearly report in the Vietnamese administrative layout (Nghị định 30/2020 style): issuing body top-left,
 * national motto top-right, number and place/date, title, tables, "Nơi nhận" and the signature block.
 * Noto Serif is embedded so every diacritic prints.
 */
export function buildReportPdf(data: ReportData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margins: { top: 40, bottom: 40, left: 50, right: 40 }, info: { Title: data.title, Author: data.issuer.name } });
  doc.registerFont('R', font('400Regular'));
  doc.registerFont('B', font('700Bold'));
  doc.registerFont('I', font('400Regular_Italic'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = doc.page.height - doc.page.margins.bottom;

  // Header: two centred columns.
  const colW = 330;
  const rightX = left + width - colW;
  const top = doc.page.margins.top;
  doc.font('R').fontSize(11).text(data.issuer.parent.toUpperCase(), left, top, { width: colW, align: 'center' });
  doc.font('B').fontSize(11).text(data.issuer.name.toUpperCase(), left, doc.y, { width: colW, align: 'center' });
  let y = doc.y + 2;
  doc.moveTo(left + colW / 2 - 40, y).lineTo(left + colW / 2 + 40, y).lineWidth(0.6).stroke();
  doc.font('R').fontSize(11).text(`Số: ${data.number}`, left, y + 8, { width: colW, align: 'center' });
  doc.font('B').fontSize(11).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: colW, align: 'center' });
  doc.font('B').fontSize(12).text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: colW, align: 'center' });
  y = doc.y + 2;
  doc.moveTo(rightX + colW / 2 - 85, y).lineTo(rightX + colW / 2 + 85, y).stroke();
  doc.font('I').fontSize(11).text(placeDate(data.place, data.date), rightX, y + 8, { width: colW, align: 'center' });

  doc.font('B').fontSize(14).text('BÁO CÁO', left, y + 40, { width, align: 'center' });
  doc.font('B').fontSize(12).text(data.title, left + 60, doc.y + 2, { width: width - 120, align: 'center' });
  y = doc.y + 6;
  doc.moveTo(left + width / 2 - 60, y).lineTo(left + width / 2 + 60, y).stroke();
  doc.y = y + 12;

  const cols: Column[] = [
    { title: 'STT', width: 30, align: 'center' },
    { title: 'Đơn vị', width: 0, align: 'left' },
    { title: 'Số đối tượng', width: 58, align: 'right' },
    { title: 'Đã bồi dưỡng', width: 58, align: 'right' },
    { title: 'Tỷ lệ', width: 48, align: 'right' },
    { title: 'Đánh giá', width: 70, align: 'center' },
    { title: 'Lượt kiểm tra', width: 56, align: 'right' },
    { title: 'Tỷ lệ đạt', width: 50, align: 'right' },
    { title: 'Điểm TB', width: 44, align: 'right' },
    ...data.bands.map((b) => ({ title: b, width: 46, align: 'right' as const })),
  ];
  cols[1].width = width - cols.reduce((s, c) => s + c.width, 0);

  const cellPad = 3;
  const rowHeight = (cells: string[], f: string, size: number) => {
    doc.font(f).fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i].width - 2 * cellPad }))) + 2 * cellPad;
  };
  const drawRow = (cells: string[], f: string, size: number, fill?: string) => {
    const h = rowHeight(cells, f, size);
    let x = left;
    const yy = doc.y;
    cells.forEach((c, i) => {
      if (fill) doc.rect(x, yy, cols[i].width, h).fillAndStroke(fill, '#000');
      else doc.rect(x, yy, cols[i].width, h).stroke();
      doc.fillColor('#000').font(f).fontSize(size).text(c, x + cellPad, yy + cellPad, { width: cols[i].width - 2 * cellPad, align: cols[i].align });
      x += cols[i].width;
    });
    doc.y = yy + h;
  };
  const headerCells = cols.map((c) => c.title);
  const ensure = (h: number, repeatHeader: boolean) => {
    if (doc.y + h > bottom) {
      doc.addPage();
      if (repeatHeader) drawRow(headerCells, 'B', 8.5, '#e8eef7');
    }
  };

  data.sections.forEach((s, si) => {
    ensure(60, false);
    doc.font('B').fontSize(11).text(`${si + 1}. ${s.target.name}`, left, doc.y + 6, { width });
    doc.font('R').fontSize(10).text(
      `Căn cứ ${s.target.legalBasisNumber}; chỉ tiêu ${s.target.thresholdPct}% ${s.counts === 'units' ? 'số đơn vị' : 'số cán bộ, công chức thuộc đối tượng'}; số liệu năm ${s.year}. Kết quả chung: ${s.total.covered}/${s.total.eligible} (${fmtPct(s.total.pct)}) — ${STATUS_VI[s.total.status]}.`,
      left, doc.y + 2, { width },
    );
    doc.y += 4;
    drawRow(headerCells, 'B', 8.5, '#e8eef7');
    const line = (u: typeof s.total, i: string, name: string) => [
      i, name, String(u.eligible), String(u.covered), fmtPct(u.pct), STATUS_VI[u.status], String(u.testsTaken), fmtPct(u.passRate), fmtNum(u.averageScore), ...data.bands.map((b) => String(u.bands[b] ?? 0)),
    ];
    s.rows.forEach((u, i) => {
      const cells = line(u, String(i + 1), u.unitName);
      ensure(rowHeight(cells, 'R', 9), true);
      drawRow(cells, 'R', 9);
    });
    const totalCells = line(s.total, '', 'Tổng cộng');
    ensure(rowHeight(totalCells, 'B', 9), true);
    drawRow(totalCells, 'B', 9);

    if (s.missing.length) {
      ensure(40, false);
      doc.font('B').fontSize(10).text(`Danh sách ${s.counts === 'units' ? 'đơn vị' : 'cán bộ, công chức'} chưa đạt (${s.missingTotal}${s.missingTotal > s.missing.length ? `, in ${s.missing.length} đầu tiên; đầy đủ trong tệp Excel` : ''}):`, left, doc.y + 6, { width });
      s.missing.forEach((m, i) => {
        ensure(14, false);
        doc.font('R').fontSize(9).text(`${i + 1}. ${m.fullName ? `${m.fullName} (${m.staffCode}) — ` : ''}${m.unitName}: ${m.reason}`, left + 10, doc.y + 1, { width: width - 10 });
      });
    }
  });

  // Recipients (left) and signature (right).
  ensure(120, false);
  y = doc.y + 16;
  doc.font('B').fontSize(10).text('Nơi nhận:', left, y);
  data.recipients.forEach((r) => doc.font('R').fontSize(9).text(r, left, doc.y));
  doc.font('B').fontSize(11).text(data.signer.title, rightX, y, { width: colW, align: 'center' });
  doc.font('I').fontSize(10).text('(Ký, ghi rõ họ tên và đóng dấu)', rightX, doc.y, { width: colW, align: 'center' });
  doc.font('B').fontSize(11).text(data.signer.name, rightX, doc.y + 50, { width: colW, align: 'center' });

  doc.end();
  return done;
}
