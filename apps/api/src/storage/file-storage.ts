import { Global, Injectable, Module } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { loadConfig } from '@api/config';

export interface StoredFile {
  /** Opaque key to keep in the database; never a path a user chose. */
  key: string;
  size: number;
  sha256: string;
}

/**
 * Where uploaded files live. Local disk by default (FILES_DIR); an S3-compatible store implements the same four
 * methods later, so several API instances can share files.
 */
export abstract class FileStorage {
  abstract put(content: Buffer, hint?: string): Promise<StoredFile>;
  /** The whole file, or the inclusive byte range (video players seek with HTTP Range requests). */
  abstract open(key: string, range?: { start: number; end: number }): Promise<Readable>;
  abstract size(key: string): Promise<number | null>;
  abstract remove(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}(\.[a-z0-9]{1,8})?$/;

@Injectable()
export class LocalDiskStorage extends FileStorage {
  constructor(private readonly root: string) {
    super();
  }

  private file(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key ${key}`);
    return path.join(this.root, key);
  }

  async put(content: Buffer, hint?: string): Promise<StoredFile> {
    const ext = hint ? path.extname(hint).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 9) : '';
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}${/^\.[a-z0-9]{1,8}$/.test(ext) ? ext : ''}`;
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Write then rename: a reader never sees half a file, a crash leaves only a stray temp file.
    const temp = `${target}.part`;
    await writeFile(temp, content);
    await rename(temp, target);
    return { key, size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
  }

  async open(key: string, range?: { start: number; end: number }): Promise<Readable> {
    return createReadStream(this.file(key), range);
  }

  async size(key: string): Promise<number | null> {
    const file = this.file(key);
    return existsSync(file) ? (await stat(file)).size : null;
  }

  async remove(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}

/** FILES_DIR, or `files` inside DATA_DIR. The demo seed writes its documents here too. */
export function fileStorageRoot(): string {
  return process.env.FILES_DIR ? path.resolve(process.env.FILES_DIR) : path.join(loadConfig().dataDir, 'files');
}

@Global()
@Module({
  providers: [{ provide: FileStorage, useFactory: () => new LocalDiskStorage(fileStorageRoot()) }],
  exports: [FileStorage],
})
export class StorageModule {}
