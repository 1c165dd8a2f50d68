import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { freePort } from './api-node';
import { createTestDatabase } from './test-db';
import { waitFor } from './wait';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/apps/api/apps/api/src/main.js');
export const SCREENSHOTS = path.join(ROOT, 'test-output/screenshots');


export interface RunningServer {
  baseUrl: string;
  databaseUrl: string;
  /** The server's process id (the primary when API_WORKERS is set). */
  pid: number;
  stop: () => Promise<void>;
}

/** The built app (`npm run build` output) as users run it, on its own fresh database with the demo province. */
export async function startBuiltServer(env: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm test does)`);
  const database = await createTestDatabase();
  const port = await freePort();
  // E-lecture packages are served by a second listener (CONTENT_PORT, default PORT+1): give it a free port too.
  const contentPort = await freePort();
  // PUBLIC_URL is the address the browser visits, as in a deployment: the content origin is its host on CONTENT_PORT
  // (same site as the app, so packages keep their own storage in the frame).
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), CONTENT_PORT: String(contentPort), HOST: '127.0.0.1', SEED_DEMO: 'true', PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The last 64 KB of the server's output: shown if it fails to start, and if it dies before the test stops it.
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-65_536));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`\nThe built server on port ${port} exited during the test (code ${code}, signal ${signal}). Its last output:\n${output.slice(-8_192)}\n`);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  // Seeding the demo province takes well over a minute when the machine is busy.
  await waitFor(
    'the server to become healthy',
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
      return fetch(`${baseUrl}/api/health`).then((res) => res.ok, () => false); // not listening yet
    },
    { timeoutMs: 240_000, intervalMs: 250, detail: () => output },
  );
  return {
    baseUrl,
    databaseUrl: database.url,
    pid: child.pid!,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      await database.drop();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, baseUrl: string, username: string, password = 'Demo@2025'): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
}
