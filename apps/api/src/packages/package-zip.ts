import iconv from 'iconv-lite';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { PackageProblem } from './manifest';

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the entries' uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Uncompressed / compressed, for the archive and for any entry over 1 MB. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxUncompressedBytes: 1024 * 1024 * 1024, maxRatio: 100 };

/** Encodings tried, in order, for names stored without the zip's UTF-8 flag that are not valid UTF-8. */
export type LegacyNameEncoding = 'cp1258' | 'cp437';
export const LEGACY_NAME_ENCODINGS: readonly LegacyNameEncoding[] = ['cp1258', 'cp437'];

interface RawEntry {
  entry: yauzl.Entry;
  rawName: Buffer;
  utf8: string | null;
}

export interface PackageEntry {
  path: string;
  size: number;
  raw: RawEntry;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A file path from the archive, made safe to use as a key: forward slashes, Unicode NFC. Refuses what could point
 * outside the package (absolute paths, drive letters, `..`) and names that cannot be a file.
 */
export function safeEntryPath(name: string): string {
  const path = name.replace(/\\/g, '/').normalize('NFC');
  if (path.includes('\0')) throw unsafe(name, 'có ký tự không hợp lệ');
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) throw unsafe(name, 'là đường dẫn tuyệt đối');
  const segments = path.split('/');
  if (segments.some((s) => s === '..')) throw unsafe(name, 'trỏ ra ngoài thư mục gói');
  return segments.filter((s) => s !== '' && s !== '.').join('/');
}

const unsafe = (name: string, why: string) => new PackageProblem('PACKAGE_UNSAFE', `Tệp "${name.slice(0, 200)}" trong gói ${why}; gói bị từ chối.`);

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const MB = 1024 * 1024;

/**
 * A package archive opened for checking and extraction. Opening reads only the central directory and checks it
 * against the limits (entry count, total size, compression ratio: zip bombs), refuses symbolic links and unsafe paths;
 * nothing is decompressed until an entry is read, and yauzl checks every entry's real size against its header.
 */
export class PackageZip {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly rawEntries: RawEntry[],
  ) {}

  static async open(buffer: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<PackageZip> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
        err || !z ? reject(new PackageProblem('PACKAGE_NOT_PACKAGE', 'Tệp tải lên không phải tệp nén .zip hợp lệ.')) : resolve(z),
      ),
    );
    try {
      if (zip.entryCount > limits.maxEntries) {
        throw new PackageProblem('PACKAGE_TOO_LARGE', `Gói có ${zip.entryCount.toLocaleString('vi-VN')} tệp, vượt giới hạn ${limits.maxEntries.toLocaleString('vi-VN')} tệp.`);
      }
      const rawEntries: RawEntry[] = [];
      let total = 0;
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (entry: yauzl.Entry) => {
          try {
            const rawName = entry.fileName as unknown as Buffer;
            const flagged = (entry.generalPurposeBitFlag & 0x800) !== 0;
            const utf8 = flagged ? rawName.toString('utf8') : decodeUtf8(rawName);
            const display = utf8 ?? rawName.toString('latin1');
            if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) throw unsafe(display, 'là liên kết tượng trưng (symlink)');
            if (!display.endsWith('/')) {
              total += entry.uncompressedSize;
              if (total > limits.maxUncompressedBytes) {
                throw new PackageProblem('PACKAGE_TOO_LARGE', `Nội dung gói sau khi giải nén vượt ${Math.round(limits.maxUncompressedBytes / MB)} MB.`);
              }
              if (entry.uncompressedSize > MB && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)) {
                throw new PackageProblem('PACKAGE_TOO_LARGE', `Tệp "${display.slice(0, 200)}" có tỷ lệ nén bất thường (nghi là "bom zip"); gói bị từ chối.`);
              }
              rawEntries.push({ entry, rawName, utf8 });
            }
            zip.readEntry();
          } catch (e) {
            reject(e);
          }
        });
        zip.on('end', () => resolve());
        zip.on('error', () => reject(new PackageProblem('PACKAGE_NOT_PACKAGE', 'Tệp .zip bị hỏng hoặc không đọc được.')));
        zip.readEntry();
      });
      if (total > MB && total > limits.maxRatio * buffer.length) {
        throw new PackageProblem('PACKAGE_TOO_LARGE', 'Gói có tỷ lệ nén bất thường (nghi là "bom zip"); gói bị từ chối.');
      }
      return new PackageZip(zip, rawEntries);
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  /** Whether some names are neither flagged UTF-8 nor valid UTF-8 (old Windows zip tools): their encoding is a guess. */
  get hasLegacyNames(): boolean {
    return this.rawEntries.some((r) => r.utf8 === null);
  }

  /** The files by safe path, legacy names decoded with `legacy`. Refuses unsafe or duplicate paths. */
  entries(legacy: LegacyNameEncoding = 'cp1258'): Map<string, PackageEntry> {
    const out = new Map<string, PackageEntry>();
    for (const raw of this.rawEntries) {
      const name = raw.utf8 ?? iconv.decode(raw.rawName, legacy);
      const path = safeEntryPath(name);
      if (!path) continue;
      if (out.has(path)) throw new PackageProblem('PACKAGE_UNSAFE', `Gói có hai tệp cùng tên "${path.slice(0, 200)}".`);
      out.set(path, { path, size: raw.entry.uncompressedSize, raw });
    }
    return out;
  }

  stream(entry: PackageEntry): Promise<Readable> {
    return new Promise((resolve, reject) =>
      this.zip.openReadStream(entry.raw.entry, (err, stream) =>
        err || !stream ? reject(new PackageProblem('PACKAGE_NOT_PACKAGE', `Không đọc được tệp "${entry.path}" trong gói (tệp .zip bị hỏng).`)) : resolve(stream),
      ),
    );
  }

  async read(entry: PackageEntry): Promise<Buffer> {
    const stream = await this.stream(entry);
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of stream) chunks.push(chunk as Buffer);
    } catch {
      throw new PackageProblem('PACKAGE_NOT_PACKAGE', `Không đọc được tệp "${entry.path}" trong gói (tệp .zip bị hỏng).`);
    }
    return Buffer.concat(chunks);
  }

  close(): void {
    this.zip.close();
  }
}
