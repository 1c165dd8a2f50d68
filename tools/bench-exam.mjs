// `npm run bench:exam` — a province sits a periodic test against the BUILT server, through its real HTTP API.
//
// Seeds PEOPLE people (default 40,000) with accounts and a QUESTIONS-question round (default 40), then:
//   1. synchronised start: every person starts their attempt (CONCURRENCY requests in flight);
//   2. answering: ACTIVE test-takers (default 10,000) each save an answer every INTERVAL_MS (10 s) for DURATION_S;
//   3. submission: every active test-taker submits a full answer sheet (FILL=0: only what was saved);
//   4. bare PostgreSQL: the same insert-or-update of one answer row, from a pg pool at the same concurrency;
// and prints rates, p50/p95/p99 latency, errors and a check that every acknowledged answer is in the database.
// Access tokens are minted with the server's JWT_SECRET (sign-in throughput with argon2 is a separate matter).
// NODES=2: two independent API nodes behind HAProxy, with per-node figures. COVERAGE=0: submissions without the
// coverage fold (no active target), to measure its share.
// Everything runs on this machine (127.0.0.1) and stops by itself. Quick run: PEOPLE=2000 ACTIVE=1000 DURATION_S=20.
import { createHmac, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = (k, d) => Number(process.env[k] ?? d);
const PEOPLE = env('PEOPLE', 40_000);
const QUESTIONS = env('QUESTIONS', 40);
const ACTIVE = Math.min(env('ACTIVE', 10_000), PEOPLE);
const INTERVAL_MS = env('INTERVAL_MS', 10_000);
const DURATION_S = env('DURATION_S', 60);
const CONCURRENCY = env('CONCURRENCY', 200);
// BENCH_MAIN: another build of the server (e.g. the previous commit's, to compare in the same conditions).
const MAIN = process.env.BENCH_MAIN ? path.resolve(process.env.BENCH_MAIN) : path.join(root, 'dist/apps/api/apps/api/src/main.js');
const log = (m) => process.stdout.write(`[bench] ${m}\n`);

if (!existsSync(MAIN)) {
  console.error(`${MAIN} is missing: build first (npx nx run-many -t build -p api web)`);
  process.exit(1);
}

// ---------- helpers ----------
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function jwt(payload, secret) {
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64({ ...payload, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 4 * 3600 });
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
}

function percentiles(values) {
  const s = Float64Array.from(values).sort();
  const at = (p) => (s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN);
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s.length ? s[s.length - 1] : NaN };
}
const fmt = (p) => `n=${p.n} p50=${p.p50.toFixed(1)}ms p95=${p.p95.toFixed(1)}ms p99=${p.p99.toFixed(1)}ms max=${p.max.toFixed(1)}ms`;

