import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { waitFor } from './wait';

const MAIN = path.resolve(__dirname, '../..', 'dist/apps/api/apps/api/src/main.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ApiNode {
  baseUrl: string;
  pid: number;
  /** Everything the node printed so far. */
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

/**
 * One independent API node: the built server started as its own process on its own port (as on another machine),
 * against a PostgreSQL it does not own. Jobs run as in production (NODE_ENV=production), unless env says otherwise.
 */
export async function spawnApiNode(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiNode> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm test does)`);
  const port = await freePort();
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.JEST_WORKER_ID;
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: { ...base, NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Waits until the node answers ready (or throws with its output when it exits or takes too long). */
export async function waitReady(node: ApiNode, timeoutMs = 120_000): Promise<void> {
  let ended = false;
  void node.exited.then(() => (ended = true));
  await waitFor(
    'the node to answer ready',
    async () => {
      if (ended) throw new Error(`node exited before it was ready:\n${node.output()}`);
      return (await fetch(`${node.baseUrl}/api/health/ready`).then((r) => r.status, () => 0)) === 200;
    },
    { timeoutMs, intervalMs: 250, detail: node.output },
  );
}
