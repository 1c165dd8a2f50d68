import { LessonKind } from './course';

/** What an author may upload for a lesson: checked by extension and by the file's first bytes. */
interface FileRule {
  extensions: Record<string, { mime: string; signature: (head: Uint8Array) => boolean }>;
  maxBytes: number;
}

const startsWith = (head: Uint8Array, bytes: number[], offset = 0) => bytes.every((b, i) => head[offset + i] === b);
const isZip = (h: Uint8Array) => startsWith(h, [0x50, 0x4b, 0x03, 0x04]);
const isOle = (h: Uint8Array) => startsWith(h, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const isPdf = (h: Uint8Array) => startsWith(h, [0x25, 0x50, 0x44, 0x46]); // %PDF
const isMp4 = (h: Uint8Array) => startsWith(h, [0x66, 0x74, 0x79, 0x70], 4); // ....ftyp
const isWebm = (h: Uint8Array) => startsWith(h, [0x1a, 0x45, 0xdf, 0xa3]);

export const MB = 1024 * 1024;

export const LESSON_FILE_RULES: Partial<Record<LessonKind, FileRule>> = {
  [LessonKind.Video]: {
    maxBytes: 50 * MB,
    extensions: {
      '.mp4': { mime: 'video/mp4', signature: isMp4 },
      '.m4v': { mime: 'video/mp4', signature: isMp4 },
      '.webm': { mime: 'video/webm', signature: isWebm },
    },
  },
  [LessonKind.Document]: {
    maxBytes: 20 * MB,
    extensions: {
      '.pdf': { mime: 'application/pdf', signature: isPdf },
      '.docx': { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', signature: isZip },
      '.xlsx': { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', signature: isZip },
      '.pptx': { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', signature: isZip },
      '.doc': { mime: 'application/msword', signature: isOle },
      '.xls': { mime: 'application/vnd.ms-excel', signature: isOle },
      '.ppt': { mime: 'application/vnd.ms-powerpoint', signature: isOle },
    },
  },
};

export type LessonFileCheck =
  | { ok: true; mime: string; extension: string }
  | { ok: false; code: 'LESSON_FILE_NOT_ALLOWED' | 'LESSON_FILE_TYPE' | 'LESSON_FILE_TOO_LARGE' | 'LESSON_FILE_EMPTY' | 'LESSON_FILE_CONTENT'; message: string };

export function allowedExtensions(kind: LessonKind): string[] {
  return Object.keys(LESSON_FILE_RULES[kind]?.extensions ?? {});
}

/** Decides whether a file may become the content of a lesson of this kind. */
export function checkLessonFile(kind: LessonKind, fileName: string, size: number, head: Uint8Array): LessonFileCheck {
  const rule = LESSON_FILE_RULES[kind];
  if (!rule) return { ok: false, code: 'LESSON_FILE_NOT_ALLOWED', message: 'Chỉ bài học dạng video hoặc tài liệu mới có tệp đính kèm.' };
  const dot = fileName.lastIndexOf('.');
  const extension = dot >= 0 ? fileName.slice(dot).toLowerCase() : '';
  const allowed = Object.keys(rule.extensions);
  const entry = rule.extensions[extension];
  if (!entry) return { ok: false, code: 'LESSON_FILE_TYPE', message: `Loại tệp không được chấp nhận. Chỉ nhận: ${allowed.join(', ')}.` };
  if (size === 0) return { ok: false, code: 'LESSON_FILE_EMPTY', message: 'Tệp rỗng.' };
  if (size > rule.maxBytes) return { ok: false, code: 'LESSON_FILE_TOO_LARGE', message: `Tệp quá lớn (tối đa ${rule.maxBytes / MB} MB).` };
  if (!entry.signature(head)) return { ok: false, code: 'LESSON_FILE_CONTENT', message: `Nội dung tệp không phải là tệp ${extension} hợp lệ.` };
  return { ok: true, mime: entry.mime, extension };
}
