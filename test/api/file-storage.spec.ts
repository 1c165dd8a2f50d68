import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { DataSource } from 'typeorm';
import { loadConfig } from '@api/config';
import { dataSourceOptions } from '@api/database';
import { createFileStorage, fileJournal, FileStorage, LocalDiskStorage, migrateFiles, PostgresFileStorage, S3FileStorage } from '@api/storage';
import { startLocalS3, LocalS3 } from '../support/s3-server';
import { createTestDatabase } from '../support/test-db';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const read = async (s: Readable) => Buffer.concat(await s.toArray());

/** A stream that yields `good` bytes in small pieces, then fails as a dropped connection would. */
function cutOff(good: Buffer): Readable {
  return Readable.from(
    (async function* () {
      for (let at = 0; at < good.length; at += 100_000) yield good.subarray(at, at + 100_000);
      throw new Error('connection reset');
    })(),
  );
}

async function collect(keys: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const k of keys) all.push(k);
  return all.sort();
}

describe('FileStorage: the same contract on local disk, PostgreSQL and an S3-protocol store', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: DataSource;
  let s3: LocalS3;
  let dir: string;
  const stores: Record<string, FileStorage> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource({ ...dataSourceOptions(database.url), extra: { max: 4 } });
    await db.initialize();
    s3 = await startLocalS3();
    dir = await mkdtemp(path.join(os.tmpdir(), 'files-'));
    stores.local = new LocalDiskStorage(dir);
    stores.postgres = new PostgresFileStorage(db);
    stores.s3 = createFileStorage(loadConfig({ ...s3.env }).fileStore, db);
  });
  afterAll(async () => {
    (stores.s3 as S3FileStorage).destroy();
    await s3.stop();
    await db.destroy();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  describe.each(['local', 'postgres', 's3'])('%s', (kind) => {
    const store = () => stores[kind];

    it('is usable as configured', async () => {
      await expect(store().check()).resolves.toBeUndefined();
      expect(store().kind).toBe(kind);
    });

    it('stores a file under a fresh key and gives it back whole, with its size and checksum', async () => {
      const content = Buffer.from('Nghị quyết số 76/NQ-CP về cải cách hành chính');
      const stored = await store().put(content, 'nghi-quyet.PDF');
      expect(stored.key).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}\.pdf$/);
      expect(stored).toMatchObject({ size: content.length, sha256: sha(content) });
      expect(await store().size(stored.key)).toBe(content.length);
      expect(await text(await store().open(stored.key))).toBe(content.toString());
    });

    it('streams a large file in and answers byte ranges across chunk and part boundaries (video seeking)', async () => {
      const content = randomBytes(9 * 1024 * 1024 + 12_345); // more than one S3 part and many PostgreSQL chunks
      const stored = await store().put(Readable.from((function* () {
        for (let at = 0; at < content.length; at += 65_536) yield content.subarray(at, at + 65_536);
      })()), 'bai-giang.mp4');
      expect(stored).toMatchObject({ size: content.length, sha256: sha(content) });
      expect(sha(await read(await store().open(stored.key)))).toBe(sha(content));
      // (s3rver answers `bytes=0-0` with the whole object, a bug of the stand-in: the ranges below avoid end = 0.)
      for (const [start, end] of [[0, 1], [262_143, 262_144], [1_000_000, 3_000_000], [content.length - 10, content.length - 1]]) {
        expect((await read(await store().open(stored.key, { start, end }))).equals(content.subarray(start, end + 1))).toBe(true);
      }
    });

    it('keeps nothing of an upload cut off mid-stream', async () => {
      const before = await collect(store().keys());
      await expect(store().put(cutOff(randomBytes(9 * 1024 * 1024)), 'video.mp4')).rejects.toThrow('connection reset');
      expect(await collect(store().keys())).toEqual(before);
      if (kind === 'postgres') expect(await db.query('SELECT count(*)::int AS n FROM stored_file_chunk WHERE key NOT IN (SELECT key FROM stored_file)')).toEqual([{ n: 0 }]);
      if (kind === 'local') for (const sub of await readdir(dir)) expect((await readdir(path.join(dir, sub))).filter((f) => f.endsWith('.part'))).toEqual([]);
      // On S3 the unfinished multipart upload is aborted too; s3rver implements neither listing nor aborting those,
      // so here only the object's absence is checked.
    });

    it('lists, removes, and reports a missing file as absent', async () => {
      const a = await store().put(Buffer.from('a'), 'a.txt');
      expect(await collect(store().keys())).toContain(a.key);
      await store().remove(a.key);
      expect(await store().size(a.key)).toBeNull();
      expect(await collect(store().keys())).not.toContain(a.key);
      await expect(store().size('../../etc/passwd')).rejects.toThrow('invalid storage key');
    });

    it('stores an empty file', async () => {
      const stored = await store().put(Buffer.alloc(0), 'empty.txt');
      expect(stored.size).toBe(0);
      expect(await store().size(stored.key)).toBe(0);
    });
  });

  it('an S3 bucket that does not exist stops the node at start, naming the setting', async () => {
    const wrong = createFileStorage(loadConfig({ ...s3.env, S3_BUCKET: 'khong-co-bucket' }).fileStore, db) as S3FileStorage;
    await expect(wrong.check()).rejects.toThrow(/S3_BUCKET.*no such bucket|no such bucket/);
    await expect(wrong.check()).rejects.toThrow('S3_BUCKET / S3_ENDPOINT');
    wrong.destroy();
  });

  describe('files:migrate', () => {
    /** The same store, but its n-th write fails (a crash or a dropped connection half-way through the migration). */
    function failingOnWrite(inner: FileStorage, n: number): FileStorage {
      let writes = 0;
      return Object.assign(Object.create(inner) as FileStorage, {
        putAt: async (key: string, content: Buffer | Readable) => {
          if (++writes === n) throw new Error('connection lost');
          return inner.putAt(key, content);
        },
      });
    }

    it('copies every file between stores with the same keys, verifies checksums, and resumes after a failure', async () => {
      const source = new LocalDiskStorage(await mkdtemp(path.join(os.tmpdir(), 'files-src-')));
      const files = new Map<string, Buffer>();
      for (let i = 0; i < 5; i++) {
        const content = randomBytes(1000 + i * 300_000);
        files.set((await source.put(content, `tep-${i}.bin`)).key, content);
      }
      const journalFile = path.join(dir, 'journal-local-to-postgres');
      const first = await migrateFiles(source, failingOnWrite(stores.postgres, 3), fileJournal(journalFile));
      expect(first).toMatchObject({ copied: 4, skipped: 0, failed: [{ reason: 'connection lost' }] });

      const second = await migrateFiles(source, stores.postgres, fileJournal(journalFile));
      expect(second).toMatchObject({ copied: 1, skipped: 4, failed: [] });
      expect(second.failed).toEqual([]);
      for (const [key, content] of files) expect(sha(await read(await stores.postgres.open(key)))).toBe(sha(content));

      // On to the object store, and nothing is left to do on a third run.
      const toS3 = path.join(dir, 'journal-postgres-to-s3');
      const third = await migrateFiles(stores.postgres, stores.s3, fileJournal(toS3));
      expect(third.failed).toEqual([]);
      for (const [key, content] of files) expect(sha(await read(await stores.s3.open(key)))).toBe(sha(content));
      expect((await migrateFiles(stores.postgres, stores.s3, fileJournal(toS3))).copied).toBe(0);
    });

    it('reports a copy that does not read back identically, and does not journal it', async () => {
      const source = new LocalDiskStorage(await mkdtemp(path.join(os.tmpdir(), 'files-src-')));
      const { key } = await source.put(Buffer.from('bản gốc'), 'a.txt');
      const corrupting = Object.assign(Object.create(stores.postgres) as FileStorage, {
        open: async () => Readable.from([Buffer.from('bản hỏng')]),
      });
      const journalFile = path.join(dir, 'journal-corrupt');
      const r = await migrateFiles(source, corrupting, fileJournal(journalFile));
      expect(r.failed).toEqual([{ key, reason: expect.stringContaining('the copy reads back differently') }]);
      expect(fileJournal(journalFile).has(key)).toBe(false);
    });
  });
});
