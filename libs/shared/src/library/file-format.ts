/**
 * What the library accepts, decided by the file's content (magic bytes) and not only its name: an .exe renamed
 * .pdf is refused. Old Office files share one container (OLE2), new ones are ZIP packages whose part names tell
 * Word, Excel and PowerPoint apart.
 */
export enum DocumentFormat {
  Pdf = 'pdf',
  Doc = 'doc',
  Docx = 'docx',
  Xls = 'xls',
  Xlsx = 'xlsx',
  Ppt = 'ppt',
  Pptx = 'pptx',
  Txt = 'txt',
}

export const DOCUMENT_FORMAT_INFO: Record<DocumentFormat, { contentType: string; label: string }> = {
  [DocumentFormat.Pdf]: { contentType: 'application/pdf', label: 'PDF' },
  [DocumentFormat.Doc]: { contentType: 'application/msword', label: 'Word' },
  [DocumentFormat.Docx]: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word' },
  [DocumentFormat.Xls]: { contentType: 'application/vnd.ms-excel', label: 'Excel' },
  [DocumentFormat.Xlsx]: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel' },
  [DocumentFormat.Ppt]: { contentType: 'application/vnd.ms-powerpoint', label: 'PowerPoint' },
  [DocumentFormat.Pptx]: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint' },
  [DocumentFormat.Txt]: { contentType: 'text/plain; charset=utf-8', label: 'TXT' },
};

/** For the file picker's `accept` and for messages. */
export const ACCEPTED_DOCUMENT_EXTENSIONS = Object.values(DocumentFormat).map((f) => `.${f}`);

export type FormatCheck = { ok: true; format: DocumentFormat } | { ok: false; reason: 'extension' | 'content' | 'empty' };

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OOXML_PART: Partial<Record<DocumentFormat, string>> = {
  [DocumentFormat.Docx]: 'word/',
  [DocumentFormat.Xlsx]: 'xl/',
  [DocumentFormat.Pptx]: 'ppt/',
};

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  const needle = Array.from(text, (c) => c.charCodeAt(0));
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Plain text: valid UTF-8 (with or without BOM), or UTF-16 with a BOM, and no NUL bytes in UTF-8. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true;
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * The format of an uploaded file: its extension must be one we accept, and its content must be that kind of file.
 * `content` is the whole file (ZIP packages name their parts throughout the file; text must decode as a whole).
 */
export function detectDocumentFormat(fileName: string, content: Uint8Array): FormatCheck {
  const ext = extensionOf(fileName);
  if (!(Object.values(DocumentFormat) as string[]).includes(ext)) return { ok: false, reason: 'extension' };
  if (content.length === 0) return { ok: false, reason: 'empty' };
  const format = ext as DocumentFormat;
  let matches: boolean;
  switch (format) {
    case DocumentFormat.Pdf:
      // Some producers put a few bytes before the header; readers accept it within the first kilobyte.
      matches = startsWith(content, PDF) || containsAscii(content.subarray(0, 1024), '%PDF-');
      break;
    case DocumentFormat.Doc:
    case DocumentFormat.Xls:
    case DocumentFormat.Ppt:
      matches = startsWith(content, OLE2);
      break;
    case DocumentFormat.Docx:
    case DocumentFormat.Xlsx:
    case DocumentFormat.Pptx:
      matches = startsWith(content, ZIP) && containsAscii(content, '[Content_Types].xml') && containsAscii(content, OOXML_PART[format]!);
      break;
    case DocumentFormat.Txt:
      matches = looksLikeText(content);
      break;
  }
  return matches ? { ok: true, format } : { ok: false, reason: 'content' };
}
