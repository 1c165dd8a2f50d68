// `npm run bench:lrs`: a benchmark (not a test) of the built-in xAPI LRS over real HTTP, against the BUILT server.
//
// Starts an embedded PostgreSQL (durable: fsync on, as in production; DURABLE=0 for the tests' settings), generates
// STATEMENTS statements in its own database with set-based SQL (generate_series; AGENTS agents, ACTIVITIES lessons in
// ACTIVITIES/20 courses, 15 verbs, sessions of 8 statements of which 70% carry a registration, 5 years of stored
// times), then starts the API as its own process and measures
//   1. ingest: INGEST statements POSTed in batches of 50 by CONCURRENCY keep-alive clients (validated,
//      authenticated, stored with their indexes) — and the bare PostgreSQL INSERT of the same rows at the same batch
//      size and concurrency, with the CPU each side used;
//   2. the common queries, QUERIES of each through GET /api/xapi/statements (agent + verb + activity; agent; `since`
//      as a syncing client asks it; registration; a course with related_activities; the second page through `more`),
//      each beside the bare SELECT of the same rows, interleaved: p50/p95/p99 and the ratio.
// The issue's size is STATEMENTS=10000000 (≈ 20 GB of disk and ≈ 20 min of generation on the shared 2-core machine);
// the default is 200,000 for a quick run. BENCH_DATA=<folder> keeps the PostgreSQL data there and reuses the generated
// statements on the next run with the same STATEMENTS (delete the folder when done); without it everything is removed.
// BENCH_MAIN: another build of the server (e.g. the previous commit's, for before/after in the same conditions).
// GENERATE_ONLY=1 stops after the generation (with BENCH_DATA: generate once, measure later).
// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": profile the server. PG_STATS=1: PostgreSQL's top statements.
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const env = (k, d) => Number(process.env[k] ?? d);
const STATEMENTS = env('STATEMENTS', 200_000);
const AGENTS = env('AGENTS', 50_000);
const ACTIVITIES = env('ACTIVITIES', 2_000);
const INGEST = env('INGEST', 20_000);
const CONCURRENCY = env('CONCURRENCY', 8);
const QUERIES = env('QUERIES', 200);
const BATCH = 50;
const HOME = 'https://bench.khanhhoa.gov.vn';
const VERBS = ['launched', 'initialized', 'terminated', 'completed', 'passed', 'failed', 'experienced', 'answered', 'progressed', 'interacted', 'attempted', 'suspended', 'resumed', 'commented', 'attended'];
const MAIN = process.env.BENCH_MAIN ? path.resolve(process.env.BENCH_MAIN) : path.join(root, 'dist/apps/api/apps/api/src/main.js');
const DURABLE = process.env.DURABLE !== '0';
const PG_STATS = process.env.PG_STATS === '1';
const log = (m) => process.stdout.write(`[bench:lrs ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const n0 = (x) => Math.round(x).toLocaleString('en');

if (!existsSync(MAIN)) {
  console.error(`${MAIN} is missing: build first (npx nx run-many -t build -p api)`);
  process.exit(1);
}
const dist = path.dirname(MAIN);
const { migrate } = require(`${dist}/database/database.js`);
const { toStatementRow } = require(`${dist}/xapi/statement-store.js`);

// ---------- database ----------
const keep = Boolean(process.env.BENCH_DATA);
const dataDir = keep ? path.resolve(process.env.BENCH_DATA) : path.join(root, '.data', `bench-lrs-${process.pid}`);
mkdirSync(path.dirname(dataDir), { recursive: true });
const pgFlags = PG_STATS ? ['-c', 'shared_preload_libraries=pg_stat_statements'] : [];
const pgServer = await startEmbeddedPostgres({ dataDir, ephemeral: !DURABLE, extraFlags: pgFlags });
const admin = new pg.Client({ connectionString: pgServer.url });
await admin.connect();
if (!(await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'cchc_lrs_bench'`)).rowCount) await admin.query('CREATE DATABASE cchc_lrs_bench');
await admin.end();
const dbUrl = new URL(pgServer.url);
dbUrl.pathname = '/cchc_lrs_bench';
const DATABASE_URL = dbUrl.toString();

