import { Workbook } from 'exceljs';
import { NOT_TAKEN_STATUS_LABELS, type NotTakenPersonDto } from '@cchc/shared';

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
