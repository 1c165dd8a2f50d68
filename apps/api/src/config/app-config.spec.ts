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
