import { inflateRawSync } from 'node:zlib';
import { DocumentFormat } from '@cchc/shared';
// pdf-parse's index runs a self-test when loaded without a parent module; the library file does not.
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>;

/** A file whose content says it is a PDF but that cannot be read as one. */
export class UnreadableFileError extends Error {}

/** Text is kept for search and snippets up to this length; the rest of a huge file is still stored and served. */
export const MAX_TEXT_CHARS = 1_000_000;
/** An Office package is a ZIP: never inflate more than this, whatever its headers claim (zip bombs). */
const MAX_INFLATED_BYTES = 40 * 1024 * 1024;

/**
 * The searchable text of a document: PDF through pdf-parse, TXT decoded, DOCX/XLSX/PPTX from their XML parts.
 * Legacy binary Office files (DOC/XLS/PPT) give no text: they are found by their metadata only.
 */
export async function extractText(format: DocumentFormat, content: Buffer): Promise<string | null> {
  switch (format) {
    case DocumentFormat.Pdf: {
      try {
        return clean((await pdfParse(content)).text);
      } catch {
        throw new UnreadableFileError();
      }
    }
    case DocumentFormat.Txt:
      return clean(decodeText(content));
    case DocumentFormat.Docx:
      return officeText(content, (name) => name === 'word/document.xml', 'w:p');
    case DocumentFormat.Pptx:
      return officeText(content, (name) => /^ppt\/slides\/slide\d+\.xml$/.test(name), 'a:p');
    case DocumentFormat.Xlsx:
      return officeText(content, (name) => name === 'xl/sharedStrings.xml', 'si');
    default:
      return null;
  }
}

function clean(text: string): string {
  return text.normalize('NFC').replaceAll('\u0000', '').replace(/[ \t]+\n/g, '\n').slice(0, MAX_TEXT_CHARS);
}

function decodeText(content: Buffer): string {
  if (content[0] === 0xff && content[1] === 0xfe) return new TextDecoder('utf-16le').decode(content.subarray(2));
  if (content[0] === 0xfe && content[1] === 0xff) return new TextDecoder('utf-16be').decode(content.subarray(2));
  return new TextDecoder('utf-8').decode(content).replace(/^\uFEFF/, '');
}

function officeText(content: Buffer, wanted: (name: string) => boolean, paragraphTag: string): string | null {
  try {
    const parts = readZip(content, wanted);
    if (!parts.length) return null;
    const text = parts
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
      .map((p) => xmlToText(p.data.toString('utf8'), paragraphTag))
      .join('\n');
    return clean(text);
  } catch {
    // The content check already accepted the package; a part we cannot read only means no full-text search.
    return null;
  }
}

function xmlToText(xml: string, paragraphTag: string): string {
  return xml
    .replace(new RegExp(`</${paragraphTag}>`, 'g'), '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** Reads the named entries of a ZIP file through its central directory (stored or deflated entries). */
function readZip(zip: Buffer, wanted: (name: string) => boolean): { name: string; data: Buffer }[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out: { name: string; data: Buffer }[] = [];
  let inflated = 0;
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (!wanted(name)) continue;
    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error('bad local header');
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    const data = method === 0 ? raw : method === 8 ? inflateRawSync(raw, { maxOutputLength: MAX_INFLATED_BYTES - inflated }) : null;
    if (!data) continue;
    inflated += data.length;
    out.push({ name, data });
  }
  return out;
}
