import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { assertFileKey, ByteRange, FileStorage, rechunk, StoredFile } from './file-storage';

const CHUNK = 256 * 1024;
/** Chunks fetched per round trip while streaming: 2 MiB in memory at most per open file. */
const BATCH = 8;

/**
 * Files in the application's own PostgreSQL (tables stored_file and stored_file_chunk): nothing else to run, backed
 * up and replicated with the rest of the data, served by every node. Suits documents and lesson videos of a province;
 * a national deployment with many large videos is better served by an object store (FILE_STORE=s3).
 */
export class PostgresFileStorage extends FileStorage {
  readonly kind = 'postgres' as const;

  constructor(private readonly db: DataSource) {
    super();
  }

  async putAt(key: string, content: Buffer | Readable): Promise<StoredFile> {
    assertFileKey(key);
    const hash = createHash('sha256');
    let size = 0;
    let sha256 = '';
    // One transaction: a stream that fails half-way rolls back every chunk written so far.
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM stored_file WHERE key = $1', [key]);
      await tx.query('INSERT INTO stored_file (key, size, sha256, chunk_size) VALUES ($1, 0, $2, $3)', [key, '', CHUNK]);
      let seq = 0;
      for await (const chunk of rechunk(content, CHUNK)) {
        hash.update(chunk);
        size += chunk.length;
        await tx.query('INSERT INTO stored_file_chunk (key, seq, data) VALUES ($1, $2, $3)', [key, seq++, chunk]);
      }
      sha256 = hash.digest('hex');
      await tx.query('UPDATE stored_file SET size = $2, sha256 = $3 WHERE key = $1', [key, size, sha256]);
    });
    return { key, size, sha256 };
  }

  private async head(key: string): Promise<{ size: number; sha256: string; chunkSize: number } | null> {
    const rows: { size: string; sha256: string; chunk_size: number }[] = await this.db.query(
      'SELECT size, sha256, chunk_size FROM stored_file WHERE key = $1',
      [assertFileKey(key)],
    );
    return rows[0] ? { size: Number(rows[0].size), sha256: rows[0].sha256, chunkSize: rows[0].chunk_size } : null;
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    const head = await this.head(key);
    if (!head) throw Object.assign(new Error(`no stored file ${key}`), { code: 'ENOENT' });
    const start = Math.max(0, range?.start ?? 0);
    const end = Math.min(head.size - 1, range?.end ?? head.size - 1);
    const db = this.db;
    const cs = head.chunkSize;
    async function* chunks(): AsyncGenerator<Buffer> {
      if (end < start) return;
      const last = Math.floor(end / cs);
      for (let from = Math.floor(start / cs); from <= last; from += BATCH) {
        const to = Math.min(last, from + BATCH - 1);
        const rows: { seq: number; data: Buffer }[] = await db.query(
          'SELECT seq, data FROM stored_file_chunk WHERE key = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq',
          [key, from, to],
        );
        if (rows.length !== to - from + 1) throw new Error(`stored file ${key} is missing chunks ${from}–${to}`);
        for (const { seq, data } of rows) {
          const offset = seq * cs;
          yield data.subarray(Math.max(0, start - offset), Math.min(data.length, end - offset + 1));
        }
      }
    }
    return Readable.from(chunks());
  }

  async size(key: string): Promise<number | null> {
    return (await this.head(key))?.size ?? null;
  }

  async remove(key: string): Promise<void> {
    await this.db.query('DELETE FROM stored_file WHERE key = $1', [assertFileKey(key)]);
  }

  async *keys(): AsyncIterable<string> {
    let after = '';
    for (;;) {
      const rows: { key: string }[] = await this.db.query('SELECT key FROM stored_file WHERE key > $1 ORDER BY key LIMIT 1000', [after]);
      for (const r of rows) yield r.key;
      if (rows.length < 1000) return;
      after = rows[rows.length - 1].key;
    }
  }

  override async check(): Promise<void> {
    try {
      await this.db.query('SELECT 1 FROM stored_file LIMIT 1');
    } catch (e) {
      throw new Error(`FILE_STORE=postgres: the stored_file table is not usable (${(e as Error).message})`);
    }
  }
}
