import path from 'node:path';
import PDFDocument from 'pdfkit';
import { workspaceRoot } from '@api/config';

const FONT_DIR = () => path.join(workspaceRoot(), 'node_modules/@expo-google-fonts/noto-serif');
/** Noto Serif has every Vietnamese glyph, so the text survives extraction (pdf-parse) and search. */
export const PDF_FONTS = {
  regular: () => path.join(FONT_DIR(), '400Regular/NotoSerif_400Regular.ttf'),
  bold: () => path.join(FONT_DIR(), '700Bold/NotoSerif_700Bold.ttf'),
};

/** A plain A4 PDF of a text document: a bold heading, then the text paragraph by paragraph. */
export function renderTextPdf(heading: string, text: string, meta: { title?: string; author?: string } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 64, right: 56 }, info: { Title: meta.title ?? heading, Author: meta.author ?? '' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('regular', PDF_FONTS.regular());
    doc.registerFont('bold', PDF_FONTS.bold());
    doc.font('bold').fontSize(13).text(heading, { align: 'center' });
    doc.moveDown();
    doc.font('regular').fontSize(11);
    for (const paragraph of text.split(/\n{1,}/)) {
      const line = paragraph.replace(/\s+/g, ' ').trim();
      if (line && line !== '|') doc.text(line, { align: 'justify', paragraphGap: 4 });
    }
    doc.end();
  });
}