/** CPU seconds (user + system) used so far by the API server and by every PostgreSQL process of this run. */
const TICK = 100; // USER_HZ
function cpuOf(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICK; // utime stime cutime cstime
  } catch {
    return 0;
  }
}
/** A process and its children (PostgreSQL's backends; the API's workers when API_WORKERS is set). */
function withChildren(parent) {
  const pids = [parent];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (ppid === parent) pids.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return pids;
}
const cmdlineOf = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};
const sumCpu = (pids) => pids.reduce((a, p) => a + cpuOf(p), 0);
function cpuNow() {
  const gen = process.cpuUsage();
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const nodes = servers.map((srv) => sumCpu(withChildren(srv.child.pid)));
  const pgPids = withChildren(postmaster);
  // Client backends (the statements' own work) apart from the rest: WAL writer, checkpointer, autovacuum, and the
  // postmaster with the CPU of children that have exited.
  const backends = pgPids.filter((pid) => pid !== postmaster && / \d+\.\d+\.\d+\.\d+\(|\[local\]/.test(cmdlineOf(pid)));
  return { api: nodes.reduce((x, y) => x + y, 0), nodes, lb: haproxy ? cpuOf(haproxy.pid) : 0, pg: sumCpu(pgPids), pgBackends: new Map(backends.map((pid) => [pid, cpuOf(pid)])), gen: (gen.user + gen.system) / 1e6, wall: performance.now() / 1000 };
}
/** CPU of the client backends between two samples (a backend that started meanwhile counts from 0; one that ended is missed). */
const backendDelta = (a, b) => [...b.pgBackends].reduce((sum, [pid, cpu]) => sum + cpu - (a.pgBackends.get(pid) ?? 0), 0);
/** "where the time went": CPU per operation of the API, PostgreSQL and this load generator between two cpuNow()s. */
function cpuReport(a, b, ops) {
  const per = (x) => ((x / ops) * 1000).toFixed(2);
  const wall = b.wall - a.wall;
  const line = `CPU per operation: API ${per(b.api - a.api)} ms, PostgreSQL ${per(b.pg - a.pg)} ms (client backends ${per(backendDelta(a, b))}), load generator ${per(b.gen - a.gen)} ms; busy: API ${(((b.api - a.api) / wall) * 100).toFixed(0)}%, PostgreSQL ${(((b.pg - a.pg) / wall) * 100).toFixed(0)}%, generator ${(((b.gen - a.gen) / wall) * 100).toFixed(0)}% of one core`;
  if (servers.length < 2) return line;
  const nodes = servers.map((srv, i) => `${srv.name} ${per(b.nodes[i] - a.nodes[i])} ms (${(((b.nodes[i] - a.nodes[i]) / wall) * 100).toFixed(0)}% busy)`).join(', ');
  return `${line}\n[bench]         per node, API CPU per operation of the whole phase: ${nodes}; HAProxy ${per(b.lb - a.lb)} ms`;
}

/** With PG_STATS=1: the statements that took PostgreSQL's time since the last call (then resets the counters). */
async function pgStats(db, phase) {
  if (!PG_STATS) return;
  const rows = (
    await db.query(
      `SELECT calls, round(total_exec_time::numeric, 0) AS ms, round((total_exec_time / greatest(calls, 1))::numeric, 3) AS per_call, round(total_plan_time::numeric, 0) AS plan,
              regexp_replace(left(query, 110), '\\s+', ' ', 'g') AS q
         FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT ${Number(process.env.PG_STATS_TOP ?? 12)}`,
    )
  ).rows;
  log(`        PostgreSQL time in ${phase}, top statements:`);
  // Planning time is counted only with BENCH_PG_FLAGS="-c pg_stat_statements.track_planning=on".
  for (const r of rows) log(`          ${String(r.ms).padStart(7)} ms  ${String(r.calls).padStart(7)} calls  ${r.per_call} ms/call${Number(r.plan) ? ` (+${r.plan} ms planning)` : ''}  ${r.q}`);
  await db.query('SELECT pg_stat_statements_reset()');
}

/**
 * Queues a submission fills for the API to fold later; the submit phase's CPU is counted until all are empty. A queue
 * table a build does not have (an older commit, BENCH_MAIN) counts as empty.
 */
const QUEUE_TABLES = ['coverage_pending', 'test_item_stat_pending'];
async function queuesSql(db) {
  const present = [];
  for (const t of QUEUE_TABLES) if ((await db.query('SELECT to_regclass($1) IS NOT NULL AS ok', [t])).rows[0].ok) present.push(t);
  return `SELECT ${present.map((t) => `EXISTS (SELECT 1 FROM ${t})::int AS ${t}`).join(', ')}`;
}

let agent;
let base;
/** One keep-alive HTTP request; resolves { status, body, ms }. */
function request(method, urlPath, token, json) {
  const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      `${base}${urlPath}`,
      {
        method,
        agent,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          let body = null;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString());
          } catch {
            /* empty */
          }
          resolve({ status: res.statusCode, body, ms: performance.now() - started });
        });
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, body: { error: e.message }, ms: performance.now() - started }));
    if (payload) req.write(payload);
    req.end();
  });
}

/**
 * A minimal keep-alive HTTP/1.1 client for the save phases: the load generator shares the server's two cores, and
 * node:http's client costs about as much CPU per request as the API's whole save path. This one writes the request in
 * one call and reads Content-Length-framed responses (what the API sends); anything else counts as an error.
 */
