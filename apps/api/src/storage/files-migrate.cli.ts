// `npm run files:migrate -- --from local --to postgres`: copies every stored file from one store to another.
// Each store is configured by the same variables the API reads (FILES_DIR / DATA_DIR, DATABASE_URL, S3_*).
// Resumable: verified keys are journalled in DATA_DIR; run it again after an interruption. Then set FILE_STORE.
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { FileStoreConfig, loadConfig } from '@api/config';
import { dataSourceOptions, migrate, openDatabase, RunningDatabase } from '@api/database';
import { FileStoreKind } from './file-storage';
import { fileJournal, migrateFiles } from './files-migrate';
import { createFileStorage } from './storage.module';
import { S3FileStorage } from './s3-file-storage';

const KINDS: FileStoreKind[] = ['local', 'postgres', 's3'];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function embeddedInUse(dataDir: string): boolean {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 0);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const from = arg('from') as FileStoreKind | undefined;
  const to = arg('to') as FileStoreKind | undefined;
  if (!from || !to || !KINDS.includes(from) || !KINDS.includes(to) || from === to) {
    console.error('usage: npm run files:migrate -- --from local|postgres|s3 --to local|postgres|s3   (two different stores)');
    return 2;
  }
  const env = { ...process.env, FILE_STORE: undefined };
  const config = loadConfig(env);
  const storeConfig = (kind: FileStoreKind): FileStoreConfig => loadConfig({ ...env, FILE_STORE: kind }).fileStore;
  let database: RunningDatabase | null = null;
  let db: DataSource | null = null;
  if (from === 'postgres' || to === 'postgres') {
    if (!config.databaseUrl && embeddedInUse(config.dataDir)) {
      console.error('The embedded database is in use by a running cchc-learn: stop it first, or set DATABASE_URL.');
      return 1;
    }
    database = await openDatabase(config.databaseUrl, config.dataDir, () => undefined);
    await migrate(database.url);
    db = new DataSource({ ...dataSourceOptions(database.url), extra: { max: 2 } });
    await db.initialize();
  }
  const source = createFileStorage(storeConfig(from), db!);
  const target = createFileStorage(storeConfig(to), db!);
  try {
    await source.check();
    await target.check();
    const journalFile = path.join(config.dataDir, `files-migrate-${from}-to-${to}.journal`);
    const started = Date.now();
    const r = await migrateFiles(source, target, fileJournal(journalFile), (m) => console.log(m));
    console.log(
      `${r.copied} files copied and verified (${(r.bytes / 1048576).toFixed(1)} MiB), ${r.skipped} already done by an earlier run, ${r.failed.length} failed — ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    for (const f of r.failed) console.log(`  failed: ${f.key}: ${f.reason}`);
    if (!r.failed.length) console.log(`Every file is in ${to}. Set FILE_STORE=${to} on every node and restart them; the journal is ${journalFile}.`);
    return r.failed.length ? 1 : 0;
  } finally {
    for (const s of [source, target]) if (s instanceof S3FileStorage) s.destroy();
    await db?.destroy();
    await database?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`files:migrate: ${e.message}`);
    process.exit(1);
  },
);
