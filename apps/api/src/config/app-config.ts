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
  /** API processes sharing the port (API_WORKERS: a number, or "auto" for one per CPU), under one supervisor. */
  workers: number;
  /** Base of every link the server builds (QR check-in, e-mails): PUBLIC_URL, never the request's Host header. */
  publicUrl: string;
  /** JWT_SECRET when set; otherwise the settings repository generates one and keeps it in the database. */
  jwtSecret: string | null;
  accessTokenTtlSeconds: number;
  /** Per-client-address limits (RATE_LIMIT_SIGN_IN, RATE_LIMIT_REFRESH, RATE_LIMIT_PASSWORD: "requests/seconds"). */
  rateLimits: Record<RateLimitBucket, RateLimit>;
  /** How often each API process reads the accounts whose sessions were ended (SESSION_CHECK_MS). */
  sessionCheckMs: number;
  /** Sources the client may frame (CSP_FRAME_SRC, space-separated), e.g. the SCORM content origin. */
  cspFrameSrc: string[];
  /** Which proxies' X-Forwarded-For to believe (TRUST_PROXY: "loopback" by default, a list of addresses, true/false). */
  trustProxy: boolean | string;
  /** Embedded PostgreSQL: restarts tried (DB_RESTART_LIMIT) within ten minutes before the supervisor gives up. */
  dbRestartLimit: number;
  /** API_ROLE: `web` serves requests, `worker` runs scheduled jobs, `all` (default) does both. */
  role: ApiRole;
  /** Whether this process runs the scheduled jobs (see `runsScheduledJobs`); CCHC_JOBS=off turns them off. */
  scheduledJobs: boolean;
  /** API_NODES: how many API nodes the deployment runs (default 1); with more, files default to PostgreSQL. */
  nodes: number;
  /** DATABASE_READ_URL: a streaming replica for heavy reads; null = everything reads the primary. */
  databaseReadUrl: string | null;
  fileStore: FileStoreConfig;
  /** The standby is used only while at most this many bytes of WAL behind (DATABASE_READ_MAX_LAG_BYTES, 16 MiB). */
  databaseReadMaxLagBytes: number;
  /** Database connections per API process (DB_POOL_SIZE, default 20). */
  dbPoolSize: number;
  /** Reminder e-mails: SMTP_URL (unset: in-app notifications only) and SMTP_FROM. */
  smtp: { url: string | null; from: string };
  /** Prefix of usernames made from staff codes (`{province}` becomes the person's province code). */
  accountUsernamePrefix: string;
  /** REMINDERS_INTERVAL_MINUTES (default 60; 0 turns the schedule off). */
  remindersIntervalMinutes: number;
  /** The largest library document accepted (LIBRARY_MAX_UPLOAD_MB, default 50). */
  libraryMaxUploadBytes: number;
  /** XAPI_ACTOR_NAME=true adds the person's full name to the platform's statements (off: the account name only). */
  xapiActorName: boolean;
  /**
   * E-lecture packages run from a separate origin so their scripts cannot reach the learner's tokens: the second
   * listener's port (CONTENT_PORT, default PORT+1) and the origin browsers reach it at (CONTENT_ORIGIN; unset: the
   * page's own host name on CONTENT_PORT).
   */
  content: { port: number; origin: string | null };
  /** Package uploads: PACKAGE_MAX_UPLOAD_MB (200), PACKAGE_MAX_UNPACKED_MB (1024), PACKAGE_MAX_FILES (10000). */
  packageLimits: { maxUploadBytes: number; maxUncompressedBytes: number; maxEntries: number };
  /**
   * cmi5: a launch's fetch token is spent once and only within CMI5_FETCH_TOKEN_MINUTES (default 10); CMI5_BROWSE=true
   * lets learners open AUs in Browse mode (nothing recorded).
   */
  cmi5: { fetchTokenMinutes: number; browse: boolean };
  /** LRS_FORWARD_TIMEOUT_MS (default 10000): how long a forwarding delivery waits for the other LRS. */
  lrsForwardTimeoutMs: number;
  /**
   * Building a new or edited target's coverage: targets reaching at most COVERAGE_BUILD_INLINE_PEOPLE people (default
   * 50000) are built inside the save; larger ones in the background in steps of COVERAGE_BUILD_STEP_PEOPLE (50000),
   * COVERAGE_BUILD_WORKERS (2) steps at a time on each node (each on its own connection, never the same units).
   */
  coverageBuild: { inlinePeople: number; stepPeople: number; workers: number };
  /** The release (npm_package_version, as npm start sets it). */
  version: string;
  /** Set by the supervisor for the API processes it forks: the database it opened (CCHC_WORKER_*). */
  workerHandoff: { databaseUrl: string | null; embeddedDatabase: boolean };
}

