import JSZip from 'jszip';

type PdfParse = (b: Buffer, opts?: { pagerender?: (page: PdfPage) => Promise<string> }) => Promise<{ text: string; numpages: number }>;
interface PdfPage {
  getTextContent(opts: { normalizeWhitespace: boolean }): Promise<{ items: { str: string; transform: number[] }[] }>;
}
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as PdfParse;

/** The text of each page of a PDF, lines joined by "\n" (items on the same baseline joined by a space). */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const pages: string[] = [];
  await pdfParse(pdf, {
    pagerender: async (page) => {
      const { items } = await page.getTextContent({ normalizeWhitespace: true });
      const lines = new Map<number, { x: number; s: string }[]>();
      for (const it of items) {
        const y = Math.round(it.transform[5]);
        lines.set(y, [...(lines.get(y) ?? []), { x: it.transform[4], s: it.str }]);
      }
      const text = [...lines.entries()]
        .sort((a, b) => b[0] - a[0])
        .map(([, parts]) => parts.sort((a, b) => a.x - b.x).map((p) => p.s).join(' '))
        .join('\n');
      pages.push(text);
      return text;
    },
  });
  return pages;
}

/** The paragraphs of a .docx (word/document.xml), one per line, and the headers' text. */
export async function docxText(docx: Buffer): Promise<{ body: string; headers: string }> {
  const zip = await JSZip.loadAsync(docx);
  const read = async (name: string) => {
    const xml = await zip.file(name)!.async('string');
    return xml
      .split(/<\/w:p>/)
      .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => m[1] ?? `{${(m[2] ?? '').trim()}}`).join(''))
      .filter(Boolean)
      .map((s) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"))
      .join('\n');
  };
  const headerFiles = Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f));
  return { body: await read('word/document.xml'), headers: (await Promise.all(headerFiles.map(read))).join('\n') };
}
