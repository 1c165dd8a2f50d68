import { Workbook } from 'exceljs';
import { formatDateVi, NOT_TAKEN_STATUS_LABELS, type NotTakenPersonDto, type PersonResultDto } from '@cchc/shared';

const vnDateTime = (iso: string) =>
  new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Who has not taken a round, as a printable .xlsx in the missing lists' layout: title rows, then one row per person. */
export async function buildNotTakenExport(roundName: string, closesAt: Date, unitName: string, items: NotTakenPersonDto[]): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'cchc-learn';
  const ws = wb.addWorksheet('Chưa làm bài', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.mergeCells('A1:G1');
  ws.getCell('A1').value = `DANH SÁCH CÁN BỘ, CÔNG CHỨC CHƯA LÀM BÀI — ${roundName.toUpperCase()}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.mergeCells('A2:G2');
  ws.getCell('A2').value = `Đơn vị: ${unitName} — hạn làm bài: ${vnDateTime(closesAt.toISOString())} — ${items.length} người`;
  const headerRow = ws.getRow(4);
  headerRow.values = ['STT', 'Mã cán bộ', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Tình trạng', 'Bắt đầu làm lúc'];
  headerRow.font = { bold: true };
  headerRow.eachCell((c) => {
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  items.forEach((it, i) =>
    ws.addRow([i + 1, it.staffCode, it.fullName, it.position ?? '', it.unitName, NOT_TAKEN_STATUS_LABELS[it.status].vi, it.startedAt ? vnDateTime(it.startedAt) : '']),
  );
  ws.columns.forEach((col, i) => (col.width = [6, 12, 28, 26, 34, 14, 18][i]));
  ws.pageSetup.printTitlesRow = '4:4';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A round's low scorers as a printable .xlsx, in the same layout: title rows, the header on row 4 (repeated on every
 * printed page), scores as numbers, and for each person the topics to re-study.
 */
export async function buildLowScorersExport(roundName: string, recommendBelow: number, unitName: string, items: PersonResultDto[]): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'cchc-learn';
  const ws = wb.addWorksheet('Điểm thấp', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  ws.mergeCells('A1:I1');
  ws.getCell('A1').value = `DANH SÁCH CẦN BỒI DƯỠNG LẠI (CHƯA ĐẠT HOẶC CÓ CHỦ ĐỀ DƯỚI ${recommendBelow} ĐIỂM) — ${roundName.toUpperCase()}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.mergeCells('A2:I2');
  ws.getCell('A2').value = `Đơn vị: ${unitName} — ${items.length.toLocaleString('vi-VN')} người`;
  const headerRow = ws.getRow(4);
  headerRow.values = ['STT', 'Mã cán bộ', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Điểm', 'Xếp loại', 'Chủ đề cần học lại', 'Ngày làm bài'];
  headerRow.font = { bold: true };
  headerRow.eachCell((c) => {
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  items.forEach((it, i) => {
    const toStudy = it.recommendations.map((r) => `${r.topicName} (${r.score})`).join('; ');
    const row = ws.addRow([i + 1, it.staffCode, it.fullName, it.position ?? '', it.unitName, it.score, it.band, toStudy, formatDateVi(it.finishedAt.slice(0, 10))]);
    row.getCell(6).numFmt = '0.00';
    row.getCell(8).alignment = { wrapText: true, vertical: 'top' };
  });
  ws.columns.forEach((col, i) => (col.width = [6, 12, 28, 24, 32, 8, 12, 44, 13][i]));
  ws.pageSetup.printTitlesRow = '4:4';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
