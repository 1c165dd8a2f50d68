// `npm run bench:lrs`: a benchmark (not a test) of the built-in xAPI LRS over real HTTP.
// Builds the API, starts an embedded PostgreSQL (durable: fsync on) and the API on a free port, fills the statement
// table with BENCH_PREFILL statements (set-based SQL: BENCH_AGENTS agents, 5 verbs, BENCH_ACTIVITIES activities), then
//   1. ingest: BENCH_INGEST statements POSTed in batches of 50 by BENCH_CONCURRENCY keep-alive clients
//      (validated, authenticated, stored with their indexes) — and the bare PostgreSQL INSERT of the same rows at the
//      same concurrency and batch size, for the ratio;
//   2. queries: BENCH_QUERIES × agent + verb + activity, and × `since` (the last minute, first page), through
//      GET /api/xapi/statements — and the bare SELECT the repository runs, for the ratio.
// The issue's target size is 10,000,000 statements; the default here is reduced (BENCH_PREFILL=1000000) because the
// machine is shared: say which size you ran.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const env = (k, d) => Number(process.env[k] ?? d);
const PREFILL = env('BENCH_PREFILL', 1_000_000);
const AGENTS = env('BENCH_AGENTS', 20_000);
const ACTIVITIES = env('BENCH_ACTIVITIES', 5_000);
const INGEST = env('BENCH_INGEST', 20_000);
const CONCURRENCY = env('BENCH_CONCURRENCY', 8);
const QUERIES = env('BENCH_QUERIES', 300);
const BATCH = 50;
const VERBS = ['completed', 'passed', 'failed', 'attempted', 'experienced'].map((v) => `http://adlnet.gov/expapi/verbs/${v}`);
const HOME = 'https://bench.khanhhoa.gov.vn';
const log = (...a) => console.log(`[bench:lrs ${new Date().toISOString().slice(11, 19)}]`, ...a);

if (process.env.BENCH_SKIP_BUILD !== '1') {
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', '--outputStyle=static'], { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const dist = path.join(root, 'dist/apps/api/apps/api/src');
const { migrate } = require(`${dist}/database/database.js`);
const { createApp } = require(`${dist}/app/create-app.js`);
const { toStatementRow } = require(`${dist}/xapi/statement-store.js`);
const { Pool } = require('pg');

const { startEmbeddedPostgres } = await import('../apps/api/src/database/embedded-postgres.mjs');
// Durable, as in production (DURABLE=0: the tests' settings, no fsync). The folder is removed afterwards (BENCH_KEEP=1 keeps it).
const dataDir = path.join(root, '.data', `bench-lrs-${process.pid}`);
const server = await startEmbeddedPostgres({ dataDir, ephemeral: process.env.DURABLE === '0' });
const url = server.url;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

/** Runs `tasks` (async functions) with `n` in flight; answers each task's duration in ms. */
async function pool(tasks, n) {
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

const statement = (i) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', account: { homePage: HOME, name: `u${i % AGENTS}` } },
  verb: { id: VERBS[i % VERBS.length], display: { 'vi-VN': 'đã hoàn thành' } },
  object: { id: `${HOME}/xapi/activities/lesson/${(i * 7) % ACTIVITIES}`, definition: { name: { 'vi-VN': `Bài ${(i * 7) % ACTIVITIES}` } } },
  result: { score: { scaled: (i % 100) / 100 }, success: i % 3 !== 0, completion: true, duration: 'PT12M' },
  context: { registration: randomUUID(), platform: 'bench', contextActivities: { parent: [{ id: `${HOME}/xapi/activities/course/${i % 50}` }] } },
  timestamp: new Date().toISOString(),
});