// ---------- CPU accounting (like bench:exam): the API process, PostgreSQL's processes, this load generator ----------
const cpuOf = (pid) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return 0;
  }
};
const withChildren = (parent) => {
  const pids = [parent];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === parent) pids.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return pids;
};
let server = null;
const cpuNow = () => {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const gen = process.cpuUsage();
  return { api: server ? withChildren(server.pid).reduce((a, p) => a + cpuOf(p), 0) : 0, pg: withChildren(postmaster).reduce((a, p) => a + cpuOf(p), 0), gen: (gen.user + gen.system) / 1e6 };
};

const pct = (xs, p) => {
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const f1 = (x) => x.toFixed(1);

/** Runs `tasks` with `n` in flight; answers each task's duration in ms. */
async function inFlight(tasks, n) {
  const durations = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++];
        const t0 = performance.now();
        await task();
        durations.push(performance.now() - t0);
      }
    }),
  );
  return durations;
}

async function pgStats(db, phase) {
  if (!PG_STATS) return;
  const { rows } = await db.query(
    `SELECT calls, round(total_exec_time::numeric, 0) AS ms, round((total_exec_time / greatest(calls, 1))::numeric, 3) AS per_call,
            regexp_replace(left(query, 110), '\\s+', ' ', 'g') AS q
       FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 10`,
  );
  log(`  PostgreSQL time in ${phase}, top statements:`);
  for (const r of rows) log(`    ${String(r.ms).padStart(7)} ms ${String(r.calls).padStart(7)} calls ${r.per_call} ms/call  ${r.q}`);
  await db.query('SELECT pg_stat_statements_reset()');
}

// ---------- generation (set-based, once per data folder and size) ----------
const GENERATE = `
INSERT INTO xapi_statement (id, statement, stored, verb_id, actor_ifis, object_activity_id, registration, related_agents, related_activities)
SELECT x.id,
       jsonb_build_object(
         'id', x.id,
         'actor', jsonb_build_object('objectType', 'Agent', 'account', jsonb_build_object('homePage', $6::text, 'name', 'u' || x.a)),
         'verb', jsonb_build_object('id', 'http://adlnet.gov/expapi/verbs/' || x.v, 'display', jsonb_build_object('en-US', x.v)),
         'object', jsonb_build_object('objectType', 'Activity', 'id', x.act, 'definition', jsonb_build_object('name', jsonb_build_object('vi-VN', 'Bài ' || x.l))),
         'context', jsonb_strip_nulls(jsonb_build_object('registration', x.reg, 'platform', 'cchc-learn',
                      'contextActivities', jsonb_build_object('parent', jsonb_build_array(jsonb_build_object('id', x.course))))))
       || CASE WHEN x.k = 6 THEN jsonb_build_object('result', jsonb_build_object('score', jsonb_build_object('scaled', (x.s % 101) / 100.0),
                                   'success', x.s % 3 <> 2, 'completion', true, 'duration', 'PT' || (x.s % 50 + 5) || 'M')) ELSE '{}'::jsonb END
       || jsonb_build_object('timestamp', to_char(x.stored AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                             'stored', to_char(x.stored AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                             'authority', jsonb_build_object('objectType', 'Agent', 'name', 'bench', 'account', jsonb_build_object('homePage', $6::text, 'name', 'lrs_gen')),
                             'version', '1.0.0'),
       x.stored, 'http://adlnet.gov/expapi/verbs/' || x.v, ARRAY['account:' || $6 || '|u' || x.a], x.act, x.reg,
       ARRAY['account:' || $6 || '|u' || x.a, 'account:' || $6 || '|lrs_gen'], ARRAY[x.act, x.course]
  FROM (SELECT y.*, $6 || '/xapi/activities/lesson/' || y.l AS act, $6 || '/xapi/activities/course/' || (y.l / 20) AS course,
               CASE WHEN y.s % 10 < 7 THEN md5('reg' || y.s)::uuid END AS reg,
               ($7::text[])[1 + CASE y.k WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 7 THEN 2 WHEN 6 THEN 3 + y.s % 3 ELSE 6 + (y.s + y.k) % 9 END] AS v,
               $8::timestamptz - interval '1826 days' + (y.g::float8 / $3) * interval '1826 days' AS stored
          FROM (SELECT g, gen_random_uuid() AS id, (g - 1) / 8 AS s, (g - 1) % 8 AS k,
                       (((g - 1) / 8) * 2654435761) % $4 AS a, ((((g - 1) / 8) / $4) * 7919 + ((g - 1) / 8) * 40503) % $5 AS l
                  FROM generate_series($1::bigint, $2::bigint) g) y) x`;