class LeanClient {
  constructor(port, max) {
    Object.assign(this, { port, max, idle: [], open: 0, waiting: [] });
  }
  async #acquire() {
    while (this.idle.length) {
      const c = this.idle.pop();
      if (!c.closed) return c;
    }
    if (this.open < this.max) return this.#connect();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  #release(c) {
    if (c.closed) {
      const next = this.waiting.shift();
      if (next) this.#connect().then(next);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(c);
    else this.idle.push(c);
  }
  #connect() {
    this.open++;
    return new Promise((resolve) => {
      const socket = net.connect(this.port, '127.0.0.1');
      socket.setNoDelay(true);
      const c = { socket, buf: Buffer.alloc(0), done: null, closed: false };
      const fail = (e) => {
        if (c.closed) return;
        c.closed = true;
        this.open--;
        const done = c.done;
        c.done = null;
        done?.({ status: 0, body: { error: e?.message ?? 'closed' } });
      };
      socket.on('error', fail);
      socket.on('close', () => fail(new Error('connection closed')));
      socket.on('data', (chunk) => {
        c.buf = c.buf.length ? Buffer.concat([c.buf, chunk]) : chunk;
        const end = c.buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = c.buf.toString('latin1', 0, end);
        const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        if (!m) return fail(new Error('response without content-length'));
        const total = end + 4 + Number(m[1]);
        if (c.buf.length < total) return;
        const status = Number(head.slice(9, 12));
        let body = null;
        try {
          body = JSON.parse(c.buf.toString('utf8', end + 4, total));
        } catch {
          /* empty */
        }
        c.buf = c.buf.subarray(total);
        const done = c.done;
        c.done = null;
        done?.({ status, body });
      });
      socket.once('connect', () => resolve(c));
    });
  }
  async request(method, urlPath, token, json) {
    const started = performance.now();
    const c = await this.#acquire();
    const payload = json === undefined ? '' : JSON.stringify(json);
    const r = await new Promise((resolve) => {
      c.done = resolve;
      c.socket.write(
        `${method} ${urlPath} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${token}\r\naccept: application/json\r\n` +
          (payload ? `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}` : '\r\n'),
      );
    });
    this.#release(c);
    return { ...r, ms: performance.now() - started };
  }
  close() {
    for (const c of this.idle) c.socket.destroy();
  }
}

/** Runs `jobs` with at most `limit` in flight. */
async function pool(items, limit, fn) {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}

