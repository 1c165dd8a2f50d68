// `npm run drill:nodes` — a failover drill of the multi-node deployment, on this machine:
//   a PostgreSQL primary and a streaming standby, API nodes A (API_ROLE=all) and B (API_ROLE=web) started as separate
//   processes, HAProxy in front using /api/health/ready; TAKERS test-takers (default 3,000) start a round through the
//   load balancer and save answers; mid-round node B is killed with SIGKILL and restarted later, then the primary is
//   restarted; everyone submits; every acknowledged answer must be in the submitted attempts.
// Prints the client-visible errors, the recovery time of each fault, and last `lost N`. Not part of `npm test`.
// Quick run: TAKERS=500 ROUND_S=40. A real exam client retries a save that failed; so does this one (RETRIES).
import { createHmac, randomUUID } from 'node:crypto';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { startPrimary, startStandby, freePort } = require('./pg-cluster.cjs');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const num = (k, d) => Number(process.env[k] ?? d);
const TAKERS = num('TAKERS', 3000);
const QUESTIONS = num('QUESTIONS', 20);
const ROUND_S = num('ROUND_S', 90);
const INTERVAL_MS = num('INTERVAL_MS', 8000);
const CONCURRENCY = num('CONCURRENCY', 200);
const RETRIES = num('RETRIES', 20);
const MAIN = path.join(root, 'dist/apps/api/apps/api/src/main.js');
const log = (m) => process.stdout.write(`[drill] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t00 = performance.now();
const at = () => ((performance.now() - t00) / 1000).toFixed(1).padStart(6);

// ---------- prerequisites ----------
if (!existsSync(MAIN)) {
  log('building the API (dist is missing)');
  const b = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'web', '--outputStyle=static'], { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
  if (b.status !== 0) process.exit(1);
}
const HAPROXY = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';
if (!existsSync(HAPROXY)) {
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    log('installing haproxy (apt-get)');
    execFileSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq haproxy >/dev/null'], { stdio: 'inherit' });
  } else {
    console.error(`The drill needs HAProxy at ${HAPROXY}: install it (Debian: sudo apt-get install -y haproxy) or set HAPROXY_PATH.`);
    process.exit(1);
  }
}

// ---------- helpers ----------
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function jwt(payload, secret) {
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64({ ...payload, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 4 * 3600 });
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
}
let base;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function request(method, urlPath, token, json) {
  const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  return new Promise((resolve) => {
    const req = http.request(`${base}${urlPath}`, { method, agent, headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        let body = null;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString());
        } catch {
          /* not JSON (HAProxy's own error page) */
        }
        resolve({ status: res.statusCode, body });
      });
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, body: { error: e.message } }));
    if (payload) req.write(payload);
    req.end();
  });
}
async function pool(items, limit, fn) {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]);
  }));
}

/** Client-visible errors: every non-2xx answer a test-taker's device saw (before it retried), by kind and time. */
const errors = [];
const errorKinds = new Map();
function noteError(op, r) {
  const kind = `${op} ${r.status === 0 ? r.body?.error ?? 'no answer' : r.status}`;
  errors.push({ t: performance.now(), kind });
  errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  if (!errorSamples.has(kind)) errorSamples.set(kind, JSON.stringify(r.body ?? null).slice(0, 160));
}
const errorSamples = new Map();
/** Like a real exam client: retry with back-off until acknowledged (or RETRIES times). */
async function withRetry(op, fn, ok) {
  for (let i = 0; ; i++) {
    const r = await fn();
    if (ok(r)) return r;
    noteError(op, r);
    if (i >= RETRIES || (r.status >= 400 && r.status < 500 && r.status !== 429 && r.status !== 409)) return r;
    await sleep(Math.min(4000, 200 * 2 ** i) * (0.5 + Math.random()));
  }
}

// ---------- the cluster ----------
const work = path.join(root, '.data', `drill-${process.pid}`);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const children = [];
let primary;
let standby;
const stopAll = async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await standby?.stop().catch(() => undefined);
  await primary?.stop().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
};
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

const JWT_SECRET = randomUUID() + randomUUID();
const nodes = {};
function startNode(name, port, role, databaseUrl, readUrl) {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, DATABASE_READ_URL: readUrl, PORT: String(port), HOST: '127.0.0.1', API_ROLE: role, API_NODES: '2', SEED_DEMO: 'false', JWT_SECRET, ACCESS_TOKEN_TTL_SECONDS: '14400' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  children.push(child);
  nodes[name] = { child, port, output: () => out };
  return nodes[name];
}
async function waitReady(port, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then((r) => r.status, () => 0);
    if (s === 200) return;
    if (Date.now() > until) throw new Error(`node on ${port} not ready after ${timeoutMs} ms`);
    await sleep(100);
  }
}

try {
  primary = await startPrimary({ dataDir: path.join(work, 'primary'), flags: ['-c', 'shared_buffers=256MB', '-c', 'synchronous_commit=on'] });
  const admin = new pg.Client({ connectionString: primary.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE cchc');
  await admin.end();
  const DATABASE_URL = primary.url('cchc');
  standby = await startStandby(primary, { dataDir: path.join(work, 'standby') });
  const READ_URL = standby.url('cchc');
  log(`${at()} s  primary on ${primary.port}, streaming standby on ${standby.port}`);

  const [portA, portB, portLb] = [await freePort(), await freePort(), await freePort()];
  startNode('A', portA, 'all', DATABASE_URL, READ_URL);
  startNode('B', portB, 'web', DATABASE_URL, READ_URL);
  await Promise.all([waitReady(portA), waitReady(portB)]);
  log(`${at()} s  node A (all) on ${portA}, node B (web) on ${portB}: both ready (they migrated once, under the advisory lock)`);

  const cfg = path.join(work, 'haproxy.cfg');
  writeFileSync(
    cfg,
    `global\n  maxconn 4000\ndefaults\n  mode http\n  timeout connect 2s\n  timeout client 60s\n  timeout server 60s\n  timeout http-keep-alive 10s\n  retries 3\n  option redispatch 1\n  retry-on conn-failure empty-response 503\n` +
      `frontend cchc\n  bind 127.0.0.1:${portLb}\n  default_backend api\n` +
      `backend api\n  balance leastconn\n  option httpchk GET /api/health/ready\n  http-check expect status 200\n  default-server inter 1s fall 3 rise 2 on-marked-down shutdown-sessions\n  timeout check 5s\n` +
      `  server A 127.0.0.1:${portA} check\n  server B 127.0.0.1:${portB} check\n`,
  );
  const haproxy = spawn(HAPROXY, ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let haproxyOut = '';
  haproxy.stderr.on('data', (d) => (haproxyOut += d));
  children.push(haproxy);
  base = `http://127.0.0.1:${portLb}`;
  for (let until = Date.now() + 20_000; (await fetch(`${base}/api/health/ready`).then((r) => r.status, () => 0)) !== 200; ) {
    if (Date.now() > until || haproxy.exitCode !== null) throw new Error(`HAProxy did not come up:\n${haproxyOut}`);
    await sleep(100);
  }
  log(`${at()} s  HAProxy on ${portLb} (checks /api/health/ready every second)`);

  // ---------- seed ----------
  const db = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
  db.on('error', () => undefined);
  const [{ id: provinceId }] = (await db.query(`INSERT INTO org_unit (id, code, name, level, path) VALUES (gen_random_uuid(), 'DT', 'Tỉnh Diễn Tập', 'province', '') RETURNING id`)).rows;
  await db.query(`UPDATE org_unit SET path = '/' || id || '/' WHERE id = $1`, [provinceId]);
  await db.query(
    `INSERT INTO org_unit (id, code, name, level, parent_id, path)
     WITH x AS (SELECT g, gen_random_uuid() AS u FROM generate_series(1, 20) g)
     SELECT u, 'DT.X' || g, 'Xã Diễn Tập ' || g, 'commune', $1::uuid, '/' || $2::text || '/' || u || '/' FROM x`,
    [provinceId, String(provinceId)],
  );
  await db.query(
    `INSERT INTO person (staff_code, full_name, search_text, unit_id, category, status)
     SELECT 'DT' || lpad(g::text, 6, '0'), 'Người Diễn Tập ' || g, 'nguoi dien tap ' || g, (SELECT id FROM org_unit WHERE code = 'DT.X' || (1 + g % 20)), 'cong_chuc', 'active'
       FROM generate_series(1, $1::int) g`,
    [TAKERS],
  );
  await db.query(`INSERT INTO user_account (username, display_name, password_hash, role, unit_id, person_id) SELECT 'dt' || lower(p.staff_code), p.full_name, 'x', 'learner', p.unit_id, p.id FROM person p WHERE p.staff_code LIKE 'DT%'`);
  const [{ id: adminId }] = (await db.query(`INSERT INTO user_account (username, display_name, password_hash, role) VALUES ('dt.admin', 'Quản trị diễn tập', 'x', 'admin') RETURNING id`)).rows;
  const topics = (await db.query(`SELECT id, code FROM topic ORDER BY code LIMIT 2`)).rows;
  const blueprint = [];
  for (const t of topics) {
    const ids = (await db.query(`INSERT INTO question (topic_id, type, difficulty, status) SELECT $1, 'single', 'easy', 'published' FROM generate_series(1, $2::int) RETURNING id`, [t.id, QUESTIONS])).rows.map((r) => r.id);
    await db.query(
      `INSERT INTO question_version (question_id, version, topic_id, type, difficulty, stem, options, correct, explanation)
       SELECT q, 1, $2, 'single', 'easy', 'Câu hỏi diễn tập?', '[{"id":"a","text":"A"},{"id":"b","text":"B"},{"id":"c","text":"C"},{"id":"d","text":"D"}]', '["a"]', 'Giải thích' FROM unnest($1::uuid[]) q`,
      [ids, t.id],
    );
    blueprint.push({ topicId: t.id, difficulty: 'easy', count: QUESTIONS / topics.length });
  }
  const learners = (await db.query(`SELECT id, username, display_name, unit_id, person_id FROM user_account WHERE username LIKE 'dtdt%' ORDER BY username`)).rows.map((u) => ({
    ...u,
    token: jwt({ sub: u.id, usr: u.username, name: u.display_name, role: 'learner', unit: u.unit_id, person: u.person_id }, JWT_SECRET),
  }));
  const adminToken = jwt({ sub: adminId, usr: 'dt.admin', name: 'Quản trị diễn tập', role: 'admin', unit: null, person: null }, JWT_SECRET);
  const created = await request('POST', '/api/test-rounds', adminToken, { name: 'Diễn tập chuyển đổi dự phòng', opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 86_400_000).toISOString(), blueprint, timeLimitMinutes: 120 });
  if (created.status !== 201) throw new Error(`create round: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await request('POST', `/api/test-rounds/${created.body.id}/publish`, adminToken, {});
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  const roundId = created.body.id;
  log(`${at()} s  seeded ${TAKERS} test-takers and a published round of ${QUESTIONS} questions`);

  // ---------- the round ----------
  const attempts = new Map();
  await pool(learners, CONCURRENCY, async (u) => {
    const r = await withRetry('start', () => request('POST', `/api/test-rounds/${roundId}/attempts`, u.token), (x) => x.status === 200 && x.body?.questions?.length === QUESTIONS);
    if (r.status === 200) attempts.set(u.id, { id: r.body.id, questions: r.body.questions.map((q) => q.questionId) });
  });
  log(`${at()} s  ${attempts.size} of ${TAKERS} attempts started through the load balancer`);

  const acked = new Map(); // attempt|question -> { seq, choice } of the latest acknowledged save
  let saves = 0;
  let unacked = 0;
  const roundStart = performance.now();
  const endAt = Date.now() + ROUND_S * 1000;
  const faults = [];
  const faultPlan = (async () => {
    const waitUntil = (frac) => sleep(Math.max(0, roundStart + frac * ROUND_S * 1000 - performance.now()));
    await waitUntil(0.25);
    const killedAt = performance.now();
    nodes.B.child.kill('SIGKILL');
    log(`${at()} s  FAULT 1: node B killed (SIGKILL) mid-round`);
    faults.push({ name: 'node B killed (SIGKILL)', at: killedAt, until: null });
    await waitUntil(0.45);
    const restartAt = performance.now();
    startNode('B', portB, 'web', DATABASE_URL, READ_URL);
    await waitReady(portB);
    log(`${at()} s  node B restarted and ready again after ${((performance.now() - restartAt) / 1000).toFixed(1)} s`);
    faults.push({ name: 'node B restarted (rejoins)', at: restartAt, until: null });
    await waitUntil(0.65);
    const pgAt = performance.now();
    log(`${at()} s  FAULT 2: PostgreSQL primary restarting`);
    await primary.restart('SIGINT');
    log(`${at()} s  primary back after ${((performance.now() - pgAt) / 1000).toFixed(1)} s`);
    faults.push({ name: 'primary restarted', at: pgAt, until: null });
  })();

  await Promise.all(
    [...attempts.entries()].map(async ([userId, a], idx) => {
      const u = learners.find((x) => x.id === userId);
      let seq = 0;
      let n = 0;
      await sleep((idx / attempts.size) * INTERVAL_MS);
      while (Date.now() < endAt) {
        const next = Date.now() + INTERVAL_MS;
        const q = a.questions[n++ % a.questions.length];
        const choice = [['a', 'b', 'c', 'd'][(idx + n) % 4]];
        seq += 1;
        // A retry of a save that its first try already stored answers "stale" with our own seq: that is an acknowledgement.
        const stored = (x) => x.status === 200 && (x.body?.stale === false || x.body?.seq === seq);
        const r = await withRetry('save', () => request('PUT', `/api/attempts/${a.id}/answers/${q}`, u.token, { choice, seq }), stored);
        saves++;
        if (stored(r)) acked.set(`${a.id}|${q}`, { seq, choice });
        else unacked++;
        const wait = next - Date.now();
        if (wait > 0) await sleep(wait);
      }
    }),
  );
  await faultPlan;
  const roundEnd = performance.now();
  log(`${at()} s  round over: ${saves} saves, ${acked.size} acknowledged answers kept (latest per question), ${unacked} never acknowledged`);

  let submitted = 0;
  await pool([...attempts.entries()], CONCURRENCY, async ([userId, a]) => {
    const u = learners.find((x) => x.id === userId);
    const r = await withRetry('submit', () => request('POST', `/api/attempts/${a.id}/submit`, u.token, {}), (x) => x.status === 200);
    if (r.status === 200) submitted++;
  });
  log(`${at()} s  ${submitted} of ${attempts.size} attempts submitted`);

  // ---------- verification ----------
  const check = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  const rows = (await check.query(`SELECT a.id AS attempt_id, a.submitted_at, x.question_id, x.seq::bigint AS seq, x.choice FROM test_attempt a JOIN test_answer x ON x.attempt_id = a.id WHERE a.round_id = $1`, [roundId])).rows;
  const stored = new Map(rows.map((r) => [`${r.attempt_id}|${r.question_id}`, r]));
  let lost = 0;
  for (const [k, v] of acked) {
    const s = stored.get(k);
    if (!s || !s.submitted_at || Number(s.seq) < v.seq || (Number(s.seq) === v.seq && s.choice.join() !== v.choice.join())) lost++;
  }
  const notSubmitted = (await check.query(`SELECT count(*)::int AS n FROM test_attempt WHERE round_id = $1 AND submitted_at IS NULL`, [roundId])).rows[0].n;
  await check.end();
  await db.end().catch(() => undefined);

  // ---------- report ----------
  for (const f of faults) {
    // Recovery: from the fault until the last client-visible error after it, before the next fault or the round's end.
    const next = faults.find((g) => g.at > f.at)?.at ?? roundEnd;
    const related = errors.filter((e) => e.t >= f.at && e.t < next);
    f.recovery = related.length ? (related[related.length - 1].t - f.at) / 1000 : 0;
    f.errors = related.length;
  }
  log('');
  log(`client-visible errors (each retried by the client): ${errors.length}`);
  for (const [k, v] of [...errorKinds].sort((a, b) => b[1] - a[1])) log(`  ${String(v).padStart(6)}  ${k}   e.g. ${errorSamples.get(k)}`);
  for (const f of faults) log(`recovery: ${f.name}: ${f.recovery.toFixed(1)} s until the last error it caused (${f.errors} errors)`);
  log(`attempts not submitted: ${notSubmitted}; saves never acknowledged (the client gave up): ${unacked}`);
  log(`acknowledged answers checked against the submitted attempts: ${acked.size}`);
  process.stdout.write(`lost ${lost}\n`);
  await stopAll();
  process.exit(lost === 0 ? 0 : 1);
} catch (e) {
  console.error(`[drill] failed: ${e?.stack ?? e}`);
  for (const [name, n] of Object.entries(nodes)) console.error(`--- node ${name} output (tail):\n${n.output().slice(-3000)}`);
  await stopAll();
  process.exit(2);
}