/**
 * The statement table filled with STATEMENTS generated statements: a session of 8 statements per learner and lesson
 * (each learner's sessions go to different lessons)
 * (launched, initialized, 4 of experienced/answered/progressed/…, completed/passed/failed with a result, terminated),
 * 70% of sessions with a registration, the lesson's course as context parent, stored times spread over 5 years.
 * Indexes are dropped during the load and built afterwards (as a restore would).
 */
async function generate(db) {
  await db.query(`CREATE TABLE IF NOT EXISTS lrs_bench_meta (statements bigint NOT NULL, seconds float8 NOT NULL, until timestamptz NOT NULL)`);
  const [meta] = (await db.query(`SELECT statements::int AS n, seconds, until FROM lrs_bench_meta`)).rows;
  if (meta && meta.n === STATEMENTS) {
    log(`reusing ${n0(STATEMENTS)} generated statements (generated in ${f1(meta.seconds)} s)`);
    return meta;
  }
  log(`generating ${n0(STATEMENTS)} statements (${n0(AGENTS)} agents, ${n0(ACTIVITIES)} lessons in ${n0(ACTIVITIES / 20)} courses, 15 verbs, 5 years)…`);
  // Builds from migration 1763800029100 on keep one row per (activity, statement) for related_activities.
  const activityTable = (await db.query(`SELECT to_regclass('xapi_statement_activity') IS NOT NULL AS yes`)).rows[0].yes;
  await db.query(`TRUNCATE xapi_statement, lrs_bench_meta${activityTable ? ', xapi_statement_activity' : ''}`);
  if (activityTable) await db.query(`ALTER TABLE xapi_statement_activity DROP CONSTRAINT pk_xapi_statement_activity`);
  const t0 = performance.now();
  const indexes = (
    await db.query(
      `SELECT i.indexname AS name, i.indexdef AS def, c.conname AS constraint, pg_get_constraintdef(c.oid) AS condef
         FROM pg_indexes i LEFT JOIN pg_constraint c ON c.conindid = i.indexname::regclass
        WHERE i.tablename = 'xapi_statement'`,
    )
  ).rows;
  for (const ix of indexes) await db.query(ix.constraint ? `ALTER TABLE xapi_statement DROP CONSTRAINT ${ix.constraint}` : `DROP INDEX ${ix.name}`);
  const [{ until }] = (await db.query(`SELECT date_trunc('hour', now()) - interval '1 hour' AS until`)).rows;
  const chunk = 500_000;
  for (let from = 1; from <= STATEMENTS; from += chunk) {
    await db.query(GENERATE, [from, Math.min(STATEMENTS, from + chunk - 1), STATEMENTS, AGENTS, ACTIVITIES, HOME, VERBS, until]);
    if (STATEMENTS > chunk) log(`  ${n0(Math.min(STATEMENTS, from + chunk - 1))} rows (${f1((performance.now() - t0) / 1000)} s)`);
  }
  if (activityTable)
    await db.query(`INSERT INTO xapi_statement_activity (activity_id, stored, seq)
                    SELECT DISTINCT a.id, s.stored, s.seq FROM xapi_statement s CROSS JOIN LATERAL unnest(s.related_activities) AS a(id)`);
  const loaded = (performance.now() - t0) / 1000;
  await db.query(`SET maintenance_work_mem = '512MB'`);
  for (const ix of indexes) {
    const t1 = performance.now();
    await db.query(ix.constraint ? `ALTER TABLE xapi_statement ADD CONSTRAINT ${ix.constraint} ${ix.condef}` : ix.def);
    if (STATEMENTS > chunk) log(`  index ${ix.name}: ${f1((performance.now() - t1) / 1000)} s`);
  }
  if (activityTable) await db.query(`ALTER TABLE xapi_statement_activity ADD CONSTRAINT pk_xapi_statement_activity PRIMARY KEY (activity_id, stored, seq)`);
  const indexed = (performance.now() - t0) / 1000 - loaded;
  await db.query('VACUUM ANALYZE xapi_statement');
  if (activityTable) await db.query('VACUUM ANALYZE xapi_statement_activity');
  const seconds = (performance.now() - t0) / 1000;
  await db.query(`INSERT INTO lrs_bench_meta (statements, seconds, until) VALUES ($1, $2, $3)`, [STATEMENTS, seconds, until]);
  log(`generated in ${f1(seconds)} s (rows ${f1(loaded)} s, indexes ${f1(indexed)} s, VACUUM ANALYZE ${f1(seconds - loaded - indexed)} s)`);
  return { n: STATEMENTS, seconds, until };
}