// ---------- database and server ----------
const dataDir = path.join(root, '.data', `bench-pg-${process.pid}-${Date.now()}`);
mkdirSync(path.dirname(dataDir), { recursive: true });
// DURABLE=0 runs PostgreSQL without fsync (as the tests do); the default is the production setting: every
// acknowledged answer is flushed to disk before the API answers.
const DURABLE = process.env.DURABLE !== '0';
// PG_STATS=1 loads pg_stat_statements and prints, per phase, the statements PostgreSQL spent its time on.
const PG_STATS = process.env.PG_STATS === '1';
// BENCH_PG_FLAGS: extra server settings, e.g. "-c pg_stat_statements.track=all" to see the statements inside functions.
const pgFlags = [...(PG_STATS ? ['-c', 'shared_preload_libraries=pg_stat_statements'] : []), ...(process.env.BENCH_PG_FLAGS ?? '').split(' ').filter(Boolean)];
// PG_SOCKET=1: the API (and the bare upserts) reach PostgreSQL through its Unix-domain socket instead of TCP on loopback
// (measured 6 Dec: no cheaper per submission on this machine, so the API keeps TCP).
const SOCKET = process.env.PG_SOCKET === '1';
const pgServer = await startEmbeddedPostgres({ dataDir, ephemeral: !DURABLE, extraFlags: pgFlags, socket: SOCKET });
if (SOCKET && !pgServer.socketUrl) throw new Error(`no Unix-domain socket for ${dataDir} (path too long?): run without PG_SOCKET=1`);
const admin = new pg.Client({ connectionString: pgServer.url });
await admin.connect();
await admin.query('CREATE DATABASE cchc_bench');
await admin.end();
const dbUrl = new URL(SOCKET ? pgServer.socketUrl : pgServer.url);
dbUrl.pathname = '/cchc_bench';
const DATABASE_URL = dbUrl.toString();
const JWT_SECRET = randomUUID() + randomUUID();
// NODES=2 (or more): that many independent API processes (the first API_ROLE=all, the others web) on one database,
// behind HAProxy (least connections, readiness checks, as deploy/ does); every request goes through the balancer.
const NODES = env('NODES', 1);
const servers = [];
let serverOut = '';
// BENCH_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the time goes.
function startServer(i, nodePort) {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), MAIN], {
    env: {
      ...process.env, DATABASE_URL, PORT: String(nodePort), HOST: '127.0.0.1', SEED_DEMO: 'false', JWT_SECRET, CCHC_JOBS: 'off', ACCESS_TOKEN_TTL_SECONDS: '14400',
      ...(NODES > 1 ? { API_NODES: String(NODES), API_ROLE: i === 0 ? 'all' : 'web' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (serverOut += d));
  child.stderr.on('data', (d) => (serverOut += d));
  servers.push({ name: String.fromCharCode(65 + i), child, port: nodePort });
}
let haproxy = null;
let statsPort = 0;
const stopAll = async () => {
  if (haproxy && haproxy.exitCode === null) haproxy.kill('SIGTERM');
  for (const { child } of servers) {
    if (child.exitCode !== null) continue;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  await pgServer.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}-haproxy.cfg`, { force: true });
};
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
/** Requests each node has answered so far (HAProxy's statistics), when there are several. */
async function servedPerNode() {
  if (!haproxy) return null;
  const csv = await fetch(`http://127.0.0.1:${statsPort}/stats;csv`).then((r) => r.text());
  const [head, ...lines] = csv.split('\n');
  const cols = head.replace(/^# /, '').split(',');
  const [reqTot, sTot] = [cols.indexOf('req_tot'), cols.indexOf('stot')];
  const out = {};
  for (const line of lines) {
    const f = line.split(',');
    if (f[0] === 'api' && f[1] !== 'BACKEND' && f[1] !== 'FRONTEND') out[f[1]] = Number(f[reqTot] || f[sTot]); // HTTP requests (sessions where not counted)
  }
  return out;
}
/** "node A 51%, node B 49%" of the requests between two servedPerNode()s. */
function servedShare(a, b) {
  if (!a || !b) return '';
  const d = Object.keys(b).map((k) => [k, b[k] - (a[k] ?? 0)]);
  const total = d.reduce((x, [, n]) => x + n, 0) || 1;
  return `; requests per node: ${d.map(([k, n]) => `${k} ${n} (${((n / total) * 100).toFixed(0)}%)`).join(', ')}`;
}

let port;
try {
  for (let i = 0; i < NODES; i++) startServer(i, await freePort());
  for (const srv of servers) {
    for (let deadline = Date.now() + 90_000; ; ) {
      if (srv.child.exitCode !== null) throw new Error(`server ${srv.name} exited:\n${serverOut}`);
      const ok = await fetch(`http://127.0.0.1:${srv.port}/api/health/ready`).then((r) => r.ok).catch(() => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`server ${srv.name} not ready:\n${serverOut}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  if (NODES === 1) port = servers[0].port;
  else {
    const HAPROXY = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';
    if (!existsSync(HAPROXY)) throw new Error(`NODES=${NODES} needs HAProxy at ${HAPROXY} (Debian: apt-get install -y haproxy) or HAPROXY_PATH`);
    [port, statsPort] = [await freePort(), await freePort()];
    const cfg = `${dataDir}-haproxy.cfg`;
    writeFileSync(
      cfg,
      `global\n  maxconn 4000\ndefaults\n  mode http\n  timeout connect 2s\n  timeout client 60s\n  timeout server 60s\n  timeout http-keep-alive 10s\n` +
        `frontend cchc\n  bind 127.0.0.1:${port}\n  default_backend api\n` +
        `frontend stats\n  bind 127.0.0.1:${statsPort}\n  stats enable\n  stats uri /stats\n` +
        // A busy node answers its readiness check late, not never: a long check timeout keeps it in the pool.
        `backend api\n  balance leastconn\n  option httpchk GET /api/health/ready\n  http-check expect status 200\n  timeout check 15s\n  default-server inter 3s fall 5 rise 2\n` +
        servers.map((srv) => `  server ${srv.name} 127.0.0.1:${srv.port} check\n`).join(''),
    );
    haproxy = spawn(HAPROXY, ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
    haproxy.stderr.on('data', (d) => (serverOut += d));
    for (let until = Date.now() + 20_000; (await fetch(`http://127.0.0.1:${port}/api/health/ready`).then((r) => r.status, () => 0)) !== 200; ) {
      if (Date.now() > until || haproxy.exitCode !== null) throw new Error(`HAProxy did not come up:\n${serverOut}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    log(`${NODES} API nodes (${servers.map((srv) => `${srv.name} on ${srv.port}`).join(', ')}) behind HAProxy on ${port}`);
  }
  base = `http://127.0.0.1:${port}`;
  log(`API → PostgreSQL through ${SOCKET ? 'its Unix-domain socket (PG_SOCKET=1)' : 'TCP on 127.0.0.1'}${DURABLE ? ', durable' : ', not durable (DURABLE=0)'}; server ${path.relative(root, MAIN)}`);
  const db = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
  db.on('error', () => undefined);
  if (PG_STATS) await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');

  // ---------- seed: units, people, accounts, bank ----------
  let t0 = Date.now();
  const [{ id: provinceId }] = (await db.query(`INSERT INTO org_unit (id, code, name, level, path) VALUES (gen_random_uuid(), 'BT', 'Tỉnh Thử Tải', 'province', '') RETURNING id`)).rows;
  await db.query(`UPDATE org_unit SET path = '/' || id || '/' WHERE id = $1`, [provinceId]);
  await db.query(
    `INSERT INTO org_unit (id, code, name, level, parent_id, path)
     WITH x AS (SELECT g, gen_random_uuid() AS u FROM generate_series(1, 40) g)
     SELECT u, 'BT.X' || g, 'Xã Thử Tải ' || g, 'commune', $1::uuid, '/' || $2::text || '/' || u || '/' FROM x`,
    [provinceId, String(provinceId)],
  );
  await db.query(
    `INSERT INTO person (staff_code, full_name, search_text, unit_id, category, status)
     SELECT 'BT' || lpad(g::text, 6, '0'), 'Người Thử Tải ' || g, 'nguoi thu tai ' || g,
            (SELECT id FROM org_unit WHERE code = 'BT.X' || (1 + g % 40)), 'cong_chuc', 'active'
       FROM generate_series(1, $1::int) g`,
    [PEOPLE],
  );
  await db.query(
    `INSERT INTO user_account (username, display_name, password_hash, role, unit_id, person_id)
     SELECT 'bt' || lower(p.staff_code), p.full_name, 'x', 'learner', p.unit_id, p.id FROM person p WHERE p.staff_code LIKE 'BT%'`,
  );
  const [{ id: adminId }] = (await db.query(`INSERT INTO user_account (username, display_name, password_hash, role) VALUES ('bt.admin', 'Quản trị thử tải', 'x', 'admin') RETURNING id`)).rows;
  const topics = (await db.query(`SELECT id, code FROM topic WHERE code IN ('ASEAN','VHCV','KNHC','CCHC.TTHC') ORDER BY code`)).rows;
  const perCell = Math.ceil(QUESTIONS / (topics.length * 2));
  for (const t of topics) {
    for (const difficulty of ['easy', 'medium']) {
      const ids = (
        await db.query(`INSERT INTO question (topic_id, type, difficulty, status) SELECT $1, 'single', $2, 'published' FROM generate_series(1, $3::int) RETURNING id`, [t.id, difficulty, perCell * 2])
      ).rows.map((r) => r.id);
      await db.query(
        `INSERT INTO question_version (question_id, version, topic_id, type, difficulty, stem, options, correct, explanation)
         SELECT q, 1, $2, 'single', $3, 'Câu hỏi thử tải về ' || $4 || '?', '[{"id":"a","text":"A"},{"id":"b","text":"B"},{"id":"c","text":"C"},{"id":"d","text":"D"}]', '["a"]', 'Giải thích'
           FROM unnest($1::uuid[]) q`,
        [ids, t.id, difficulty, t.code],
      );
    }
  }
  const learners = (
    await db.query(`SELECT a.id, a.username, a.display_name, a.unit_id, a.person_id FROM user_account a WHERE a.username LIKE 'btbt%' ORDER BY a.username`)
  ).rows.map((u) => ({ ...u, token: jwt({ sub: u.id, usr: u.username, name: u.display_name, role: 'learner', unit: u.unit_id, person: u.person_id }, JWT_SECRET) }));
  const adminToken = jwt({ sub: adminId, usr: 'bt.admin', name: 'Quản trị thử tải', role: 'admin', unit: null, person: null }, JWT_SECRET);
  log(`seeded ${PEOPLE} people with accounts, 41 units, ${perCell * 2 * 2 * topics.length} published questions in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const blueprint = [];
  let left = QUESTIONS;
  for (const t of topics) for (const difficulty of ['easy', 'medium']) if (left > 0) (blueprint.push({ topicId: t.id, difficulty, count: Math.min(perCell, left) }), (left -= Math.min(perCell, left)));
  const created = await request('POST', '/api/test-rounds', adminToken, {
    name: 'Kiểm tra thử tải toàn tỉnh',
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    blueprint,
    timeLimitMinutes: 120,
  });
  if (created.status !== 201) throw new Error(`create round: ${created.status} ${JSON.stringify(created.body)}`);
  t0 = Date.now();
  const published = await request('POST', `/api/test-rounds/${created.body.id}/publish`, adminToken, {});
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  log(`round of ${QUESTIONS} questions published (notified ${PEOPLE} people) in ${Date.now() - t0} ms`);
  const roundId = created.body.id;

  // ---------- 1. synchronised start ----------
  const startLat = [];
  let startErrors = 0;
  const attempts = new Map();
  if (PG_STATS) await db.query('SELECT pg_stat_statements_reset()');
  let served0 = await servedPerNode();
  let cpu0 = cpuNow();
  t0 = performance.now();
  // The start uses the same lean client as the saves (CLIENT=http: node:http), so the load generator takes less of the cores.
  const lean = process.env.CLIENT === 'http' ? null : new LeanClient(port, CONCURRENCY);
  const leanRequest = lean ? (...a) => lean.request(...a) : request;
  await pool(learners, CONCURRENCY, async (u) => {
    const r = await leanRequest('POST', `/api/test-rounds/${roundId}/attempts`, u.token);
    startLat.push(r.ms);
    if (r.status !== 200 || r.body?.questions?.length !== QUESTIONS) return void startErrors++;
    attempts.set(u.id, { id: r.body.id, questions: r.body.questions.map((q) => q.questionId) });
  });
  const startSecs = (performance.now() - t0) / 1000;
  const startReport = { people: PEOPLE, seconds: +startSecs.toFixed(1), perSecond: +(PEOPLE / startSecs).toFixed(0), errors: startErrors, latency: percentiles(startLat) };
  log(`START   ${PEOPLE} in ${startSecs.toFixed(1)} s = ${startReport.perSecond}/s, errors ${startErrors}; ${fmt(startReport.latency)}`);
  log(`        ${cpuReport(cpu0, cpuNow(), PEOPLE)}${servedShare(served0, await servedPerNode())}`);
  await pgStats(db, 'start');

  // ---------- 2. answering: ACTIVE test-takers, one save each every INTERVAL_MS ----------
  const active = learners.slice(0, ACTIVE).filter((u) => attempts.has(u.id));
  // CLIENT=http uses node:http for the saves too (heavier on the shared cores).
  const saveRequest = leanRequest;
  const saveLat = [];
  let saveErrors = 0;
  const errorSamples = [];
  const acked = new Map(); // attemptId|questionId -> { seq, choice }
  let stop = false;
  const slowAt = []; // seconds since the phase began of saves slower than 100 ms
  served0 = await servedPerNode();
  cpu0 = cpuNow();
  t0 = performance.now();
  const endAt = Date.now() + DURATION_S * 1000;
  await Promise.all(
    active.map(async (u, idx) => {
      const a = attempts.get(u.id);
      let seq = 0;
      let n = 0;
      await new Promise((r) => setTimeout(r, (idx / active.length) * INTERVAL_MS));
      while (!stop && Date.now() < endAt) {
        const next = Date.now() + INTERVAL_MS;
        const q = a.questions[n++ % a.questions.length];
        const choice = [['a', 'b', 'c', 'd'][(idx + n) % 4]];
        seq += 1;
        const r = await saveRequest('PUT', `/api/attempts/${a.id}/answers/${q}`, u.token, { choice, seq });
        saveLat.push(r.ms);
        if (r.ms > 100) slowAt.push(Math.floor((performance.now() - t0) / 1000));
        if (r.status === 200 && r.body?.stale === false) acked.set(`${a.id}|${q}`, { seq, choice });
        else {
          saveErrors++;
          if (errorSamples.length < 5) errorSamples.push(`${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
        }
        const wait = next - Date.now();
        if (wait > 0) await new Promise((res) => setTimeout(res, wait));
      }
    }),
  );
  stop = true;
  const saveSecs = (performance.now() - t0) / 1000;
  const saveReport = { active: active.length, seconds: +saveSecs.toFixed(1), saves: saveLat.length, perSecond: +(saveLat.length / saveSecs).toFixed(0), errors: saveErrors, latency: percentiles(saveLat) };
  log(`SAVE    ${saveLat.length} saves from ${active.length} test-takers in ${saveSecs.toFixed(1)} s = ${saveReport.perSecond}/s, errors ${saveErrors}; ${fmt(saveReport.latency)}`);
  log(`        ${cpuReport(cpu0, cpuNow(), saveLat.length)}${servedShare(served0, await servedPerNode())}`);
  await pgStats(db, 'save');
  const bySecond = new Map();
  for (const sec of slowAt) bySecond.set(sec, (bySecond.get(sec) ?? 0) + 1);
  const worst = [...bySecond].sort((a, b) => b[1] - a[1]).slice(0, 8);
  log(`        saves over 100 ms: ${slowAt.length}, in ${bySecond.size} of ${Math.ceil(saveSecs)} seconds; worst seconds: ${worst.map(([sec, n]) => `${sec}s:${n}`).join(' ') || 'none'}`);
  if (errorSamples.length) log(`        error samples: ${errorSamples.join(' | ')}`);

  // Every acknowledged answer must be in the database with at least the acknowledged seq (no later save was lost).
  const rows = (await db.query(`SELECT attempt_id, question_id, seq::bigint AS seq, choice FROM test_answer`)).rows;
  const stored = new Map(rows.map((r) => [`${r.attempt_id}|${r.question_id}`, { seq: Number(r.seq), choice: r.choice }]));
  let lost = 0;
  for (const [k, v] of acked) {
    const s = stored.get(k);
    if (!s || s.seq !== v.seq || s.choice.join() !== v.choice.join()) lost++;
  }
  log(`CHECK   ${acked.size} acknowledged answers (latest per question), ${lost} missing or different in the database`);

  // SATURATE=0 skips the ceiling and the bare PostgreSQL phases (e.g. when only the submission is being measured).
  let satReport = null;
  let bareReport = null;
  if (process.env.SATURATE !== '0') {
    // ---------- 3. the API's ceiling: saves as fast as they go (closed loop), same concurrency ----------
    const satLat = [];
    let satErrors = 0;
    const satOps = Math.min(saveLat.length || 10_000, 50_000);
    let m = 0;
    served0 = await servedPerNode();
    cpu0 = cpuNow();
    t0 = performance.now();
    await pool(Array.from({ length: satOps }, (_, i) => i), CONCURRENCY, async (i) => {
      const u = active[i % active.length] ?? learners[0];
      const a = attempts.get(u.id);
      const r = await saveRequest('PUT', `/api/attempts/${a.id}/answers/${a.questions[(m++) % a.questions.length]}`, u.token, { choice: ['c'], seq: 2_000_000 + i });
      satLat.push(r.ms);
      if (r.status !== 200) satErrors++;
    });
    const satSecs = (performance.now() - t0) / 1000;
    satReport = { ops: satOps, perSecond: +(satOps / satSecs).toFixed(0), errors: satErrors, latency: percentiles(satLat) };
    log(`SATURATE ${satOps} API save requests in ${satSecs.toFixed(1)} s = ${satReport.perSecond}/s; ${fmt(satReport.latency)} (real saves, closed loop)`);
    log(`        ${cpuReport(cpu0, cpuNow(), satOps)}${servedShare(served0, await servedPerNode())}`);

    // ---------- 4. the bare database: the same upsert, same concurrency, same number of operations ----------
    const bare = new pg.Pool({ connectionString: DATABASE_URL, max: Math.min(CONCURRENCY, 20) });
    const bareAttempts = [...attempts.values()].slice(0, ACTIVE);
    const bareOps = satOps;
    const bareLat = [];
    let k = 0;
    t0 = performance.now();
    await pool(Array.from({ length: bareOps }, (_, i) => i), CONCURRENCY, async (i) => {
      const a = bareAttempts[i % bareAttempts.length];
      const started = performance.now();
      await bare.query(
        `INSERT INTO test_answer AS t (attempt_id, question_id, choice, seq, saved_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (attempt_id, question_id) DO UPDATE SET choice = excluded.choice, seq = excluded.seq, saved_at = excluded.saved_at WHERE excluded.seq > t.seq`,
        [a.id, a.questions[(k++) % a.questions.length], ['b'], 1_000_000 + i],
      );
      bareLat.push(performance.now() - started);
    });
    const bareSecs = (performance.now() - t0) / 1000;
    bareReport = { ops: bareOps, perSecond: +(bareOps / bareSecs).toFixed(0), latency: percentiles(bareLat) };
    log(`BARE PG ${bareOps} upserts in ${bareSecs.toFixed(1)} s = ${bareReport.perSecond}/s; ${fmt(bareReport.latency)}`);
    await bare.end();

    log(`RATIO   bare PostgreSQL ${bareReport.perSecond}/s vs API ${satReport.perSecond}/s = ${(bareReport.perSecond / satReport.perSecond).toFixed(2)}× (p50 ${bareReport.latency.p50.toFixed(1)} vs ${satReport.latency.p50.toFixed(1)} ms)`);
  }

  // ---------- 5. submission ----------
  // A real test-taker submits a full answer sheet: every question not answered above gets an answer (by SQL, not
  // measured; about 70 % right, so both a pass — with its training evidence — and a fail are written). FILL=0: as saved.
  if (process.env.FILL !== '0') {
    await db.query(
      `INSERT INTO test_answer (attempt_id, question_id, choice, seq, saved_at)
       SELECT a.id, q, ARRAY[CASE WHEN abs(hashtext(a.id::text || q::text)) % 10 < 7 THEN 'a' ELSE 'b' END], 1, now()
         FROM test_attempt a CROSS JOIN unnest(a.question_ids) q WHERE a.id = ANY($1::uuid[])
       ON CONFLICT DO NOTHING`,
      [active.map((u) => attempts.get(u.id).id)],
    );
    await db.query('CHECKPOINT');
  }
  // COVERAGE=0: no active target, so a pass queues nothing for coverage — the submission's own cost without the
  // coverage fold (the difference between two runs is coverage's share).
  if (process.env.COVERAGE === '0') await db.query(`UPDATE target SET active = false`);
  const QUEUES_SQL = await queuesSql(db);
  const submitLat = [];
  let submitErrors = 0;
  if (PG_STATS) await db.query('SELECT pg_stat_statements_reset()');
  served0 = await servedPerNode();
  cpu0 = cpuNow();
  t0 = performance.now();
  await pool(active, CONCURRENCY, async (u) => {
    const r = await request('POST', `/api/attempts/${attempts.get(u.id).id}/submit`, u.token, {});
    submitLat.push(r.ms);
    if (r.status !== 200 || typeof r.body?.score !== 'number') submitErrors++; // submit answers with the result page
  });
  const submitSecs = (performance.now() - t0) / 1000;
  // The work a submission leaves to the API's background folders (coverage of the passes, item statistics) is part of
  // its cost: the CPU end-point is taken only once every queue is empty.
  const drainStarted = performance.now();
  const queued = async () => (await db.query(QUEUES_SQL)).rows[0];
  let stillQueued = await queued();
  while (Object.values(stillQueued).some((n) => n > 0)) {
    if (performance.now() - drainStarted > 300_000) throw new Error(`queues not drained after 5 min: ${JSON.stringify(stillQueued)}`);
    await new Promise((r) => setTimeout(r, 20));
    stillQueued = await queued();
  }
  const drainMs = performance.now() - drainStarted;
  const submitReport = { submits: active.length, seconds: +submitSecs.toFixed(1), perSecond: +(active.length / submitSecs).toFixed(0), errors: submitErrors, latency: percentiles(submitLat), drainMs: Math.round(drainMs) };
  log(`SUBMIT  ${active.length} in ${submitSecs.toFixed(1)} s = ${submitReport.perSecond}/s, errors ${submitErrors}; ${fmt(submitReport.latency)}`);
  log(`        queues drained ${drainMs.toFixed(0)} ms after the last answer (${Object.keys(stillQueued).join(', ')}: all empty); CPU counted up to then`);
  log(`        ${cpuReport(cpu0, cpuNow(), active.length)}${servedShare(served0, await servedPerNode())}`);
  await pgStats(db, 'submit');
  const [{ n: results }] = (await db.query(`SELECT count(*)::int AS n FROM test_result WHERE round_id = $1`, [roundId])).rows;
  log(`        ${results} test_result rows written`);

  console.log(JSON.stringify({ people: PEOPLE, questions: QUESTIONS, active: ACTIVE, start: startReport, save: saveReport, lost, submit: submitReport, bare: bareReport, saturate: satReport }));
  await db.end();
  agent.destroy();
  lean?.close();
} finally {
  await stopAll();
}
