import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { FileStorage } from './file-storage';

export interface MigrateJournal {
  has(key: string): boolean;
  /** Records a key copied and verified, durably, before the next one starts. */
  add(key: string): Promise<void>;
}

/** A journal in a text file, one verified key a line: a run that stops half-way resumes where it stopped. */
export function fileJournal(file: string): MigrateJournal {
  const done = new Set(existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
  return {
    has: (key) => done.has(key),
    add: async (key) => {
      await appendFile(file, `${key}\n`);
      done.add(key);
    },
  };
}

export interface MigrateResult {
  copied: number;
  /** Already copied and verified by an earlier run. */
  skipped: number;
  bytes: number;
  failed: { key: string; reason: string }[];
}

async function sha256Of(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const piece of stream) {
    hash.update(piece as Buffer);
    size += (piece as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Copies every file of `source` into `target` under the same key (the rows pointing at files need no change), then
 * reads the copy back and compares its SHA-256 with the source's. A verified key goes into the journal, so running
 * again after an interruption skips it; a file whose copy does not match is reported and not journalled.
 */
export async function migrateFiles(source: FileStorage, target: FileStorage, journal: MigrateJournal, log: (m: string) => void = () => {}): Promise<MigrateResult> {
  const result: MigrateResult = { copied: 0, skipped: 0, bytes: 0, failed: [] };
  for await (const key of source.keys()) {
    if (journal.has(key)) {
      result.skipped++;
      continue;
    }
    try {
      const written = await target.putAt(key, await source.open(key));
      const back = await sha256Of(await target.open(key));
      if (back.sha256 !== written.sha256 || back.size !== written.size) throw new Error(`the copy reads back differently (sha256 ${back.sha256.slice(0, 12)}… ≠ ${written.sha256.slice(0, 12)}…)`);
      const original = await source.size(key);
      if (original !== written.size) throw new Error(`the source has ${original} bytes, the copy ${written.size}`);
      await journal.add(key);
      result.copied++;
      result.bytes += written.size;
      if (result.copied % 100 === 0) log(`${result.copied} files copied (${(result.bytes / 1048576).toFixed(1)} MiB)`);
    } catch (e) {
      result.failed.push({ key, reason: (e as Error).message });
      log(`FAILED ${key}: ${(e as Error).message}`);
    }
  }
  return result;
}
