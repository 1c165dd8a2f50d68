import { createHash, randomUUID } from 'node:crypto';
import { QUESTION_IMAGE_PATH, isQuestionImageSrc } from './question-html';

export type QuestionImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** One image at most 2 MB (a phone photo of a form, scaled); a whole import at most 20 MB of images. */
export const MAX_QUESTION_IMAGE_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_IMAGE_BYTES = 20 * 1024 * 1024;

export const IMAGE_EXTENSIONS: Record<QuestionImageMime, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** The type by the content's first bytes (never by a name or a declared type): PNG, JPEG, GIF or WebP, else null. */
export function sniffImage(b: Buffer): QuestionImageMime | null {
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

export interface ExtractedImage {
  id: string;
  bytes: Buffer;
  mime: QuestionImageMime;
  sha256: string;
}

/**
 * The images a question's texts embed, for one import: the same bytes twice become one image. `budget` counts the
 * bytes of the whole import.
 */
export class ImageCollector {
  readonly images: ExtractedImage[] = [];
  private readonly bySha = new Map<string, ExtractedImage>();
  private total = 0;

  constructor(private readonly newId: () => string = randomUUID) {}

  add(bytes: Buffer, mime: QuestionImageMime): ExtractedImage | 'over-budget' {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const known = this.bySha.get(sha256);
    if (known) return known;
    if (this.total + bytes.length > MAX_IMPORT_IMAGE_BYTES) return 'over-budget';
    this.total += bytes.length;
    const image = { id: this.newId(), bytes, mime, sha256 };
    this.images.push(image);
    this.bySha.set(sha256, image);
    return image;
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const IMG_TAG = /<img\b[^>]*>/gi;
const SRC_ATTR = /(\ssrc\s*=\s*)("([^"]*)"|'([^']*)'|([^\s>]+))/i;
const kb = (n: number) => `${Math.ceil(n / 1024).toLocaleString('vi-VN')} KB`;

/**
 * Replaces every embedded image of a piece of question HTML (`data:` URLs; Moodle XML files were made `data:` URLs by
 * the reader) by the file URL it will be stored under. A problem, in Vietnamese, for each image that cannot be kept:
 * not base64, not PNG/JPEG/GIF/WebP by its bytes, too large, a Moodle file the export does not carry, or an image
 * from another site (it would not be stored: the question would lose it). Our own image URLs stay as they are when
 * `usable` says the importing bank's learners can see them (else a problem: another province's image would not load).
 */
export function extractImages(html: string, collector: ImageCollector, usable: (id: string) => boolean = () => true): { html: string; problems: string[] } {
  const problems: string[] = [];
  let n = 0;
  const out = html.replace(IMG_TAG, (tag) => {
    n++;
    const m = SRC_ATTR.exec(tag);
    const src = (m ? (m[3] ?? m[4] ?? m[5] ?? '') : '').trim();
    const at = `hình thứ ${n}`;
    if (!m || !src) {
      problems.push(`${at} không có nguồn (src).`);
      return tag;
    }
    if (isQuestionImageSrc(src)) {
      if (!usable(src.slice(QUESTION_IMAGE_PATH.length)))
        problems.push(`${at} (${src}) là hình của ngân hàng câu hỏi khác (hoặc không còn): người học ở đây không xem được. Hãy xuất lại tệp GIFT từ ngân hàng gốc (tệp xuất mới kèm hình trong tệp) rồi nhập lại.`);
      return tag;
    }
    if (src.startsWith('@@PLUGINFILE@@')) {
      problems.push(`${at} ("${decodeSafe(src.replace('@@PLUGINFILE@@/', ''))}") không có trong tệp XML (thiếu thẻ <file> đi kèm). Hãy xuất lại câu hỏi từ Moodle.`);
      return tag;
    }
    const data = /^data:([^;,]*)((?:;[^;,]*)*),([\s\S]*)$/i.exec(src);
    if (!data) {
      problems.push(`${at} lấy từ địa chỉ bên ngoài (${src.slice(0, 80)}); hệ thống chỉ giữ hình nhúng trong tệp. Hãy nhúng hình vào câu hỏi rồi xuất lại.`);
      return tag;
    }
    if (!/;base64$/i.test(data[2])) {
      problems.push(`${at} không được mã hoá base64.`);
      return tag;
    }
    const encoded = data[3].replace(/\s+/g, '');
    if (!encoded || !BASE64.test(encoded) || encoded.length % 4 === 1) {
      problems.push(`${at} có dữ liệu base64 hỏng.`);
      return tag;
    }
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.length > MAX_QUESTION_IMAGE_BYTES) {
      problems.push(`${at} quá lớn (${kb(bytes.length)}; tối đa ${kb(MAX_QUESTION_IMAGE_BYTES)}). Hãy thu nhỏ hình.`);
      return tag;
    }
    const mime = sniffImage(bytes);
    if (!mime) {
      problems.push(`${at} không phải ảnh PNG, JPEG, GIF hoặc WebP (hoặc tệp ảnh bị hỏng).`);
      return tag;
    }
    const image = collector.add(bytes, mime);
    if (image === 'over-budget') {
      problems.push(`${at}: tổng dung lượng hình của tệp vượt ${kb(MAX_IMPORT_IMAGE_BYTES)}; hãy chia thành nhiều tệp.`);
      return tag;
    }
    return tag.replace(SRC_ATTR, (_, lead: string) => `${lead}"${QUESTION_IMAGE_PATH}${image.id}"`);
  });
  return { html: out, problems };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