export type RateLimitBucket = 'signIn' | 'refresh' | 'passwordChange';
export interface RateLimit {
  max: number;
  windowSeconds: number;
}

/** Generous enough for a commune office signing in together behind one address; a guesser still meets the lockout. */
export const DEFAULT_RATE_LIMITS: Record<RateLimitBucket, RateLimit> = {
  signIn: { max: 60, windowSeconds: 60 },
  refresh: { max: 300, windowSeconds: 60 },
  passwordChange: { max: 10, windowSeconds: 60 },
};

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
    publicUrl: parsePublicUrl(env.PUBLIC_URL, port),
    jwtSecret: env.JWT_SECRET || null,
    accessTokenTtlSeconds: positiveInt('ACCESS_TOKEN_TTL_SECONDS', env.ACCESS_TOKEN_TTL_SECONDS, 15 * 60),
    rateLimits: {
      signIn: parseRateLimit('RATE_LIMIT_SIGN_IN', env.RATE_LIMIT_SIGN_IN, DEFAULT_RATE_LIMITS.signIn),
      refresh: parseRateLimit('RATE_LIMIT_REFRESH', env.RATE_LIMIT_REFRESH, DEFAULT_RATE_LIMITS.refresh),
      passwordChange: parseRateLimit('RATE_LIMIT_PASSWORD', env.RATE_LIMIT_PASSWORD, DEFAULT_RATE_LIMITS.passwordChange),
    },
    sessionCheckMs: positiveInt('SESSION_CHECK_MS', env.SESSION_CHECK_MS, 1000),
    cspFrameSrc: (env.CSP_FRAME_SRC ?? "'self'").split(/\s+/).filter(Boolean),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    dbRestartLimit: positiveInt('DB_RESTART_LIMIT', env.DB_RESTART_LIMIT, 5),
    role,
    scheduledJobs: runsScheduledJobs(env, role),
    nodes,
    databaseReadUrl: parsePostgresUrl('DATABASE_READ_URL', env.DATABASE_READ_URL),
    fileStore: parseFileStore(env, dataDir, nodes > 1 || role !== 'all'),
    databaseReadMaxLagBytes: nonNegativeNumber('DATABASE_READ_MAX_LAG_BYTES', env.DATABASE_READ_MAX_LAG_BYTES, 16 * 1024 * 1024),
    dbPoolSize: positiveInt('DB_POOL_SIZE', env.DB_POOL_SIZE, 20),
    smtp: { url: env.SMTP_URL || null, from: env.SMTP_FROM || 'cchc-learn <no-reply@localhost>' },
    accountUsernamePrefix: env.ACCOUNT_USERNAME_PREFIX ?? '',
    remindersIntervalMinutes: nonNegativeNumber('REMINDERS_INTERVAL_MINUTES', env.REMINDERS_INTERVAL_MINUTES, 60),
    libraryMaxUploadBytes: libraryMaxUploadBytes(env.LIBRARY_MAX_UPLOAD_MB),
    coverageBuild: {
      inlinePeople: nonNegativeNumber('COVERAGE_BUILD_INLINE_PEOPLE', env.COVERAGE_BUILD_INLINE_PEOPLE, 50_000),
      stepPeople: positiveInt('COVERAGE_BUILD_STEP_PEOPLE', env.COVERAGE_BUILD_STEP_PEOPLE, 50_000),
      workers: positiveInt('COVERAGE_BUILD_WORKERS', env.COVERAGE_BUILD_WORKERS, 2),
    },
    xapiActorName: env.XAPI_ACTOR_NAME === 'true',
    content: { port: contentPort(env.CONTENT_PORT, port), origin: contentOrigin(env.CONTENT_ORIGIN) },
    packageLimits: {
      maxUploadBytes: positiveInt('PACKAGE_MAX_UPLOAD_MB', env.PACKAGE_MAX_UPLOAD_MB, 200) * 1024 * 1024,
      maxUncompressedBytes: positiveInt('PACKAGE_MAX_UNPACKED_MB', env.PACKAGE_MAX_UNPACKED_MB, 1024) * 1024 * 1024,
      maxEntries: positiveInt('PACKAGE_MAX_FILES', env.PACKAGE_MAX_FILES, 10_000),
    },
    cmi5: { fetchTokenMinutes: positiveInt('CMI5_FETCH_TOKEN_MINUTES', env.CMI5_FETCH_TOKEN_MINUTES, 10), browse: env.CMI5_BROWSE === 'true' },
    lrsForwardTimeoutMs: positiveInt('LRS_FORWARD_TIMEOUT_MS', env.LRS_FORWARD_TIMEOUT_MS, 10_000),
    version: env.npm_package_version ?? '0.1.0',
    workerHandoff: { databaseUrl: env.CCHC_WORKER_DATABASE_URL || null, embeddedDatabase: env.CCHC_WORKER_EMBEDDED === '1' },
  };
}

