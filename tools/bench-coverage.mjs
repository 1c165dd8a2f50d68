// `npm run bench:coverage`: a scale benchmark (not a test) of coverage against targets.
// Generates a country (default 3,000,000 people in 34 provinces and ~3,300 communes, ~30,000,000 evidence rows) with
// set-based SQL, builds the coverage aggregates, then times — through the real CoverageService and ReportsService —
// the coverage view for the whole country, one province and one commune (p50/p95), the naive full recomputation, the
// incremental write path (evidence and transfers through the triggers), and a province's yearly report.
// Sizes: BENCH_PEOPLE, BENCH_EVIDENCE_PER_PERSON, BENCH_PROVINCES, BENCH_COMMUNES, BENCH_DEPARTMENTS, BENCH_REPEAT.
// Database: BENCH_DATABASE_URL, or an embedded PostgreSQL in .data/bench-pg-<pid> (kept afterwards: delete it, or
// re-time it with BENCH_DATA_DIR=.data/bench-pg-<pid> BENCH_SKIP_GENERATE=1).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const env = (k, d) => Number(process.env[k] ?? d);
const PEOPLE = env('BENCH_PEOPLE', 3_000_000);
const EVIDENCE = env('BENCH_EVIDENCE_PER_PERSON', 10);
const PROVINCES = env('BENCH_PROVINCES', 34);
const COMMUNES = env('BENCH_COMMUNES', 3300);
const DEPARTMENTS = env('BENCH_DEPARTMENTS', 20);
const REPEAT = env('BENCH_REPEAT', 30);
const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', '--outputStyle=static'], { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
if (build.status !== 0) process.exit(build.status ?? 1);
const dist = path.join(root, 'dist/apps/api/apps/api/src');
const { migrate } = require(`${dist}/database/database.js`);
const { createApp } = require(`${dist}/app/create-app.js`);
const { CoverageService } = require(`${dist}/coverage/coverage.service.js`);
const { CoverageRepository } = require(`${dist}/coverage/coverage.repository.js`);
const { ReportsService } = require(`${dist}/reports/reports.service.js`);
const { buildReportXlsx } = require(`${dist}/reports/report-xlsx.js`);
const { buildReportPdf } = require(`${dist}/reports/report-pdf.js`);
const { EvidenceService } = require(`${dist}/evidence/evidence.service.js`);

