import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredFile {
  /** Opaque key to keep in the database; never a path a user chose. */
  key: string;
  size: number;
  sha256: string;
}

export type FileStoreKind = 'local' | 'postgres' | 's3';

/** An inclusive byte range (video players seek with HTTP Range requests). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where uploaded files live: the node's disk (one machine), PostgreSQL or an S3-compatible object store (several
 * nodes). Every store keeps the same keys, so `files:migrate` copies files between stores without touching the rows
 * that point at them. A write is all or nothing: a stream that fails half-way leaves no file behind.
 */
export abstract class FileStorage {
  abstract readonly kind: FileStoreKind;

  /** Stores new content under a fresh key (the hint's extension is kept). */
  put(content: Buffer | Readable, hint?: string): Promise<StoredFile> {
    return this.putAt(newFileKey(hint), content);
  }

  /** Stores content under a given key (replacing what is there); `files:migrate` keeps keys this way. */
  abstract putAt(key: string, content: Buffer | Readable): Promise<StoredFile>;
  /** The whole file, or the inclusive byte range. */
  abstract open(key: string, range?: ByteRange): Promise<Readable>;
  abstract size(key: string): Promise<number | null>;
  abstract remove(key: string): Promise<void>;
  /** Every key in the store, in no particular order. */
  abstract keys(): AsyncIterable<string>;
  /** Throws, naming the setting, when the store cannot be used (checked once at start). */
  async check(): Promise<void> {}
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}(\.[a-z0-9]{1,8})?$/;

export function assertFileKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid storage key ${key}`);
  return key;
}

export function newFileKey(hint?: string): string {
  const ext = hint ? path.extname(hint).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 9) : '';
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}${/^\.[a-z0-9]{1,8}$/.test(ext) ? ext : ''}`;
}

/** Yields the content in pieces of at most `size` bytes, whatever the source's own piece sizes are. */
export async function* rechunk(content: Buffer | Readable, size: number): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(content)) {
    for (let at = 0; at < content.length; at += size) yield content.subarray(at, at + size);
    return;
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of content) {
    let buf = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as string);
    while (pendingBytes + buf.length >= size) {
      const take = size - pendingBytes;
      pending.push(buf.subarray(0, take));
      yield Buffer.concat(pending);
      buf = buf.subarray(take);
      pending = [];
      pendingBytes = 0;
    }
    if (buf.length) {
      pending.push(buf);
      pendingBytes += buf.length;
    }
  }
  if (pendingBytes) yield Buffer.concat(pending);
}

export class LocalDiskStorage extends FileStorage {
  readonly kind = 'local' as const;

  constructor(private readonly root: string) {
    super();
  }

  private file(key: string): string {
    return path.join(this.root, assertFileKey(key));
  }

  async putAt(key: string, content: Buffer | Readable): Promise<StoredFile> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Write then rename: a reader never sees half a file, and a failed write removes its temp file.
    const temp = `${target}.${randomUUID().slice(0, 8)}.part`;
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        Buffer.isBuffer(content) ? Readable.from([content]) : content,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const piece of source) {
            hash.update(piece);
            size += piece.length;
            yield piece;
          }
        },
        createWriteStream(temp),
      );
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    return { key, size, sha256: hash.digest('hex') };
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    return createReadStream(this.file(key), range);
  }

  async size(key: string): Promise<number | null> {
    const file = this.file(key);
    return existsSync(file) ? (await stat(file)).size : null;
  }

  async remove(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async *keys(): AsyncIterable<string> {
    if (!existsSync(this.root)) return;
    for (const dir of await readdir(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of await readdir(path.join(this.root, dir))) {
        const key = `${dir}/${name}`;
        if (KEY.test(key)) yield key;
      }
    }
  }

  override async check(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
    } catch (e) {
      throw new Error(`FILES_DIR: cannot create the file folder ${this.root}: ${(e as Error).message}`);
    }
  }
}