function contentPort(value: string | undefined, port: number): number {
  if (value === undefined || value === '') return port === 0 ? 0 : port + 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`CONTENT_PORT must be a port number, got "${value}"`);
  return n;
}

/**
 * The one origin e-lecture package content is served from: CONTENT_ORIGIN, or else PUBLIC_URL's scheme and host on
 * CONTENT_PORT. The app's CSP names exactly this origin (frame-src), and every launch points there, whatever Host
 * header a request came with.
 */
export function resolvedContentOrigin(config: Pick<AppConfig, 'content' | 'publicUrl'>): string {
  if (config.content.origin) return config.content.origin;
  const url = new URL(config.publicUrl);
  return `${url.protocol}//${url.hostname}:${config.content.port}`;
}

/** CONTENT_ORIGIN: scheme, host and port only (e.g. https://noidung.tinh.gov.vn), never the app's own origin. */
function contentOrigin(value: string | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`CONTENT_ORIGIN must be an origin such as https://noidung.example.vn, got "${value}"`);
  }
  if (!/^https?:$/.test(url.protocol) || (url.pathname !== '/' && url.pathname !== '') || url.search) {
    throw new Error(`CONTENT_ORIGIN must be an origin such as https://noidung.example.vn, got "${value}"`);
  }
  return url.origin;
}

function nonNegativeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, got "${value}"`);
  return n;
}

/** LIBRARY_MAX_UPLOAD_MB (default 50): the largest document accepted, in bytes. */
export function libraryMaxUploadBytes(value: string | undefined): number {
  const mb = Number(value ?? 50);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`LIBRARY_MAX_UPLOAD_MB must be a positive number, got "${value}"`);
  return Math.round(mb * 1024 * 1024);
}

/** Whether this process runs the scheduled jobs: not on a `web` node, not under test (tests call the jobs themselves). */
function runsScheduledJobs(env: NodeJS.ProcessEnv, role: ApiRole): boolean {
  if (env.NODE_ENV === 'test' || env.JEST_WORKER_ID || env.CCHC_JOBS === 'off') return false;
  return role !== 'web';
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

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0, got "${value}"`);
  return n;
}

function parseRateLimit(name: string, value: string | undefined, fallback: RateLimit): RateLimit {
  if (value === undefined || value === '') return fallback;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new Error(`${name} must look like "requests/seconds", e.g. "60/60", got "${value}"`);
  return { max: Number(m[1]), windowSeconds: Number(m[2]) };
}

function parsePublicUrl(value: string | undefined, port: number): string {
  if (!value) return `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) address, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PUBLIC_URL must be an absolute http(s) address, got "${value}"`);
  return url.toString().replace(/\/+$/, '');
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === '') return 'loopback';
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

function parseWorkers(value: string | undefined): number {
  if (!value) return 1;
  if (value === 'auto') return Math.max(1, availableParallelism());
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`API_WORKERS must be a number from 1 to 64 or "auto", got "${value}"`);
  return n;
}

/** Nest injection token for the loaded AppConfig (AppModule provides it; tests may override parts). */
export const APP_CONFIG = Symbol('APP_CONFIG');
