import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

/** The checkout's root: the folder holding nx.json, found from wherever the compiled code runs. */
export function workspaceRoot(start = __dirname): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export interface AppConfig {
  port: number;
  host: string;
  /** Set: use that PostgreSQL. Unset: start the embedded server with data in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  webDist: string;
  seedDemo: boolean;
  /** API processes sharing the port (API_WORKERS: a number, or "auto" for one per CPU); 1 = this process serves. */
  workers: number;
  /** API_ROLE: `web` serves requests, `worker` runs scheduled jobs, `all` (default) does both. */
  role: ApiRole;
  /** API_NODES: how many API nodes the deployment runs (default 1); with more, files default to PostgreSQL. */
  nodes: number;
  /** DATABASE_READ_URL: a streaming replica for heavy reads; null = everything reads the primary. */
  databaseReadUrl: string | null;
  fileStore: FileStoreConfig;
  /** The site's public address (PUBLIC_SITE_URL): the homePage of learners' xAPI accounts and of the LRS's authority. */
  publicSiteUrl: string;
}

export type ApiRole = 'web' | 'worker' | 'all';

export type FileStoreConfig =
  | { kind: 'local'; dir: string }
  | { kind: 'postgres' }
  | { kind: 's3'; bucket: string; endpoint: string | null; region: string; accessKeyId: string | null; secretAccessKey: string | null; prefix: string };

export function loadConfig(env = process.env): AppConfig {
  const root = workspaceRoot();
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const dataDir = path.resolve(root, env.DATA_DIR ?? '.data');
  const role = parseRole(env.API_ROLE);
  const nodes = parseNodes(env.API_NODES);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: parsePostgresUrl('DATABASE_URL', env.DATABASE_URL),
    dataDir,
    webDist: path.resolve(root, env.WEB_DIST ?? 'dist/apps/web'),
    seedDemo: env.SEED_DEMO !== 'false',
    workers: parseWorkers(env.API_WORKERS),
    role,
    nodes,
    databaseReadUrl: parsePostgresUrl('DATABASE_READ_URL', env.DATABASE_READ_URL),
    fileStore: parseFileStore(env, dataDir, nodes > 1 || role !== 'all'),
    publicSiteUrl: (env.PUBLIC_SITE_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
  };
}

/** Whether this process runs the scheduled jobs: not on a `web` node, not under test (tests call the jobs themselves). */
export function runsScheduledJobs(env = process.env): boolean {
  if (env.NODE_ENV === 'test' || env.JEST_WORKER_ID || env.CCHC_JOBS === 'off') return false;
  return parseRole(env.API_ROLE) !== 'web';
}

function parseRole(value: string | undefined): ApiRole {
  if (!value) return 'all';
  if (value === 'web' || value === 'worker' || value === 'all') return value;
  throw new Error(`API_ROLE must be "web", "worker" or "all", got "${value}"`);
}

function parseNodes(value: string | undefined): number {
  if (!value) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`API_NODES must be a number from 1 to 1000, got "${value}"`);
  return n;
}

function parsePostgresUrl(name: string, value: string | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a postgres:// URL, got something that is not a URL`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error(`${name} must be a postgres:// URL, got a ${url.protocol}// URL`);
  if (!url.hostname) throw new Error(`${name} must name a host`);
  return value;
}

/**
 * FILE_STORE: `local` (FILES_DIR, or `files` in DATA_DIR), `postgres` or `s3`. Unset: local disk on a single node,
 * PostgreSQL when the deployment has several nodes (API_NODES > 1, or API_ROLE web/worker), since a node's disk is
 * not seen by the others.
 */
function parseFileStore(env: NodeJS.ProcessEnv, dataDir: string, severalNodes: boolean): FileStoreConfig {
  const kind = env.FILE_STORE || (severalNodes ? 'postgres' : 'local');
  if (kind === 'local') return { kind, dir: env.FILES_DIR ? path.resolve(env.FILES_DIR) : path.join(dataDir, 'files') };
  if (kind === 'postgres') return { kind };
  if (kind !== 's3') throw new Error(`FILE_STORE must be "local", "postgres" or "s3", got "${kind}"`);
  if (!env.S3_BUCKET) throw new Error('FILE_STORE=s3 needs S3_BUCKET (the bucket holding the files)');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(env.S3_BUCKET)) throw new Error(`S3_BUCKET is not a valid bucket name: "${env.S3_BUCKET}"`);
  if (env.S3_ENDPOINT) {
    let url: URL | null = null;
    try {
      url = new URL(env.S3_ENDPOINT);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new Error(`S3_ENDPOINT must be an http(s):// URL, got "${env.S3_ENDPOINT}"`);
  }
  if (!!env.S3_ACCESS_KEY_ID !== !!env.S3_SECRET_ACCESS_KEY) throw new Error('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither');
  const prefix = env.S3_PREFIX ?? '';
  if (prefix && !/^[A-Za-z0-9._/-]{1,200}\/$/.test(prefix)) throw new Error(`S3_PREFIX must be letters, digits, . _ - / and end with "/", got "${prefix}"`);
  return {
    kind,
    bucket: env.S3_BUCKET,
    endpoint: env.S3_ENDPOINT || null,
    region: env.S3_REGION || 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID || null,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || null,
    prefix,
  };
}

function parseWorkers(value: string | undefined): number {
  if (!value) return 1;
  if (value === 'auto') return Math.max(1, availableParallelism());
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`API_WORKERS must be a number from 1 to 64 or "auto", got "${value}"`);
  return n;
}
