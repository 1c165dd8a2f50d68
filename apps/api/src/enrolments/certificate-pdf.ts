import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export interface CertificateContent {
  code: string;
  personName: string;
  unitName: string | null;
  courseTitle: string;
  estimatedHours: number;
  completedAt: Date;
  verifyUrl: string;
  issuer: string;
}

// Noto Serif has every Vietnamese glyph (stacked diacritics included); resolved from node_modules so the built API finds it too.
// Read once: each certificate embeds only the glyphs it uses (pdfkit subsets the font).
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const loadFonts = () =>
  (fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf')),
  });

function vietnameseDate(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3600_000);
  return `ngày ${String(local.getUTCDate()).padStart(2, '0')} tháng ${String(local.getUTCMonth() + 1).padStart(2, '0')} năm ${local.getUTCFullYear()}`;
}

/** A one-page A4 landscape certificate in Vietnamese, with the verification code and a QR code to the public check. */
export async function renderCertificate(c: CertificateContent): Promise<Buffer> {
  const qr = await QRCode.toBuffer(c.verifyUrl, { margin: 1, width: 220 });
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: { Title: `Chứng nhận hoàn thành khóa học - ${c.courseTitle}`, Author: c.issuer, Subject: c.code },
  });
  doc.registerFont('regular', loadFonts().regular);
  doc.registerFont('bold', loadFonts().bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const W = doc.page.width;
  const H = doc.page.height;
  const red = '#9b1c1c';
  doc.rect(24, 24, W - 48, H - 48).lineWidth(3).stroke(red);
  doc.rect(32, 32, W - 64, H - 64).lineWidth(1).stroke(red);

  const center = (text: string, y: number, font: string, size: number, color = '#111') =>
    doc.font(font).fontSize(size).fillColor(color).text(text, 60, y, { width: W - 120, align: 'center' });

  center('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 56, 'bold', 13);
  center('Độc lập - Tự do - Hạnh phúc', 74, 'regular', 12);
  center(c.issuer.toUpperCase(), 104, 'regular', 11, '#444');
  center('GIẤY CHỨNG NHẬN', 140, 'bold', 32, red);
  center('HOÀN THÀNH KHÓA HỌC TRỰC TUYẾN', 184, 'bold', 16, red);
  center('Chứng nhận Ông/Bà', 226, 'regular', 13);
  center(c.personName, 248, 'bold', 26);
  if (c.unitName) center(`Đơn vị: ${c.unitName}`, 288, 'regular', 13);
  center('Đã hoàn thành khóa học', 316, 'regular', 13);
  center(`“${c.courseTitle}”`, 338, 'bold', 17);
  center(`Thời lượng: ${c.estimatedHours.toLocaleString('vi-VN')} giờ · Hoàn thành ${vietnameseDate(c.completedAt)}`, doc.y + 10, 'regular', 12, '#333');

  doc.image(qr, 70, H - 170, { width: 96 });
  doc.font('regular').fontSize(10).fillColor('#333').text(`Mã xác thực: ${c.code}`, 176, H - 150);
  doc.text(`Kiểm tra tại: ${c.verifyUrl}`, 176, H - 134, { width: 380 });
  doc.font('bold').fontSize(12).fillColor('#111').text(`Khánh Hòa, ${vietnameseDate(c.completedAt)}`, W - 360, H - 150, { width: 300, align: 'center' });
  doc.font('regular').fontSize(11).text('Hệ thống bồi dưỡng cải cách hành chính', W - 360, H - 130, { width: 300, align: 'center' });
  doc.end();
  return done;
}
