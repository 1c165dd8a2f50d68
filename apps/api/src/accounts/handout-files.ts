import { compareVi } from '@cchc/shared';
import PDFDocument from 'pdfkit';
import { Workbook } from 'exceljs';
import type { HandoutEntry } from './one-time-password';

const serif = (weight: string) => require.resolve(`@expo-google-fonts/noto-serif/${weight}/NotoSerif_${weight}.ttf`);

export interface HandoutDocument {
  siteUrl: string;
  /** Shown on the handout: when it was made (Vietnam time). */
  createdAt: Date;
  entries: HandoutEntry[];
}

/** The short note every handout carries, in the words a commune official would use. */
export function signInSteps(siteUrl: string): string[] {
  return [
    `Mở trang ${siteUrl} trên điện thoại hoặc máy tính.`,
    'Nhập tên đăng nhập và mật khẩu một lần ghi trên phiếu này.',
    'Hệ thống yêu cầu đặt mật khẩu mới của riêng bạn (ít nhất 8 ký tự, có cả chữ và số). Hãy ghi nhớ mật khẩu mới.',
    'Mật khẩu một lần chỉ dùng cho lần đăng nhập đầu tiên. Giữ phiếu kín và hủy phiếu sau khi đã đổi mật khẩu.',
  ];
}

const vnDate = (d: Date) => d.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });

/** Entries grouped by unit, units in tree order, people by name within a unit (as the officer hands them out). */
export function groupByUnit(entries: HandoutEntry[]): { unitName: string; entries: HandoutEntry[] }[] {
  const groups = new Map<string, { unitName: string; entries: HandoutEntry[] }>();
  for (const e of [...entries].sort((a, b) => a.unitPath.localeCompare(b.unitPath) || compareVi(a.fullName, b.fullName))) {
    const g = groups.get(e.unitPath) ?? { unitName: e.unitName, entries: [] };
    g.entries.push(e);
    groups.set(e.unitPath, g);
  }
  return [...groups.values()];
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ and unique in the workbook. */
export function sheetName(unitName: string, used: Set<string>): string {
  const base = unitName.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || 'Đơn vị';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

/** One sheet per unit, ready to print (A4, header repeated): the list an officer has people sign for. */
export async function buildHandoutXlsx(doc: HandoutDocument): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'cchc-learn';
  const used = new Set<string>();
  const steps = signInSteps(doc.siteUrl);
  for (const group of groupByUnit(doc.entries)) {
    const ws = wb.addWorksheet(sheetName(group.unitName, used), {
      pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '8:8' },
      headerFooter: { oddFooter: '&CTrang &P/&N' },
    });
    ws.columns = [{ width: 6 }, { width: 28 }, { width: 30 }, { width: 18 }, { width: 20 }, { width: 16 }];
    ws.mergeCells('A1:F1');
    ws.getCell('A1').value = 'DANH SÁCH TÀI KHOẢN ĐĂNG NHẬP HỆ THỐNG BỒI DƯỠNG CCHC';
    ws.getCell('A1').font = { bold: true, size: 13 };
    ws.getCell('A1').alignment = { horizontal: 'center' };
    ws.mergeCells('A2:F2');
    ws.getCell('A2').value = `Đơn vị: ${group.unitName} — ${group.entries.length} tài khoản — lập ngày ${vnDate(doc.createdAt)}`;
    ws.getCell('A2').alignment = { horizontal: 'center' };
    ws.mergeCells('A3:F3');
    ws.getCell('A3').value = `Địa chỉ đăng nhập: ${doc.siteUrl}`;
    ws.getCell('A3').font = { bold: true };
    steps.forEach((s, i) => {
      ws.mergeCells(`A${4 + i}:F${4 + i}`);
      ws.getCell(`A${4 + i}`).value = `${i + 1}. ${s}`;
      ws.getCell(`A${4 + i}`).alignment = { wrapText: true };
    });
    const header = ws.getRow(8);
    header.values = ['STT', 'Họ và tên', 'Chức vụ', 'Tên đăng nhập', 'Mật khẩu một lần', 'Ký nhận'];
    header.font = { bold: true };
    header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    group.entries.forEach((e, i) => {
      ws.getRow(9 + i).values = [i + 1, e.fullName, e.position ?? '', e.username, e.password, ''];
    });
    const thin = { style: 'thin' as const };
    for (let r = 8; r < 9 + group.entries.length; r++)
      for (let c = 1; c <= 6; c++) ws.getCell(r, c).border = { top: thin, bottom: thin, left: thin, right: thin };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Slips to cut apart, eight to an A4 page, each unit starting on a new page: unit, name, position, username,
 * one-time password, the site address and how to sign in.
 */
export function buildHandoutPdf(doc: HandoutDocument): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margins: { top: 30, bottom: 30, left: 30, right: 30 }, info: { Title: 'Phiếu tài khoản đăng nhập' }, autoFirstPage: false });
  pdf.registerFont('R', serif('400Regular'));
  pdf.registerFont('B', serif('700Bold'));
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));

  const cols = 2;
  const rows = 4;
  const steps = signInSteps(doc.siteUrl);
  for (const group of groupByUnit(doc.entries)) {
    group.entries.forEach((e, i) => {
      const slot = i % (cols * rows);
      if (slot === 0) {
        pdf.addPage();
        pdf.font('R').fontSize(8).fillColor('#555').text(
          `${group.unitName} — phiếu tài khoản đăng nhập — lập ngày ${vnDate(doc.createdAt)} — trang ${Math.floor(i / (cols * rows)) + 1}/${Math.ceil(group.entries.length / (cols * rows))}`,
          30, 14, { width: pdf.page.width - 60, align: 'center' },
        );
      }
      const { left, top } = pdf.page.margins;
      const w = (pdf.page.width - left - pdf.page.margins.right) / cols;
      const h = (pdf.page.height - top - pdf.page.margins.bottom) / rows;
      const x = left + (slot % cols) * w;
      const y = top + Math.floor(slot / cols) * h;
      pdf.save().dash(3, { space: 3 }).strokeColor('#888').rect(x, y, w, h).stroke().restore();
      const inner = w - 20;
      pdf.fillColor('#000').font('R').fontSize(8).text(e.unitName.toUpperCase(), x + 10, y + 9, { width: inner });
      pdf.font('B').fontSize(11).text(e.fullName, x + 10, pdf.y + 3, { width: inner });
      if (e.position) pdf.font('R').fontSize(8.5).text(e.position, x + 10, pdf.y, { width: inner });
      const credY = pdf.y + 5;
      pdf.font('R').fontSize(9).text('Tên đăng nhập:', x + 10, credY);
      pdf.font('B').fontSize(12).text(e.username, x + 95, credY - 2);
      pdf.font('R').fontSize(9).text('Mật khẩu một lần:', x + 10, credY + 17);
      pdf.font('B').fontSize(12).text(e.password, x + 95, credY + 15, { characterSpacing: 1 });
      pdf.font('R').fontSize(9).text('Địa chỉ:', x + 10, credY + 34);
      pdf.font('B').fontSize(9).text(doc.siteUrl, x + 95, credY + 34, { width: inner - 85 });
      pdf.font('R').fontSize(7.5).text(steps.map((s, n) => `${n + 1}. ${s}`).join('\n'), x + 10, pdf.y + 4, { width: inner, height: y + h - pdf.y - 10, ellipsis: true });
    });
  }
  pdf.end();
  return done;
}
