import { Workbook } from 'exceljs';
import { formatDateVi, type MissingItemDto, type ScoreRowDto, type TargetDto } from '@cchc/shared';

/** The missing list as a printable .xlsx: title rows, then one row per person (or unit). */
export async function buildMissingExport(target: TargetDto, unitName: string, year: number, items: MissingItemDto[]): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'cchc-learn';
  const ws = wb.addWorksheet('Chưa đạt', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const people = target.kind === 'people';
  ws.mergeCells('A1:G1');
  ws.getCell('A1').value = `DANH SÁCH ${people ? 'CÁN BỘ, CÔNG CHỨC' : 'ĐƠN VỊ'} CHƯA ĐẠT CHỈ TIÊU — NĂM ${year}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.mergeCells('A2:G2');
  ws.getCell('A2').value = `Chỉ tiêu: ${target.name} (${target.legalBasisNumber}) — Đơn vị: ${unitName}`;
  const header = people ? ['STT', 'Mã cán bộ', 'Họ và tên', 'Phân loại', 'Chức vụ', 'Đơn vị', 'Lý do'] : ['STT', 'Đơn vị', 'Lý do'];
  const headerRow = ws.getRow(4);
  headerRow.values = header;
  headerRow.font = { bold: true };
  headerRow.eachCell((c) => {
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  items.forEach((it, i) => {
    ws.addRow(people ? [i + 1, it.staffCode, it.fullName, it.category, it.position ?? '', it.unitName, it.reason] : [i + 1, it.unitName, it.reason]);
  });
  ws.columns.forEach((col, i) => {
    col.width = people ? [6, 12, 28, 14, 22, 32, 50][i] : [6, 40, 70][i];
  });
  ws.pageSetup.printTitlesRow = '4:4';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Low scorers or commendations of a subtree as a printable .xlsx: scores as numbers, dates dd/mm/yyyy. */
export async function buildScoresExport(kind: 'low' | 'high', unitName: string, year: number, items: ScoreRowDto[]): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'cchc-learn';
  const ws = wb.addWorksheet(kind === 'low' ? 'Điểm thấp' : 'Biểu dương', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  ws.mergeCells('A1:H1');
  ws.getCell('A1').value = kind === 'low' ? `DANH SÁCH CHƯA ĐẠT BÀI KIỂM TRA — NĂM ${year}` : `DANH SÁCH ĐỀ NGHỊ BIỂU DƯƠNG (ĐIỂM TỪ 9 TRỞ LÊN) — NĂM ${year}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.mergeCells('A2:H2');
  ws.getCell('A2').value = `Đơn vị: ${unitName} — ${items.length.toLocaleString('vi-VN')} lượt`;
  const headerRow = ws.getRow(4);
  headerRow.values = ['STT', 'Mã cán bộ', 'Họ và tên', 'Đơn vị', 'Kỳ kiểm tra', 'Điểm', 'Xếp loại', 'Ngày làm bài'];
  headerRow.font = { bold: true };
  headerRow.eachCell((c) => {
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  items.forEach((it, i) => {
    const row = ws.addRow([i + 1, it.staffCode, it.fullName, it.unitName, it.roundName, it.score, it.band, formatDateVi(it.finishedAt)]);
    row.getCell(6).numFmt = '0.00';
  });
  ws.columns.forEach((col, i) => (col.width = [6, 12, 28, 32, 36, 8, 12, 13][i]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
