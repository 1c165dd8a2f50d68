import { readFileSync } from 'node:fs';

/**
 * The parts of an administrative document in the layout of Nghị định 30/2020/NĐ-CP, drawn with pdfkit: the two-column
 * letterhead (issuing body and its parent top-left; Quốc hiệu and the bold, underlined tiêu ngữ top-right; số, ký hiệu;
 * italic địa danh and date), page numbers from page 2, and the "Nơi nhận" / signature block. Used by the yearly
 * report and the certificate, so both read like documents a Sở signs.
 */

type Doc = PDFKit.PDFDocument;

// Noto Serif has every Vietnamese glyph (stacked diacritics included); read once, pdfkit subsets what a file uses.
let fonts: Record<'R' | 'B' | 'I' | 'BI', Buffer> | undefined;
const file = (w: string) => readFileSync(require.resolve(`@expo-google-fonts/noto-serif/${w}/NotoSerif_${w}.ttf`));

export function registerNd30Fonts(doc: Doc): void {
  fonts ??= { R: file('400Regular'), B: file('700Bold'), I: file('400Regular_Italic'), BI: file('700Bold_Italic') };
  for (const [name, data] of Object.entries(fonts)) doc.registerFont(name, data);
}

export interface Letterhead {
  /** The body the issuer belongs to (cơ quan chủ quản), e.g. "UBND tỉnh Khánh Hòa". May be empty. */
  parent: string;
  /** The issuing body, e.g. "Sở Nội vụ". */
  name: string;
  /** Số, ký hiệu, e.g. "……/BC-SNV". Omitted when empty. */
  number: string;
  /** "Khánh Hòa, ngày 05 tháng 12 năm 2026". */
  placeDate: string;
}

/** Draws the letterhead between x and x + width from y; returns the y below it. */
export function drawLetterhead(doc: Doc, h: Letterhead, x: number, y: number, width: number): number {
  const leftW = Math.min(300, width * 0.42);
  const rightW = Math.min(360, width * 0.55);
  const rightX = x + width - rightW;
  // Left column: parent (regular, upper case), issuer (bold, upper case), a short rule, number.
  let ly = y;
  if (h.parent) {
    doc.font('R').fontSize(12).text(h.parent.toUpperCase(), x, ly, { width: leftW, align: 'center' });
    ly = doc.y;
  }
  doc.font('B').fontSize(12).text(h.name.toUpperCase(), x, ly, { width: leftW, align: 'center' });
  ly = doc.y + 2;
  rule(doc, x + leftW / 2, ly, 70);
  ly += 8;
  if (h.number) {
    doc.font('R').fontSize(12).text(`Số: ${h.number}`, x, ly, { width: leftW, align: 'center' });
    ly = doc.y;
  }
  // Right column: Quốc hiệu (bold, upper case), tiêu ngữ (bold, underlined by a rule as long as the words), place/date.
  doc.font('B').fontSize(12).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, y, { width: rightW, align: 'center' });
  doc.font('B').fontSize(13).text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightW, align: 'center' });
  let ry = doc.y + 1;
  rule(doc, rightX + rightW / 2, ry, doc.widthOfString('Độc lập - Tự do - Hạnh phúc'));
  ry += 9;
  doc.font('I').fontSize(12).text(h.placeDate, rightX, ry, { width: rightW, align: 'center' });
  ry = doc.y;
  return Math.max(ly, ry);
}

/** A centred horizontal rule of the given length. */
export function rule(doc: Doc, centreX: number, y: number, length: number): void {
  doc.save().moveTo(centreX - length / 2, y).lineTo(centreX + length / 2, y).lineWidth(0.7).strokeColor('#000').stroke().restore();
}

/** "Trang 3/42" centred in the top margin of every page but the first (NĐ 30: page numbers from page 2). */
export function numberPages(doc: Doc, marginTop: number): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start + 1; i < range.start + total; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins;
    doc.page.margins = { ...saved, top: 0, bottom: 0 };
    doc.font('R').fontSize(11).fillColor('#000').text(`Trang ${i + 1}/${total}`, 0, Math.max(8, marginTop - 26), { width: doc.page.width, align: 'center', lineBreak: false });
    doc.page.margins = saved;
  }
}

export interface SignatureBlock {
  recipients: string[];
  /** Chức vụ of the signer, upper case: "GIÁM ĐỐC". */
  title: string;
  /** Full name; when empty a dotted line is left to write it in. */
  name: string;
  /** Quyền hạn ("KT. GIÁM ĐỐC" etc.), optional line above the title. */
  authority?: string;
}

const SIGN_SPACE = 70;

/** Height of the "Nơi nhận" / signature block, for the page layout. */
export function signatureHeight(doc: Doc, b: SignatureBlock, width: number): number {
  doc.font('R').fontSize(11);
  const left = 16 + b.recipients.reduce((h, r) => h + doc.heightOfString(r, { width: width * 0.45 }), 0);
  const right = (b.authority ? 16 : 0) + 18 + 16 + SIGN_SPACE + 18;
  return Math.max(left, right) + 8;
}

/** "Nơi nhận:" (bold italic) with its list on the left; chức vụ, space for signature and seal, and the name on the right. */
export function drawSignature(doc: Doc, b: SignatureBlock, x: number, y: number, width: number): void {
  const leftW = width * 0.45;
  const rightW = Math.min(320, width * 0.45);
  const rightX = x + width - rightW;
  doc.font('BI').fontSize(12).text('Nơi nhận:', x, y, { width: leftW });
  for (const r of b.recipients) doc.font('R').fontSize(11).text(r, x, doc.y, { width: leftW });
  let ry = y;
  if (b.authority) {
    doc.font('B').fontSize(13).text(b.authority, rightX, ry, { width: rightW, align: 'center' });
    ry = doc.y;
  }
  doc.font('B').fontSize(13).text(b.title, rightX, ry, { width: rightW, align: 'center' });
  doc.font('I').fontSize(11).text('(Ký, ghi rõ họ tên và đóng dấu)', rightX, doc.y, { width: rightW, align: 'center' });
  doc.font('B').fontSize(13).text(b.name || '……………………………', rightX, doc.y + SIGN_SPACE, { width: rightW, align: 'center' });
}

/** The italic địa danh and date line: "Khánh Hòa, ngày 05 tháng 12 năm 2026" (the day in Vietnam). */
export function placeDateLine(place: string, d: Date): string {
  const vn = new Date(d.getTime() + 7 * 3600_000);
  const dd = String(vn.getUTCDate()).padStart(2, '0');
  const mm = String(vn.getUTCMonth() + 1).padStart(2, '0');
  return `${place ? `${place}, ` : ''}ngày ${dd} tháng ${mm} năm ${vn.getUTCFullYear()}`;
}