async function sizes(db) {
  const { rows } = await db.query(
    `SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes, i.indexdef AS def
       FROM pg_class c LEFT JOIN pg_indexes i ON i.indexname = c.relname
      WHERE c.oid = 'xapi_statement'::regclass OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'xapi_statement'::regclass)
      ORDER BY c.oid = 'xapi_statement'::regclass DESC, pg_relation_size(c.oid) DESC`,
  );
  const [{ toast }] = (await db.query(`SELECT coalesce(pg_total_relation_size(reltoastrelid), 0) AS toast FROM pg_class WHERE oid = 'xapi_statement'::regclass`)).rows;
  const mb = (b) => `${n0(Number(b) / 2 ** 20)} MB`;
  log(`sizes: table ${mb(rows[0].bytes)} (+ TOAST ${mb(toast)}), indexes ${mb(rows.slice(1).reduce((a, r) => a + Number(r.bytes), 0))}:`);
  for (const r of rows.slice(1)) log(`  ${mb(r.bytes).padStart(9)}  ${r.def.replace(/^CREATE (UNIQUE )?INDEX \S+ ON public\.xapi_statement USING /, (m, u) => (u ? 'unique ' : ''))}`);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)]));
}

// ---------- HTTP ----------
const agentPool = new http.Agent({ keepAlive: true, maxSockets: 64 });
let base;
let auth;
function request(method, urlPath, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(`${base}${urlPath}`, {
      method,
      agent: agentPool,
      headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3', ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}) },
    });
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const ingestStatement = (i) => {
  const s = Math.floor(i / 8);
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', account: { homePage: HOME, name: `u${(s * 7919) % AGENTS}` } },
    verb: { id: `http://adlnet.gov/expapi/verbs/${VERBS[i % VERBS.length]}`, display: { 'vi-VN': 'đã hoàn thành' } },
    object: { id: `${HOME}/xapi/activities/lesson/${(s * 7) % ACTIVITIES}`, definition: { name: { 'vi-VN': `Bài ${(s * 7) % ACTIVITIES}` } } },
    result: { score: { scaled: (i % 100) / 100 }, success: i % 3 !== 0, completion: true, duration: 'PT12M' },
    context: { registration: randomUUID(), platform: 'bench', contextActivities: { parent: [{ id: `${HOME}/xapi/activities/course/${Math.floor(((s * 7) % ACTIVITIES) / 20)}` }] } },
    timestamp: new Date().toISOString(),
  };
};

