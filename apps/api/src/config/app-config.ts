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
  /** The site's public address (PUBLIC_SITE_URL): the homePage of learners' xAPI accounts and of the LRS's authority. */
  publicSiteUrl: string;
}

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
    publicSiteUrl: (env.PUBLIC_SITE_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
  };
}

function parseWorkers(value: string | undefined): number {
  if (!value) return 1;
  if (value === 'auto') return Math.max(1, availableParallelism());
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`API_WORKERS must be a number from 1 to 64 or "auto", got "${value}"`);
  return n;
}
