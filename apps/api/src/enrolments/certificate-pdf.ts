import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatDateVi, formatNumberVi, type CertificateSettingsDto } from '@cchc/shared';
import { drawLetterhead, registerNd30Fonts } from '@api/common/documents';

export interface CertificateContent {
  code: string;
  personName: string;
  unitName: string | null;
  courseTitle: string;
  estimatedHours: number;
  completedAt: Date;
  verifyUrl: string;
  issuer: CertificateSettingsDto;
}

/** "Khánh Hòa, ngày 05 tháng 12 năm 2026" (the day in Vietnam). */
function placeDate(place: string, d: Date): string {
  const [dd, mm, yyyy] = formatDateVi(d).split('/');
  return `${place ? `${place}, ` : ''}ngày ${dd} tháng ${mm} năm ${yyyy}`;
}

/**
 * A one-page A4 landscape certificate in the administrative layout of NĐ 30/2020: issuing body and its parent
 * top-left with the certificate's number, Quốc hiệu and the underlined tiêu ngữ top-right with the italic place and
 * date, then the certificate, and the signer block (chức vụ, space for signature and seal, full name) bottom-right.
 * The verification code and a QR code to the public check stay bottom-left.
 */
export async function renderCertificate(c: CertificateContent): Promise<Buffer> {
  const qr = await QRCode.toBuffer(c.verifyUrl, { margin: 1, width: 220 });
  const s = c.issuer;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: { Title: `Giấy chứng nhận hoàn thành khóa học - ${c.courseTitle}`, Author: s.issuerName, Subject: c.code },
  });
  registerNd30Fonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const W = doc.page.width;
  const H = doc.page.height;
  const red = '#9b1c1c';
  doc.rect(22, 22, W - 44, H - 44).lineWidth(3).stroke(red);
  doc.rect(30, 30, W - 60, H - 60).lineWidth(0.8).stroke(red);

  const left = 62;
  const width = W - 124;
  doc.fillColor('#000');
  const number = `${c.code}${s.numberSuffix ? `/${s.numberSuffix}` : ''}`;
  const below = drawLetterhead(doc, { parent: s.issuerParent, name: s.issuerName, number, placeDate: placeDate(s.place, c.completedAt) }, left, 48, width);

  const center = (text: string, y: number, font: string, size: number, color = '#111') =>
    doc.font(font).fontSize(size).fillColor(color).text(text, left + 20, y, { width: width - 40, align: 'center' });

  center('GIẤY CHỨNG NHẬN', below + 22, 'B', 30, red);
  center('HOÀN THÀNH KHÓA BỒI DƯỠNG TRỰC TUYẾN', doc.y + 2, 'B', 15, red);
  center(`${s.issuerName.toUpperCase()} CHỨNG NHẬN`, doc.y + 12, 'R', 12);
  center(`Ông/Bà: ${c.personName}`, doc.y + 6, 'B', 22);
  if (c.unitName) center(`Đơn vị công tác: ${c.unitName}`, doc.y + 4, 'R', 13);
  center('Đã hoàn thành khóa bồi dưỡng', doc.y + 8, 'R', 13);
  center(`“${c.courseTitle}”`, doc.y + 2, 'B', 16);
  center(`Thời lượng: ${formatNumberVi(c.estimatedHours, 1)} giờ · Hoàn thành ngày ${formatDateVi(c.completedAt)}`, doc.y + 6, 'I', 12, '#222');

  // Bottom-left: QR code and verification code; bottom-right: the signer block.
  const bottom = H - 56;
  const qrSize = 86;
  doc.image(qr, left + 6, bottom - qrSize, { width: qrSize });
  const signW = 300;
  const signX = left + width - signW;
  // The address on a line of its own, as wide as the space left of the signer block: never cut inside the code.
  const textX = left + qrSize + 16;
  const textW = signX - textX - 12;
  doc.font('R').fontSize(10).fillColor('#222').text(`Mã xác thực: ${c.code}`, textX, bottom - qrSize + 16, { width: textW });
  doc.text('Kiểm tra tại:', textX, doc.y + 2, { width: textW });
  doc.text(c.verifyUrl, textX, doc.y, { width: textW });
  let y = bottom - 150;
  doc.fillColor('#000');
  if (s.signerAuthority) {
    doc.font('B').fontSize(13).text(s.signerAuthority, signX, y, { width: signW, align: 'center' });
    y = doc.y;
  }
  doc.font('B').fontSize(13).text(s.signerTitle, signX, y, { width: signW, align: 'center' });
  doc.font('I').fontSize(11).text('(Ký, ghi rõ họ tên và đóng dấu)', signX, doc.y, { width: signW, align: 'center' });
  doc.font('B').fontSize(13).text(s.signerName || '……………………………', signX, bottom - 18, { width: signW, align: 'center' });
  doc.end();
  return done;
}