async function run() {
  await migrate(DATABASE_URL, () => undefined);
  const db = new pg.Pool({ connectionString: DATABASE_URL, max: CONCURRENCY + 2 });
  if (PG_STATS) await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const results = { size: { STATEMENTS, AGENTS, ACTIVITIES, INGEST, CONCURRENCY, QUERIES, BATCH, DURABLE }, when: new Date().toISOString(), build: MAIN };
  const meta = await generate(db);
  results.generationSeconds = meta.seconds;
  results.sizes = await sizes(db);
  if (process.env.GENERATE_ONLY === '1') {
    await db.end();
    return;
  }

  // The server, as its own process (so its CPU is its own).
  const key = `lrs_bench_${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(24).toString('base64url');
  const [{ id: clientId }] = (
    await db.query(`INSERT INTO lrs_client (name, key, secret_hash, scopes) VALUES ('bench', $1, $2, ARRAY['write','read_all']) RETURNING id`, [
      key,
      createHash('sha256').update(secret).digest('hex'),
    ])
  ).rows;
  auth = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  const port = await freePort();
  let out = '';
  server = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), MAIN], {
    env: { ...process.env, DATABASE_URL, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'false', CCHC_JOBS: 'off', PUBLIC_URL: HOME, JWT_SECRET: randomUUID() + randomUUID() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (d) => (out += d));
  server.stderr.on('data', (d) => (out += d));
  base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 90_000; ; ) {
    if (server.exitCode !== null) throw new Error(`server exited:\n${out}`);
    if (await fetch(`${base}/api/health/ready`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`server not ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }

  try {
    // ---- ingest through the API, batches of 50 ----
    const makeBatches = (from) => Array.from({ length: Math.ceil(INGEST / BATCH) }, (_, b) => Array.from({ length: BATCH }, (_, k) => ingestStatement(from + b * BATCH + k)));
    // Warm-up (JIT, plan caches, connections): 20 batches, not counted.
    for (const batch of makeBatches(0).slice(0, 20)) {
      const r = await request('POST', '/api/xapi/statements', batch);
      if (r.status !== 200) throw new Error(`ingest ${r.status}: ${r.body.slice(0, 300)}`);
    }
    const batches = makeBatches(1_000_000).map((b) => JSON.parse(JSON.stringify(b)));
    let errors = 0;
    if (PG_STATS) await db.query('SELECT pg_stat_statements_reset()');
    let c0 = cpuNow();
    let t0 = performance.now();
    const apiDurations = await inFlight(
      batches.map((batch) => async () => {
        const r = await request('POST', '/api/xapi/statements', batch);
        if (r.status !== 200) {
          if (!errors) log(`  first error: ${r.status} ${r.body.slice(0, 300)}`);
          errors++;
        }
      }),
      CONCURRENCY,
    );
    let seconds = (performance.now() - t0) / 1000;
    let c1 = cpuNow();
    const perBatch = (x) => (x / (INGEST / BATCH)) * 1000;
    results.ingestApi = {
      rate: INGEST / seconds,
      p50: pct(apiDurations, 50),
      p95: pct(apiDurations, 95),
      p99: pct(apiDurations, 99),
      errors,
      cpuPerBatchMs: { api: perBatch(c1.api - c0.api), pg: perBatch(c1.pg - c0.pg), generator: perBatch(c1.gen - c0.gen) },
    };
    const ia = results.ingestApi;
    log(`ingest via the API: ${n0(ia.rate)} statements/s (batch of 50: p50 ${f1(ia.p50)} ms, p95 ${f1(ia.p95)} ms, p99 ${f1(ia.p99)} ms), ${errors} errors`);
    log(`  CPU per batch of 50: API ${f1(ia.cpuPerBatchMs.api)} ms, PostgreSQL ${f1(ia.cpuPerBatchMs.pg)} ms, load generator ${f1(ia.cpuPerBatchMs.generator)} ms`);
    await pgStats(db, 'ingest via the API');

    // ---- the bare PostgreSQL insert of the same rows (same batch size and concurrency) ----
    // Builds from migration 1763800029100 on also write one row per (activity, statement); builds from 1763800029000 on
    // find an agent through related_agents (no GIN index on actor_ifis).
    const activityTable = (await db.query(`SELECT to_regclass('xapi_statement_activity') IS NOT NULL AS yes`)).rows[0].yes;
    const actorGin = (await db.query(`SELECT to_regclass('ix_xapi_statement_actor') IS NOT NULL AS yes`)).rows[0].yes;
    const agentSql = (n) => (actorGin ? `actor_ifis @> ARRAY[$${n}]::text[]` : `related_agents @> ARRAY[$${n}]::text[] AND actor_ifis @> ARRAY[$${n}]::text[]`);
    const authority = { objectType: 'Agent', name: 'bench', account: { homePage: HOME, name: key } };
    const authorityJson = JSON.stringify(authority);
    const bareBatches = makeBatches(3_000_000).map((batch) => JSON.stringify(batch.map((s) => toStatementRow(s, authority))));
    c0 = cpuNow();
    t0 = performance.now();
    const bareDurations = await inFlight(
      bareBatches.map((rows) => () =>
        db.query(
          `WITH ins AS (
             INSERT INTO xapi_statement (id, statement, stored, verb_id, actor_ifis, object_activity_id, registration, related_agents, related_activities, client_id)
             SELECT id, statement || jsonb_build_object('authority', $3::jsonb, 'stored', $4::text), now(), verb_id, actor_ifis, object_activity_id, registration,
                    related_agents, related_activities, $2
               FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, statement jsonb, verb_id text, actor_ifis text[], object_activity_id text, registration uuid, related_agents text[], related_activities text[])
             RETURNING stored, seq, related_activities)
           ${activityTable ? 'INSERT INTO xapi_statement_activity (activity_id, stored, seq) SELECT DISTINCT a.id, i.stored, i.seq FROM ins i CROSS JOIN LATERAL unnest(i.related_activities) AS a(id)' : 'SELECT count(*) FROM ins'}`,
          [rows, clientId, authorityJson, new Date().toISOString()],
        ),
      ),
      CONCURRENCY,
    );
    seconds = (performance.now() - t0) / 1000;
    c1 = cpuNow();
    results.ingestBare = { rate: INGEST / seconds, p50: pct(bareDurations, 50), p95: pct(bareDurations, 95), p99: pct(bareDurations, 99), cpuPerBatchMs: { pg: perBatch(c1.pg - c0.pg), client: perBatch(c1.gen - c0.gen) } };
    results.ingestRatio = results.ingestBare.rate / ia.rate;
    const ib = results.ingestBare;
    log(`ingest, bare PostgreSQL INSERT: ${n0(ib.rate)} statements/s (p50 ${f1(ib.p50)} ms, p95 ${f1(ib.p95)} ms, p99 ${f1(ib.p99)} ms); PostgreSQL CPU per batch ${f1(ib.cpuPerBatchMs.pg)} ms`);
    log(`  the API ingests at ${(100 / results.ingestRatio).toFixed(0)}% of the bare insert's rate`);
    await pgStats(db, 'the bare insert');

    // ---- queries ----
    const sample = (
      await db.query(
        `SELECT actor_ifis[1] AS ifi, verb_id, object_activity_id, registration::text, related_activities[2] AS course,
                to_char(stored AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS stored
           FROM xapi_statement TABLESAMPLE SYSTEM ($1) WHERE registration IS NOT NULL AND client_id IS NULL ORDER BY random() LIMIT $2`,
        [Math.min(100, Math.max(0.01, (100 * QUERIES * 40) / STATEMENTS)), QUERIES],
      )
    ).rows;
    const agentOf = (ifi) => JSON.stringify({ account: { homePage: HOME, name: ifi.split('|')[1] } });
    const api = async (params) => {
      const r = await request('GET', `/api/xapi/statements?${new URLSearchParams(params)}`);
      if (r.status !== 200) throw new Error(`query ${r.status} ${r.body.slice(0, 300)}`);
      return JSON.parse(r.body);
    };
    const bare = (where, params, dir = 'DESC') =>
      db.query(`SELECT statement, stored, seq FROM xapi_statement WHERE NOT voided AND ${where} ORDER BY stored ${dir}, seq ${dir} LIMIT 101`, params);
    const bareRelated = (activity) =>
      db.query(
        `SELECT s.statement, s.stored, s.seq FROM xapi_statement_activity a JOIN xapi_statement s ON s.seq = a.seq
          WHERE a.activity_id = $1 AND NOT s.voided ORDER BY a.stored DESC, a.seq DESC LIMIT 101`,
        [activity],
      );
    // The second page of "every statement with this verb" (a report walking the whole log), through `more`.
    const pageOne = await Promise.all(sample.map((s) => api({ verb: s.verb_id, limit: '100' }).then((b) => b.more)));
    const lastOfPageOne = await Promise.all(
      sample.map((s) => db.query(`SELECT stored, seq FROM xapi_statement WHERE NOT voided AND verb_id = $1 ORDER BY stored DESC, seq DESC OFFSET 99 LIMIT 1`, [s.verb_id]).then((r) => r.rows[0])),
    );

    const queries = [
      ['agent + verb + activity', (s) => api({ agent: agentOf(s.ifi), verb: s.verb_id, activity: s.object_activity_id }), (s) => bare(`${agentSql(1)} AND verb_id = $2 AND object_activity_id = $3`, [s.ifi, s.verb_id, s.object_activity_id])],
      ['agent', (s) => api({ agent: agentOf(s.ifi) }), (s) => bare(agentSql(1), [s.ifi])],
      ['since (ascending, as a syncing client)', (s) => api({ since: s.stored, ascending: 'true' }), (s) => bare(`stored > $1`, [s.stored], 'ASC')],
      ['registration', (s) => api({ registration: s.registration }), (s) => bare(`registration = $1`, [s.registration])],
      ['course + related_activities', (s) => api({ activity: s.course, related_activities: 'true' }), (s) => (activityTable ? bareRelated(s.course) : bare(`related_activities @> ARRAY[$1]::text[]`, [s.course]))],
      ['verb, 2nd page through more', (s, i) => request('GET', pageOne[i]).then((r) => { if (r.status !== 200) throw new Error(`more ${r.status} ${r.body.slice(0, 200)}`); }),
        (s, i) => bare(`verb_id = $1 AND (stored, seq) < ($2, $3)`, [s.verb_id, lastOfPageOne[i].stored, lastOfPageOne[i].seq])],
    ];
    results.queries = {};
    if (PG_STATS) await db.query('SELECT pg_stat_statements_reset()');
    for (const [label, ours, theirs] of queries) {
      const a = [];
      const b = [];
      // Interleaved, alternating which goes first, so neither side always finds the other's pages in the cache.
      for (let i = 0; i < sample.length; i++) {
        for (const [list, fn] of i % 2 ? [[b, theirs], [a, ours]] : [[a, ours], [b, theirs]]) {
          const t = performance.now();
          await fn(sample[i], i);
          list.push(performance.now() - t);
        }
      }
      const q = { api: { p50: pct(a, 50), p95: pct(a, 95), p99: pct(a, 99) }, bare: { p50: pct(b, 50), p95: pct(b, 95), p99: pct(b, 99) } };
      q.ratioP95 = q.api.p95 / q.bare.p95;
      results.queries[label] = q;
      log(`${label}: API p50 ${f1(q.api.p50)} / p95 ${f1(q.api.p95)} / p99 ${f1(q.api.p99)} ms; bare SELECT ${f1(q.bare.p50)} / ${f1(q.bare.p95)} / ${f1(q.bare.p99)} ms (p95 ×${q.ratioP95.toFixed(1)})`);
    }
    await pgStats(db, 'the queries');

    // ---- the table ----
    const fmt = (p) => `${f1(p.p50)} / ${f1(p.p95)} / ${f1(p.p99)}`;
    console.log(`\n${n0(STATEMENTS)} statements generated in ${f1(meta.seconds)} s; durable=${DURABLE}; load average at the end ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
    console.log('| | API | bare PostgreSQL | ratio |\n|---|---|---|---|');
    console.log(`| ingest, batches of 50, ${CONCURRENCY} clients | **${n0(ia.rate)} statements/s** (batch p50/p95/p99 ${fmt(ia)} ms; CPU per batch: API ${f1(ia.cpuPerBatchMs.api)} ms + PostgreSQL ${f1(ia.cpuPerBatchMs.pg)} ms) | ${n0(ib.rate)}/s (${fmt(ib)} ms; PostgreSQL ${f1(ib.cpuPerBatchMs.pg)} ms) | ${(100 / results.ingestRatio).toFixed(0)}% of bare |`);
    for (const [label, q] of Object.entries(results.queries)) console.log(`| ${label}, p50 / p95 / p99 | ${fmt(q.api)} ms | ${fmt(q.bare)} ms | ×${q.ratioP95.toFixed(1)} (p95) |`);
    console.log(`\n${JSON.stringify(results)}`);

    // A kept data folder goes back to the generated statements only.
    if (keep) {
      await db.query(`DELETE FROM xapi_statement WHERE stored > $1`, [meta.until]);
      if (activityTable) {
        await db.query(`DELETE FROM xapi_statement_activity WHERE stored > $1`, [meta.until]);
        await db.query(`VACUUM ANALYZE xapi_statement_activity`);
      }
      await db.query(`VACUUM ANALYZE xapi_statement`);
    }
  } finally {
    await db.end();
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
  }
}

try {
  await run();
} finally {
  await pgServer.stop();
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
}
