import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { loadConfig } from './app-config';

describe('loadConfig: API_WORKERS', () => {
  it('serves from one process unless told otherwise', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ API_WORKERS: '' }).workers).toBe(1);
  });

  it('takes a number of processes, or one per CPU for "auto"', () => {
    expect(loadConfig({ API_WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ API_WORKERS: 'auto' }).workers).toBe(Math.max(1, availableParallelism()));
  });

  it('refuses a value that is not a sensible count, naming it', () => {
    for (const bad of ['0', '-2', '1.5', 'two', '65']) expect(() => loadConfig({ API_WORKERS: bad })).toThrow(`API_WORKERS must be a number from 1 to 64 or "auto", got "${bad}"`);
  });
});

describe('loadConfig: nodes, roles and the file store', () => {
  it('keeps files on the local disk of a single node, and in PostgreSQL once several nodes are configured', () => {
    expect(loadConfig({}).fileStore.kind).toBe('local');
    expect(loadConfig({ FILES_DIR: '/srv/files' }).fileStore).toEqual({ kind: 'local', dir: '/srv/files' });
    expect(loadConfig({ API_NODES: '2' }).fileStore.kind).toBe('postgres');
    expect(loadConfig({ API_ROLE: 'web' }).fileStore.kind).toBe('postgres');
    expect(loadConfig({ API_NODES: '3', FILE_STORE: 'local' }).fileStore.kind).toBe('local');
  });

  it('reads the S3 settings, and refuses incomplete or malformed ones naming the variable', () => {
    expect(loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'cchc-files', S3_ENDPOINT: 'http://minio:9000' }).fileStore).toEqual({
      kind: 's3', bucket: 'cchc-files', endpoint: 'http://minio:9000', region: 'us-east-1', accessKeyId: null, secretAccessKey: null, prefix: '',
    });
    expect(() => loadConfig({ FILE_STORE: 'nfs' })).toThrow('FILE_STORE must be "local", "postgres" or "s3", got "nfs"');
    expect(() => loadConfig({ FILE_STORE: 's3' })).toThrow('FILE_STORE=s3 needs S3_BUCKET');
    expect(() => loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'Bad_Bucket' })).toThrow('S3_BUCKET is not a valid bucket name');
    expect(() => loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'b-1', S3_ENDPOINT: 'minio:9000' })).toThrow('S3_ENDPOINT must be an http(s):// URL');
    expect(() => loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'k' })).toThrow('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
    expect(() => loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'b-1', S3_PREFIX: 'no-slash' })).toThrow('S3_PREFIX must');
  });

  it('takes a role, and refuses an unknown one', () => {
    expect(loadConfig({}).role).toBe('all');
    expect(loadConfig({ API_ROLE: 'worker' }).role).toBe('worker');
    expect(() => loadConfig({ API_ROLE: 'jobs' })).toThrow('API_ROLE must be "web", "worker" or "all", got "jobs"');
    expect(() => loadConfig({ API_NODES: '0' })).toThrow('API_NODES must be a number from 1 to 1000');
  });

  it('refuses a primary or replica URL that is not a PostgreSQL URL, naming the variable', () => {
    expect(loadConfig({ DATABASE_READ_URL: 'postgres://u:p@replica:5432/cchc' }).databaseReadUrl).toBe('postgres://u:p@replica:5432/cchc');
    expect(() => loadConfig({ DATABASE_READ_URL: 'replica:5432' })).toThrow(/DATABASE_READ_URL must be a postgres:\/\/ URL/);
    expect(() => loadConfig({ DATABASE_READ_URL: 'mysql://replica/cchc' })).toThrow('DATABASE_READ_URL must be a postgres:// URL, got a mysql:// URL');
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow('DATABASE_URL must be a postgres:// URL');
  });
});

describe('loadConfig: the settings other modules used to read themselves', () => {
  it('has defaults for each', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ dbPoolSize: 20, remindersIntervalMinutes: 60, libraryMaxUploadBytes: 50 * 1024 * 1024, xapiActorName: false });
    expect(c.smtp).toEqual({ url: null, from: 'cchc-learn <no-reply@localhost>' });
    expect(c.workerHandoff).toEqual({ databaseUrl: null, embeddedDatabase: false });
  });

  it('reads and checks them', () => {
    const c = loadConfig({ DB_POOL_SIZE: '8', REMINDERS_INTERVAL_MINUTES: '0', LIBRARY_MAX_UPLOAD_MB: '2.5', XAPI_ACTOR_NAME: 'true', SMTP_URL: 'smtp://mail:25', SMTP_FROM: 'Sở Nội vụ <snv@example.gov.vn>' });
    expect(c).toMatchObject({ dbPoolSize: 8, remindersIntervalMinutes: 0, libraryMaxUploadBytes: Math.round(2.5 * 1024 * 1024), xapiActorName: true });
    expect(c.smtp).toEqual({ url: 'smtp://mail:25', from: 'Sở Nội vụ <snv@example.gov.vn>' });
    expect(() => loadConfig({ DB_POOL_SIZE: 'nhiều' })).toThrow(/DB_POOL_SIZE/);
    expect(() => loadConfig({ REMINDERS_INTERVAL_MINUTES: '-5' })).toThrow(/REMINDERS_INTERVAL_MINUTES/);
    expect(() => loadConfig({ LIBRARY_MAX_UPLOAD_MB: '0' })).toThrow(/LIBRARY_MAX_UPLOAD_MB/);
  });

  it('decides once whether this process runs the scheduled jobs', () => {
    expect(loadConfig({}).scheduledJobs).toBe(true);
    expect(loadConfig({ API_ROLE: 'worker' }).scheduledJobs).toBe(true);
    expect(loadConfig({ API_ROLE: 'web' }).scheduledJobs).toBe(false);
    expect(loadConfig({ CCHC_JOBS: 'off' }).scheduledJobs).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).scheduledJobs).toBe(false);
    expect(loadConfig({ JEST_WORKER_ID: '3' }).scheduledJobs).toBe(false);
  });

  it('is the only reader of the environment in the API', () => {
    const src = path.join(__dirname, '..');
    const readers = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|mts|cts)$/.test(f) && !f.endsWith('.spec.ts'))
      .filter((f) => /process\.env\b/.test(readFileSync(path.join(src, f), 'utf8')));
    // The config itself, and the file-store migration command, which hands the environment to loadConfig.
    expect(readers.sort()).toEqual([path.join('config', 'app-config.ts'), path.join('storage', 'files-migrate.cli.ts')]);
  });
});