let stopDb = async () => {};
let url = process.env.BENCH_DATABASE_URL;
if (!url) {
  const { startEmbeddedPostgres } = await import('../apps/api/src/database/embedded-postgres.mjs');
  // BENCH_DATA_DIR: the folder of an earlier run (kept), to re-time it with BENCH_SKIP_GENERATE=1.
  const server = await startEmbeddedPostgres({ dataDir: process.env.BENCH_DATA_DIR ?? path.join(root, '.data', `bench-pg-${process.pid}`), ephemeral: true });
  url = server.url;
  stopDb = () => server.stop();
}
async function run() {
  await migrate(url, log);
  const app = await createApp({ databaseUrl: url, logger: ['error'] });
  await app.init();
  const db = app.get(require('typeorm').DataSource);
  const q = (sql, params) => db.query(sql, params);
  const timed = async (label, fn) => {
    const t0 = performance.now();
    const r = await fn();
    const ms = performance.now() - t0;
    log(`${label}: ${(ms / 1000).toFixed(1)} s`);
    return { r, ms };
  };
  const results = { sizes: { PEOPLE, EVIDENCE_PER_PERSON: EVIDENCE, PROVINCES, COMMUNES, DEPARTMENTS, REPEAT }, timings: {} };

  // ---- generation (triggers and FK checks off while loading; the aggregates are built afterwards) ----
  // BENCH_SKIP_GENERATE=1 with BENCH_DATABASE_URL re-times a database an earlier run generated (its data folder is
  // kept in .data/bench-pg-<pid>): generation and the full rebuild are skipped.
  const skip = process.env.BENCH_SKIP_GENERATE === '1';
  const gen = skip ? { ms: 0 } : await timed('generate units, people and evidence', async () => {
    const runner = db.createQueryRunner();
    await runner.connect();
    const r = (sql, p) => runner.query(sql, p);
    await r(`SET session_replication_role = replica`);
    await r(`SET synchronous_commit = off`);
    await r(`SET maintenance_work_mem = '1GB'`);
    const countryId = randomUUID();
    await r(`INSERT INTO org_unit (id, code, name, level, path) VALUES ($1, 'VN', 'Cả nước', 'province', $2)`, [countryId, `/${countryId}/`]);
    await r(`INSERT INTO org_unit (id, code, name, level, parent_id, path)
             SELECT id, 'P' || g, 'Tỉnh số ' || g, 'province', $1, $2 || id || '/' FROM (SELECT gen_random_uuid() AS id, g FROM generate_series(1, $3) g) x`,
    [countryId, `/${countryId}/`, PROVINCES]);
    await r(`INSERT INTO org_unit (id, code, name, level, parent_id, path)
             SELECT x.id, p.code || '.D' || d, 'Sở số ' || d || ' ' || p.name, 'department', p.id, p.path || x.id || '/'
               FROM org_unit p CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id, d FROM generate_series(1, $1) d) x WHERE p.parent_id = $2`, [DEPARTMENTS, countryId]);
    const perProvince = Math.ceil(COMMUNES / PROVINCES);
    await r(`INSERT INTO org_unit (id, code, name, level, parent_id, path)
             SELECT x.id, p.code || '.X' || c, 'Xã số ' || c || ' ' || p.name, 'commune', p.id, p.path || x.id || '/'
               FROM org_unit p CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id, c FROM generate_series(1, $1) c) x WHERE p.parent_id = $2`, [perProvince, countryId]);
    await r(`CREATE TEMP TABLE bench_unit AS SELECT id, (row_number() OVER (ORDER BY code) - 1)::int AS k FROM org_unit WHERE level IN ('department','commune')`);
    await r(`CREATE INDEX ON bench_unit (k)`);
    const [{ n: units }] = await r(`SELECT count(*)::int AS n FROM bench_unit`);
    await r(`ALTER TABLE person DROP CONSTRAINT uq_person_staff_code`);
    await r(`DROP INDEX ix_person_search_trgm`);
    await r(`INSERT INTO person (id, staff_code, full_name, search_text, unit_id, category, does_cchc_work, is_leader, status)
             SELECT gen_random_uuid(), 'B' || g, 'Người số ' || g, 'nguoi so ' || g, u.id,
                    (ARRAY['can_bo','cong_chuc','cong_chuc','vien_chuc','nguoi_lao_dong'])[1 + g % 5], g % 7 = 0, g % 13 = 0,
                    CASE WHEN g % 50 = 0 THEN 'retired' ELSE 'active' END
               FROM generate_series(1::bigint, $1::bigint) g JOIN bench_unit u ON u.k = (g * 7919) % $2`, [PEOPLE, units]);
    await r(`ALTER TABLE person ADD CONSTRAINT uq_person_staff_code UNIQUE (staff_code)`);
    log('people loaded');
    await r(`ALTER TABLE training_evidence DROP CONSTRAINT uq_training_evidence_source`);
    await r(`DROP INDEX ix_training_evidence_person`);
    await r(`DROP INDEX ix_training_evidence_topic`);
    // Each person gets EVIDENCE rows on a mix of topics and kinds from 2019 to 2026; the share trained varies by unit.
    await r(`INSERT INTO training_evidence (person_id, topic_id, kind, source_type, source_id, occurred_at)
             SELECT p.id, tp.ids[1 + (h % cardinality(tp.ids))], (ARRAY['course_completed','test_passed','attendance'])[1 + (h / 7) % 3], 'bench',
                    (p.n::bigint * 64 + j)::text, timestamptz '2019-01-01 03:00+00' + ((h / 31) % 2900) * interval '1 day'
               FROM (SELECT id, substr(staff_code, 2)::bigint AS n FROM person WHERE staff_code LIKE 'B%') p
               CROSS JOIN (SELECT array_agg(id ORDER BY code) AS ids FROM topic) tp
               CROSS JOIN LATERAL generate_series(1, $1) j
               CROSS JOIN LATERAL (SELECT abs(hashint8(p.n * 64 + j))::bigint AS h) hh`, [EVIDENCE]);
    log('evidence loaded; indexing');
    await r(`ALTER TABLE training_evidence ADD CONSTRAINT uq_training_evidence_source UNIQUE (kind, source_type, source_id, person_id, topic_id)`);
    await r(`CREATE INDEX ix_training_evidence_person ON training_evidence (person_id, topic_id)`);
    await r(`CREATE INDEX ix_training_evidence_topic ON training_evidence (topic_id, occurred_at)`);
    await r(`CREATE INDEX ix_person_search_trgm ON person USING gin (search_text gin_trgm_ops)`);
    await r(`SET session_replication_role = origin`);
    await r(`VACUUM ANALYZE person`);
    await r(`VACUUM ANALYZE training_evidence`);
    await r(`ANALYZE org_unit`);
    await runner.release();
  });
  results.timings.generateSeconds = gen.ms / 1000;
  const [{ n: evidenceRows }] = await q(`SELECT count(*)::bigint AS n FROM training_evidence`);
  const [{ n: peopleRows }] = await q(`SELECT count(*)::bigint AS n FROM person`);
  results.rows = { people: Number(peopleRows), evidence: Number(evidenceRows) };
  log(`rows: ${peopleRows} people, ${evidenceRows} evidence`);

  const targets = await q(`SELECT id, code, kind FROM target ORDER BY code`);
  const rebuild = skip ? { ms: 0 } : await timed('build the aggregates for every target (set-based full recomputation)', async () => {
    for (const t of targets) {
      const t0 = performance.now();
      await q(`SELECT coverage_rebuild($1)`, [t.id]);
      log(`  rebuilt ${t.code} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    await q(`ANALYZE coverage_counter`);
    await q(`ANALYZE coverage_person`);
  });
  results.timings.rebuildAllTargetsSeconds = rebuild.ms / 1000;

  // ---- views, through the service ----
  const coverage = app.get(CoverageService);
  const repo = app.get(CoverageRepository);
  const coordinator = { id: randomUUID(), username: 'bench', displayName: 'Bench', role: 'coordinator', unitId: null, personId: null };
  const [country] = await q(`SELECT id FROM org_unit WHERE code = 'VN'`);
  const [province] = await q(`SELECT id, path FROM org_unit WHERE code = 'P1'`);
  const [commune] = await q(`SELECT id FROM org_unit WHERE code = 'P1.X1'`);
  const pct = (xs, p) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
  const stats = async (fn, n = REPEAT) => {
    await fn();
    const xs = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await fn();
      xs.push(performance.now() - t0);
    }
    return { p50: +pct(xs, 50).toFixed(1), p95: +pct(xs, 95).toFixed(1) };
  };
  results.views = {};
  for (const t of targets.filter((x) => ['QD1439.ASEAN', 'KH.CCHC.XA'].includes(x.code))) {
    for (const [scope, unitId] of [['country', country.id], ['province', province.id], ['commune', commune.id]]) {
      const s = await stats(() => coverage.summary(coordinator, t.id, unitId, 2025));
      results.views[`${t.code} ${scope}`] = s;
      log(`coverage view ${t.code} ${scope}: p50 ${s.p50} ms, p95 ${s.p95} ms`);
    }
  }
  const matrix = await stats(() => coverage.matrix(coordinator, country.id), Math.max(5, Math.floor(REPEAT / 3)));
  results.views['matrix (all targets × 34 provinces)'] = matrix;
  log(`province matrix, every target: p50 ${matrix.p50} ms, p95 ${matrix.p95} ms`);

  // ---- the naive way: recompute from people and evidence on every view ----
  const asean = targets.find((x) => x.code === 'QD1439.ASEAN');
  const naive = await stats(
    () => q(`SELECT count(*) AS eligible, count(*) FILTER (WHERE 2025 = ANY(f.years)) AS covered FROM coverage_compute($1) f`, [asean.id]),
    env('BENCH_NAIVE_REPEAT', 3),
  );
  const fast = results.views['QD1439.ASEAN country'];
  results.naiveCountryView = { ...naive, ratio: +(naive.p50 / fast.p50).toFixed(0) };
  log(`naive full recompute, country: p50 ${naive.p50} ms → ${results.naiveCountryView.ratio}× the incremental view`);

  // ---- the aggregates equal a full recomputation ----
  // BENCH_VERIFY=timed checks only the targets whose views were timed (each check is a full recomputation: minutes at
  // national size); the default checks every target.
  const verifyAll = process.env.BENCH_VERIFY !== 'timed' && process.env.BENCH_VERIFY !== 'none';
  const check = await timed(`check aggregates = full recomputation (${verifyAll ? 'every target' : process.env.BENCH_VERIFY === 'none' ? 'skipped' : 'the timed targets'})`, async () => {
    const out = {};
    if (process.env.BENCH_VERIFY === 'none') return out;
    for (const t of targets.filter((x) => verifyAll || ['QD1439.ASEAN', 'KH.CCHC.XA'].includes(x.code))) out[t.code] = await repo.verify(t.id);
    return out;
  });
  results.verify = check.r;
  log('verify:', JSON.stringify(check.r));

  // ---- incremental write path (triggers) ----
  const evidence = app.get(EvidenceService);
  const [{ id: aseanTopic }] = await q(`SELECT id FROM topic WHERE code = 'ASEAN'`);
  const somePeople = await q(`SELECT id FROM person WHERE status = 'active' ORDER BY staff_code LIMIT 200`);
  const writeEvidence = await stats(async () => {
    const p = somePeople[Math.floor(Math.random() * somePeople.length)];
    await evidence.record([{ personId: p.id, topicId: aseanTopic, kind: 'course_completed', sourceType: 'bench-live', sourceId: randomUUID(), occurredAt: new Date('2025-06-01T03:00:00Z') }]);
  }, 100);
  const communes = await q(`SELECT id FROM org_unit WHERE level = 'commune' LIMIT 50`);
  const transfer = await stats(async () => {
    const p = somePeople[Math.floor(Math.random() * somePeople.length)];
    await q(`UPDATE person SET unit_id = $2 WHERE id = $1`, [p.id, communes[Math.floor(Math.random() * communes.length)].id]);
  }, 100);
  results.writes = { evidenceRecord: writeEvidence, transfer };
  log(`one evidence record (all targets updated): p50 ${writeEvidence.p50} ms, p95 ${writeEvidence.p95} ms; one transfer: p50 ${transfer.p50} ms, p95 ${transfer.p95} ms`);
  const after = process.env.BENCH_VERIFY === 'none' ? 'skipped (BENCH_VERIFY=none)' : await repo.verify(asean.id);
  results.verifyAfterWrites = after;
  log('verify after live writes (ASEAN):', JSON.stringify(after));

  // ---- a province's yearly report ----
  const reports = app.get(ReportsService);
  const report = await timed('province report (data + .xlsx + .pdf)', async () => {
    const data = await reports.build(coordinator, { unitId: province.id, year: 2025 }, null);
    const xlsx = await buildReportXlsx(data);
    const pdf = await buildReportPdf({ ...data, sections: data.sections.map((s) => ({ ...s, missing: s.missing.slice(0, 200) })) });
    return { xlsxBytes: xlsx.length, pdfBytes: pdf.length, missing: data.sections.map((s) => s.missingTotal) };
  });
  results.provinceReport = { seconds: +(report.ms / 1000).toFixed(2), ...report.r };

  mkdirSync(path.join(root, 'test-output'), { recursive: true });
  writeFileSync(path.join(root, 'test-output/bench-coverage.json'), JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  await app.close();
}

try {
  await run();
} finally {
  await stopDb();
}
