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

export function loadConfig(env = process.env): AppConfig {
  const root = workspaceRoot();
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(root, env.DATA_DIR ?? '.data'),
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