async function run() {
  await migrate(url, () => undefined);
  const app = await createApp({ databaseUrl: url, logger: ['error'] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const pg = new Pool({ connectionString: url, max: CONCURRENCY + 2 });
  const results = { sizes: { PREFILL, AGENTS, ACTIVITIES, INGEST, CONCURRENCY, QUERIES, BATCH }, when: new Date().toISOString() };

  const key = 'lrs_bench';
  const secret = randomBytes(24).toString('base64url');
  await pg.query(`INSERT INTO lrs_client (name, key, secret_hash, scopes) VALUES ('bench', $1, $2, ARRAY['write','read_all'])`, [key, createHash('sha256').update(secret).digest('hex')]);
  const headers = { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };

  // ---- prefill (set-based) ----
  let t0 = performance.now();
  const chunk = 250_000;
  for (let from = 1; from <= PREFILL; from += chunk) {
    const to = Math.min(PREFILL, from + chunk - 1);
    await pg.query(
      `INSERT INTO xapi_statement (id, statement, stored, verb_id, actor_ifis, object_activity_id, registration, related_agents, related_activities)
       SELECT x.id,
              jsonb_build_object('id', x.id, 'actor', jsonb_build_object('objectType', 'Agent', 'account', jsonb_build_object('homePage', $2::text, 'name', 'u' || x.a)),
                'verb', jsonb_build_object('id', x.v), 'object', jsonb_build_object('objectType', 'Activity', 'id', x.act),
                'result', jsonb_build_object('completion', true), 'timestamp', x.stored, 'stored', x.stored, 'version', '1.0.0'),
              x.stored, x.v, ARRAY['account:' || $2 || '|u' || x.a], x.act, NULL, ARRAY['account:' || $2 || '|u' || x.a], ARRAY[x.act]
         FROM (SELECT gen_random_uuid() AS id, g % $3 AS a, g, ($2 || '/xapi/activities/lesson/' || ((g * 7) % $4)) AS act,
                      ($5::text[])[1 + g % 5] AS v, now() - interval '1 day' - ($6 - g) * interval '10 ms' AS stored
                 FROM generate_series($1::int, $7::int) g) x`,
      [from, HOME, AGENTS, ACTIVITIES, VERBS, PREFILL, to],
    );
  }
  await pg.query('VACUUM ANALYZE xapi_statement');
  results.prefillSeconds = (performance.now() - t0) / 1000;
  log(`prefill ${PREFILL.toLocaleString('en')} statements: ${results.prefillSeconds.toFixed(1)} s`);

  // ---- ingest through the API, batches of 50 ----
  const batches = Array.from({ length: Math.ceil(INGEST / BATCH) }, (_, b) => Array.from({ length: BATCH }, (_, k) => statement(PREFILL + b * BATCH + k)));
  let errors = 0;
  t0 = performance.now();
  const apiDurations = await pool(
    batches.map((batch) => async () => {
      const res = await fetch(`${base}/api/xapi/statements`, { method: 'POST', headers, body: JSON.stringify(batch) });
      await res.arrayBuffer();
      if (res.status !== 200) errors++;
    }),
    CONCURRENCY,
  );
  const apiSeconds = (performance.now() - t0) / 1000;
  const apiRate = INGEST / apiSeconds;
  results.ingestApi = { statementsPerSecond: Math.round(apiRate), batchP50: pct(apiDurations, 50), batchP95: pct(apiDurations, 95), errors };
  log(`ingest via API: ${Math.round(apiRate)} statements/s (batch of 50 p50 ${ms(pct(apiDurations, 50))}, p95 ${ms(pct(apiDurations, 95))}), ${errors} errors`);

  // ---- the bare PostgreSQL insert of the same rows (same batch size and concurrency) ----
  const authority = { objectType: 'Agent', name: 'bench', account: { homePage: HOME, name: key } };
  const bareBatches = Array.from({ length: Math.ceil(INGEST / BATCH) }, (_, b) =>
    Array.from({ length: BATCH }, (_, k) => {
      const row = toStatementRow(statement(PREFILL + INGEST + b * BATCH + k), authority);
      return row;
    }),
  );
  t0 = performance.now();
  const bareDurations = await pool(
    bareBatches.map((rows) => async () => {
      await pg.query(
        `INSERT INTO xapi_statement (id, statement, stored, verb_id, actor_ifis, object_activity_id, registration, related_agents, related_activities)
         SELECT id, statement, now(), verb_id, actor_ifis, object_activity_id, registration, related_agents, related_activities
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, statement jsonb, verb_id text, actor_ifis text[], object_activity_id text, registration uuid, related_agents text[], related_activities text[])`,
        [JSON.stringify(rows)],
      );
    }),
    CONCURRENCY,
  );
  const bareSeconds = (performance.now() - t0) / 1000;
  const bareRate = INGEST / bareSeconds;
  results.ingestBare = { statementsPerSecond: Math.round(bareRate), batchP50: pct(bareDurations, 50), batchP95: pct(bareDurations, 95) };
  results.ingestRatio = bareRate / apiRate;
  log(`ingest bare PostgreSQL: ${Math.round(bareRate)} statements/s (p50 ${ms(pct(bareDurations, 50))}, p95 ${ms(pct(bareDurations, 95))}) — API is ${(bareRate / apiRate).toFixed(2)}× slower`);

  // ---- queries ----
  const sample = (await pg.query(`SELECT actor_ifis[1] AS ifi, verb_id, object_activity_id FROM xapi_statement TABLESAMPLE SYSTEM (1) LIMIT $1`, [QUERIES])).rows;
  const agentOf = (ifi) => ({ account: { homePage: HOME, name: ifi.split('|')[1] } });
  const queryApi = async (params) => {
    const res = await fetch(`${base}/api/xapi/statements?${new URLSearchParams(params)}`, { headers });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`query ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    return body;
  };
  const bareSelect = (where, params) =>
    pg.query(`SELECT statement, stored, seq FROM xapi_statement WHERE NOT voided AND ${where} ORDER BY stored DESC, seq DESC LIMIT 101`, params);

  const measure = async (label, apiCall, bareCall) => {
    const api = await pool(sample.map((s) => () => apiCall(s)), 1);
    const bare = await pool(sample.map((s) => () => bareCall(s)), 1);
    results[label] = { apiP50: pct(api, 50), apiP95: pct(api, 95), bareP50: pct(bare, 50), bareP95: pct(bare, 95), ratioP95: pct(api, 95) / pct(bare, 95) };
    log(`${label}: API p50 ${ms(pct(api, 50))} p95 ${ms(pct(api, 95))}; bare SELECT p50 ${ms(pct(bare, 50))} p95 ${ms(pct(bare, 95))} (p95 ratio ${(pct(api, 95) / pct(bare, 95)).toFixed(1)}×)`);
  };
  await measure(
    'queryAgentVerbActivity',
    (s) => queryApi({ agent: JSON.stringify(agentOf(s.ifi)), verb: s.verb_id, activity: s.object_activity_id }),
    (s) => bareSelect(`actor_ifis @> ARRAY[$1]::text[] AND verb_id = $2 AND object_activity_id = $3`, [s.ifi, s.verb_id, s.object_activity_id]),
  );
  const since = new Date(Date.now() - 60_000).toISOString();
  await measure('querySince', () => queryApi({ since }), () => bareSelect(`stored > $1`, [since]));
  await measure('queryAgent', (s) => queryApi({ agent: JSON.stringify(agentOf(s.ifi)) }), (s) => bareSelect(`actor_ifis @> ARRAY[$1]::text[]`, [s.ifi]));

  const [{ n }] = (await pg.query(`SELECT count(*)::int AS n FROM xapi_statement`)).rows;
  results.totalStatements = n;
  log(`statements in the table at the end: ${n.toLocaleString('en')}`);
  console.log(JSON.stringify(results, null, 2));
  await pg.end();
  await app.close();
}

try {
  await run();
} finally {
  await server.stop();
  if (process.env.BENCH_KEEP !== '1') rmSync(dataDir, { recursive: true, force: true });
}
