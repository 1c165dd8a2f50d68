// `npm run bench:coverage`: a scale benchmark (not a test) of coverage against targets.
// Generates a country (PEOPLE=3000000 for the national size, 300,000 by default; 10 evidence rows a person; 34
// provinces, a four-level unit tree, 10 targets per province beside the 5 national ones) with set-based SQL, builds
// every target the way a new one is built (in steps), then times through the real services: the heat map (unit tree ×
// every target), a unit's drill-down, the not-trained lists paged, the home page figures — each p50/p95 and against the
// naive query where one exists —, a province's yearly report (data + .pdf; data + .xlsx), a new and an edited target
// until usable, and the coverage fold per test pass before/after.
// Sizes: PEOPLE, BENCH_EVIDENCE_PER_PERSON, BENCH_PROVINCES, BENCH_COMMUNES, BENCH_DEPARTMENTS, BENCH_OFFICES,
// BENCH_TARGETS_PER_PROVINCE, BENCH_REPEAT, BENCH_NAIVE_REPEAT (0: no naive queries), BENCH_VERIFY, BENCH_PG_FLAGS.
// Database: BENCH_DATABASE_URL, or an embedded PostgreSQL in .data/bench-pg-<pid>, deleted afterwards unless
// BENCH_KEEP=1 (then re-time it with BENCH_DATA_DIR=.data/bench-pg-<pid> BENCH_SKIP_GENERATE=1).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const env = (k, d) => Number(process.env[k] ?? d);
// PEOPLE=3000000 is the national size; the default is a quick run.
const PEOPLE = env('PEOPLE', env('BENCH_PEOPLE', 300_000));
const EVIDENCE = env('BENCH_EVIDENCE_PER_PERSON', 10);
const PROVINCES = env('BENCH_PROVINCES', 34);
const COMMUNES = env('BENCH_COMMUNES', 3321);
const DEPARTMENTS = env('BENCH_DEPARTMENTS', 20);
const OFFICES = env('BENCH_OFFICES', 4);
const TARGETS_PER_PROVINCE = env('BENCH_TARGETS_PER_PROVINCE', 10);
const FOLD_PEOPLE = env('BENCH_FOLD_PEOPLE', 2000);
const STEP_PEOPLE = env('COVERAGE_BUILD_STEP_PEOPLE', 50_000);
const REPEAT = env('BENCH_REPEAT', 30);
const BUILD_CONCURRENCY = env('BENCH_BUILD_CONCURRENCY', 2);
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
const { HomeService } = require(`${dist}/home/home.service.js`);
const { TargetsService } = require(`${dist}/targets/targets.service.js`);

let stopDb = async () => {};
let dataDirOf = null;
let url = process.env.BENCH_DATABASE_URL;
if (!url) {
  const { startEmbeddedPostgres } = await import('../apps/api/src/database/embedded-postgres.mjs');
  // BENCH_DATA_DIR: the folder of an earlier run (kept), to re-time it with BENCH_SKIP_GENERATE=1.
  const dataDir = process.env.BENCH_DATA_DIR ?? path.join(root, '.data', `bench-pg-${process.pid}`);
  // BENCH_PG_FLAGS: server settings. shared_buffers 4 GB as a national database server would have (the test
  // servers' default is PostgreSQL's 128 MB, in which a 30,000,000-row evidence index is read again on every build).
  const flags = (process.env.BENCH_PG_FLAGS ?? '-c shared_buffers=4GB').split(/\s+/).filter(Boolean);
  const server = await startEmbeddedPostgres({ dataDir, ephemeral: true, extraFlags: flags });
  dataDirOf = dataDir;
  url = server.url;
  // The folder is ≈ 30 GB at national size on a shared disk: deleted afterwards unless BENCH_KEEP=1.
  stopDb = async () => {
    await server.stop();
    if (process.env.BENCH_KEEP === '1') log(`data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  };
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
  const results = { sizes: { PEOPLE, EVIDENCE_PER_PERSON: EVIDENCE, PROVINCES, COMMUNES, DEPARTMENTS, REPEAT }, timings: {}, loadAverage: { before: os.loadavg().map((x) => +x.toFixed(2)) } };
  log(`load average before: ${results.loadAverage.before.join(' ')}`);

  // ---- generation (triggers and FK checks off while loading; the aggregates are built afterwards) ----
  // BENCH_SKIP_GENERATE=1 re-times a database an earlier run generated and kept (BENCH_KEEP=1): generation and the
  // build of every target are skipped.
  const skip = process.env.BENCH_SKIP_GENERATE === '1';
  const gen = skip ? { ms: 0 } : await timed('generate units, people and evidence', async () => {
    const runner = db.createQueryRunner();
    await runner.connect();
    const r = (sql, p) => runner.query(sql, p);
    await r(`SET session_replication_role = replica`);
    await r(`SET synchronous_commit = off`);
    await r(`SET maintenance_work_mem = '1GB'`);
    const countryId = randomUUID();
    // The tree is four levels deep, as after the 2025 reorganisation: nation → province → sở/ban/ngành → phòng or
    // đơn vị sự nghiệp, and nation → province → xã/phường. Triggers are off: province_id is set here.
    await r(`INSERT INTO org_unit (id, code, name, level, path, province_id) VALUES ($1, 'VN', 'Cả nước', 'nation', $2, NULL)`, [countryId, `/${countryId}/`]);
    await r(`INSERT INTO org_unit (id, code, name, level, parent_id, path, province_id)
             SELECT id, 'P' || g, 'Tỉnh số ' || g, 'province', $1, $2 || id || '/', id FROM (SELECT gen_random_uuid() AS id, g FROM generate_series(1, $3) g) x`,
    [countryId, `/${countryId}/`, PROVINCES]);
    await r(`INSERT INTO org_unit (id, code, name, level, parent_id, path, province_id)
             SELECT x.id, x.code || '.D' || x.d, 'Sở số ' || x.d || ' ' || x.name, 'department', x.pid, x.path || x.id || '/', x.pid
               FROM (SELECT gen_random_uuid() AS id, p.id AS pid, p.code, p.name, p.path, d FROM org_unit p CROSS JOIN generate_series(1, $1) d WHERE p.parent_id = $2) x`, [DEPARTMENTS, countryId]);
    await r(`INSERT INTO org_unit (id, code, name, level, parent_id, path, province_id)
             SELECT x.id, x.code || '.O' || x.o, 'Phòng số ' || x.o || ' ' || x.name, CASE WHEN x.o % 2 = 0 THEN 'sub_unit' ELSE 'public_service' END, x.pid, x.path || x.id || '/', x.province_id
               FROM (SELECT gen_random_uuid() AS id, d.id AS pid, d.code, d.name, d.path, d.province_id, o FROM org_unit d CROSS JOIN generate_series(1, $1) o WHERE d.level = 'department') x`, [OFFICES]);
    const perProvince = Math.ceil(COMMUNES / PROVINCES);
    await r(`INSERT INTO org_unit (id, code, name, level, parent_id, path, province_id)
             SELECT x.id, x.code || '.X' || x.c, 'Xã số ' || x.c || ' ' || x.name, 'commune', x.pid, x.path || x.id || '/', x.pid
               FROM (SELECT gen_random_uuid() AS id, p.id AS pid, p.code, p.name, p.path, c FROM org_unit p CROSS JOIN generate_series(1, $1) c WHERE p.parent_id = $2) x`, [perProvince, countryId]);
    await r(`CREATE TEMP TABLE bench_unit AS SELECT id, province_id, (row_number() OVER (ORDER BY code) - 1)::int AS k FROM org_unit WHERE level NOT IN ('nation','province')`);
    await r(`CREATE INDEX ON bench_unit (k)`);
    const [{ n: units }] = await r(`SELECT count(*)::int AS n FROM bench_unit`);
    await r(`ALTER TABLE person DROP CONSTRAINT uq_person_province_staff_code`);
    await r(`DROP INDEX ix_person_search_trgm`);
    await r(`DROP INDEX ix_person_staff_code`);
    await r(`DROP INDEX ix_person_unit`);
    await r(`INSERT INTO person (id, staff_code, full_name, search_text, unit_id, province_id, category, does_cchc_work, is_leader, status)
             SELECT gen_random_uuid(), 'B' || g, 'Người số ' || g, 'nguoi so ' || g, u.id, u.province_id,
                    (ARRAY['can_bo','cong_chuc','cong_chuc','vien_chuc','nguoi_lao_dong'])[1 + g % 5], g % 7 = 0, g % 13 = 0,
                    CASE WHEN g % 50 = 0 THEN 'retired' ELSE 'active' END
               FROM generate_series(1::bigint, $1::bigint) g JOIN bench_unit u ON u.k = (g * 7919) % $2`, [PEOPLE, units]);
    await r(`ALTER TABLE person ADD CONSTRAINT uq_person_province_staff_code UNIQUE (province_id, staff_code)`);
    await r(`CREATE INDEX ix_person_unit ON person (unit_id)`);
    await r(`CREATE INDEX ix_person_staff_code ON person (staff_code)`);
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
    // The same index as migration 1763800031000's (the person's evidence readable from the index alone).
    await r(`CREATE INDEX ix_training_evidence_person ON training_evidence (person_id, topic_id) INCLUDE (kind, occurred_at)`);
    await r(`CREATE INDEX ix_training_evidence_topic ON training_evidence (topic_id, occurred_at)`);
    await r(`CREATE INDEX ix_person_search_trgm ON person USING gin (search_text gin_trgm_ops)`);
    // TARGETS_PER_PROVINCE targets of each province's own (topics, audiences, evidence and validity vary; the last one
    // counts communes), beside the 5 national targets the migrations seed.
    await r(`CREATE TEMP TABLE bench_topic AS
             WITH RECURSIVE sub AS (SELECT id AS root, id FROM topic UNION ALL SELECT s.root, c.id FROM topic c JOIN sub s ON c.parent_id = s.id)
             SELECT root AS id, array_agg(id) AS ids, (row_number() OVER (ORDER BY root))::int AS n FROM sub GROUP BY root`);
    await r(`INSERT INTO target (code, name, short_name, legal_basis_number, topic_id, topic_ids, kind, audience, evidence_kinds, validity, validity_years, phases,
                                 start_year, end_year, deadline, threshold_pct, unit_share, province_id)
             SELECT p.code || '.T' || k, 'Chỉ tiêu ' || k || ' của ' || p.name, 'CT ' || k, k || '/KH-UBND', tp.id, tp.ids,
                    CASE WHEN k = $1 THEN 'units' ELSE 'people' END,
                    jsonb_build_object('categories', CASE k % 3 WHEN 0 THEN '[]'::jsonb WHEN 1 THEN '["can_bo","cong_chuc"]' ELSE '["can_bo","cong_chuc","vien_chuc"]' END,
                                       'doesCchcWork', CASE WHEN k % 4 = 2 THEN 'true'::jsonb ELSE 'null'::jsonb END, 'isLeader', CASE WHEN k % 5 = 3 THEN 'true'::jsonb ELSE 'null'::jsonb END,
                                       'unitLevels', CASE WHEN k = $1 THEN '["commune"]'::jsonb WHEN k % 6 = 4 THEN '["commune"]' ELSE '[]' END, 'unitIds', '[]'::jsonb),
                    CASE WHEN k % 2 = 0 THEN ARRAY['course_completed','test_passed','attendance'] ELSE ARRAY['course_completed','test_passed'] END,
                    (ARRAY['year','phase','years'])[1 + k % 3], 2,
                    '[{"name":"Giai đoạn 2021–2025","startYear":2021,"endYear":2025,"review":"interim"},{"name":"Giai đoạn 2026–2030","startYear":2026,"endYear":2030,"review":"final"}]'::jsonb,
                    2021, 2030, date '2030-12-31', CASE WHEN k % 2 = 0 THEN 100 ELSE 80 END, 0, p.id
               FROM org_unit p CROSS JOIN generate_series(1, $1) k JOIN bench_topic tp ON tp.n = 1 + (k * 3 + substr(p.code, 2)::int) % (SELECT count(*)::int FROM bench_topic)
              WHERE p.level = 'province'`, [TARGETS_PER_PROVINCE]);
    await r(`SET session_replication_role = origin`);
    await r(`VACUUM ANALYZE person`);
    await r(`VACUUM ANALYZE training_evidence`);
    await r(`ANALYZE org_unit`);
    await r(`ANALYZE target`);
    await runner.release();
  });
  results.timings.generateSeconds = gen.ms / 1000;
  const [{ n: evidenceRows }] = await q(`SELECT count(*)::bigint AS n FROM training_evidence`);
  const [{ n: peopleRows }] = await q(`SELECT count(*)::bigint AS n FROM person`);
  const [{ n: unitRows }] = await q(`SELECT count(*)::int AS n FROM org_unit`);
  const [{ n: targetRows }] = await q(`SELECT count(*)::int AS n FROM target WHERE code NOT LIKE 'BENCH.%'`);
  // BENCH_CLEAN=1 (kept data): the targets earlier runs created (BENCH.*) are removed first, so the report has the
  // province's own sections and the national ones only, as after generating.
  if (process.env.BENCH_CLEAN === '1') log(`removed ${(await q(`DELETE FROM target WHERE code LIKE 'BENCH.%' RETURNING id`)).length} targets of earlier runs`);
  results.rows = { people: Number(peopleRows), evidence: Number(evidenceRows), units: unitRows, targets: targetRows };
  log(`rows: ${peopleRows} people, ${evidenceRows} evidence, ${unitRows} units, ${targetRows} targets`);

  // ---- build every target the way a new target is built: in steps of STEP_PEOPLE people ----
  // Targets whose build has not finished (all of them after generating; on kept data, those an interrupted run left),
  // BENCH_BUILD_CONCURRENCY (2) targets at a time on their own connections, the national ones first.
  const buildTarget = async (id) => {
    await q(`SELECT coverage_build_start($1, $2)`, [id, STEP_PEOPLE]);
    for (;;) {
      const [s] = await q(`SELECT * FROM coverage_build_step($1, true)`, [id]);
      if (!s || s.finished) return s;
    }
  };
  const targets = await q(`SELECT id, code, kind, province_id AS "provinceId" FROM target ORDER BY province_id NULLS FIRST, code`);
  const unbuilt = process.env.BENCH_SKIP_BUILD === '1' ? [] : await q(
    `SELECT t.id, t.code, t.province_id AS "provinceId" FROM target t
      WHERE NOT EXISTS (SELECT 1 FROM coverage_build b WHERE b.target_id = t.id)
         OR EXISTS (SELECT 1 FROM coverage_build_chunk c WHERE c.target_id = t.id AND NOT c.done)
      ORDER BY t.province_id NULLS FIRST, t.code`);
  const build = !unbuilt.length ? { ms: 0 } : await timed(`build the aggregates of ${unbuilt.length} of ${targets.length} targets in steps, ${BUILD_CONCURRENCY} at a time`, async () => {
    const national = [];
    let provincial = 0;
    let provincialMs = 0;
    const queue = [...unbuilt];
    const worker = async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        const t0 = performance.now();
        await buildTarget(t.id);
        const ms = performance.now() - t0;
        if (t.provinceId) {
          provincial++;
          provincialMs += ms;
          if (provincial % 50 === 0) log(`  ${provincial} province targets built, ${(provincialMs / provincial / 1000).toFixed(2)} s each (${BUILD_CONCURRENCY} at a time)`);
        } else {
          national.push({ code: t.code, seconds: +(ms / 1000).toFixed(1) });
          log(`  built national ${t.code} in ${(ms / 1000).toFixed(1)} s (${BUILD_CONCURRENCY} at a time)`);
        }
      }
    };
    await Promise.all(Array.from({ length: BUILD_CONCURRENCY }, worker));
    await q(`VACUUM ANALYZE coverage_counter`);
    await q(`VACUUM ANALYZE coverage_person`);
    return { national, provinceTargetSecondsEach: +(provincialMs / Math.max(1, provincial) / 1000).toFixed(2), concurrency: BUILD_CONCURRENCY };
  });
  results.timings.buildAllTargetsSeconds = build.ms / 1000;
  results.build = build.r;

  // BENCH_PARTS: which parts to time (views, report, new, fold, verify; default all), e.g. to re-time one on kept data.
  const parts = new Set((process.env.BENCH_PARTS ?? 'views,report,new,fold,verify').split(','));
  // ---- views, through the services, each against the naive query (recomputing from people and evidence) ----
  const coverage = app.get(CoverageService);
  const home = app.get(HomeService);
  const [country] = await q(`SELECT id FROM org_unit WHERE code = 'VN'`);
  const [province] = await q(`SELECT id, path FROM org_unit WHERE code = 'P1'`);
  const [commune] = await q(`SELECT id FROM org_unit WHERE code = 'P1.X1'`);
  const [department] = await q(`SELECT id FROM org_unit WHERE code = 'P1.D1'`);
  const admin = { id: randomUUID(), username: 'bench-admin', displayName: 'Bench', role: 'admin', unitId: null, personId: null };
  const coordinator = { id: randomUUID(), username: 'bench', displayName: 'Bench', role: 'coordinator', unitId: province.id, personId: null };
  const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
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
  const naiveRepeat = env('BENCH_NAIVE_REPEAT', 1);
  // The naive queries take minutes at national size: timed without a warm-up run.
  const once = async (fn, n) => {
    const xs = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await fn();
      xs.push(performance.now() - t0);
    }
    return { p50: +pct(xs, 50).toFixed(1), p95: +pct(xs, 95).toFixed(1) };
  };
  // The naive figure of a target over a subtree: every eligible person's years recomputed from people and evidence.
  const naiveCount = (targetId, path) => () =>
    q(`SELECT count(*) AS eligible, count(*) FILTER (WHERE 2025 = ANY(f.years)) AS covered
         FROM coverage_compute($1) f JOIN org_unit u ON u.id = f.unit_id WHERE u.path LIKE $2 || '%'`, [targetId, path]);
  const naiveMissingPage = (targetId, path) => () =>
    q(`SELECT p.full_name, u.name FROM coverage_compute($1) f JOIN person p ON p.id = f.person_id JOIN org_unit u ON u.id = f.unit_id
        WHERE u.path LIKE $2 || '%' AND NOT (2025 = ANY(f.years)) ORDER BY u.name, p.full_name LIMIT 50`, [targetId, path]);
  results.views = {};
  const view = async (label, fn, naive) => {
    const ours = await stats(fn);
    const row = { ...ours };
    if (naive && naiveRepeat > 0) {
      const n = await once(naive, naiveRepeat);
      row.naiveP50 = n.p50;
      row.ratio = +(n.p50 / Math.max(0.1, ours.p50)).toFixed(0);
    }
    results.views[label] = row;
    log(`${label}: p50 ${row.p50} ms, p95 ${row.p95} ms${row.naiveP50 ? `; naive ${row.naiveP50} ms (${row.ratio}×)` : ''}`);
  };
  const asean = targets.find((x) => x.code === 'QD1439.ASEAN');
  const communesTarget = targets.find((x) => x.code === 'KH.CCHC.XA');
  const provinceTarget = targets.find((x) => x.code === 'P1.T1');
  const paths = { country: `/${country.id}/`, province: province.path };
  [paths.commune] = (await q(`SELECT path FROM org_unit WHERE id = $1`, [commune.id])).map((x) => x.path);
  const naiveOn = process.env.BENCH_NAIVE !== '0';
  if (parts.has('views')) {
  // 1. The unit tree with each target's coverage (the heat map): the country's 34 provinces, a province's units.
  await view('unit tree × every target (heat map): country', () => coverage.matrix(admin, country.id, 2025));
  await view('unit tree × every target (heat map): province (15 targets × its units)', () => coverage.matrix(coordinator, province.id, 2025));
  await view('unit tree × every target (heat map): a department', () => coverage.matrix(coordinator, department.id, 2025));
  // 2. A unit's drill-down for one target (figures, children, years, phases).
  for (const [t, label] of [[asean, 'people target (QĐ 1439 ASEAN)'], [communesTarget, 'units target (communes trained)'], [provinceTarget, "a province's own target"]]) {
    const levels = t === provinceTarget ? [['province', province.id, coordinator], ['commune', commune.id, coordinator]] : [['country', country.id, admin], ['province', province.id, coordinator], ['commune', commune.id, coordinator]];
    for (const [level, unitId, user] of levels)
      await view(`drill-down, ${label}: ${level}`, () => coverage.summary(user, t.id, unitId, 2025), naiveOn && t === asean && level === 'province' ? naiveCount(t.id, paths[level]) : null);
  }
  // 3. The not-trained lists, paged (50 a page): the first page and a page deep in the list.
  await view('not trained, page 1 of a province (people target)', () => coverage.missing(coordinator, asean.id, province.id, 2025, 1, 50), naiveOn ? naiveMissingPage(asean.id, province.path) : null);
  await view('not trained, page 40 of a province (people target)', () => coverage.missing(coordinator, asean.id, province.id, 2025, 40, 50));
  await view('not trained, page 1 of a commune', () => coverage.missing(coordinator, asean.id, commune.id, 2025, 1, 50));
  await view('not trained, page 1 of the country (people target)', () => coverage.missing(admin, asean.id, country.id, 2025, 1, 50));
  await view('not trained units (units target), a province', () => coverage.missing(coordinator, communesTarget.id, province.id, 2025, 1, 50));
  // 4. The home page figures.
  await view("home page figures: the province's coordinator", () => home.home(coordinator));
  await view('home page figures: the national level', () => home.home({ ...admin, role: 'national_officer' }));

  }

  // ---- a province's yearly report ----
  const reports = app.get(ReportsService);
  if (parts.has('report')) {
  const reportPdf = await timed('province report: data (first 200 missing per target) + .pdf', async () => {
    const t0 = performance.now();
    const data = await reports.build(coordinator, { unitId: province.id, year: 2025 }, 200);
    const dataMs = performance.now() - t0;
    const pdf = await buildReportPdf(data);
    return { dataSeconds: +(dataMs / 1000).toFixed(2), pdfSeconds: +((performance.now() - t0 - dataMs) / 1000).toFixed(2), pdfBytes: pdf.length, sections: data.sections.length };
  });
  results.provinceReportPdf = { seconds: +(reportPdf.ms / 1000).toFixed(2), ...reportPdf.r };
  const reportXlsx = await timed('province report: data (whole missing lists) + .xlsx', async () => {
    const t0 = performance.now();
    const data = await reports.build(coordinator, { unitId: province.id, year: 2025 }, null);
    const dataMs = performance.now() - t0;
    const xlsx = await buildReportXlsx(data);
    return { dataSeconds: +(dataMs / 1000).toFixed(2), xlsxSeconds: +((performance.now() - t0 - dataMs) / 1000).toFixed(2), xlsxBytes: xlsx.length, missingRows: data.sections.reduce((a, s) => a + s.missingTotal, 0) };
  });
  results.provinceReportXlsx = { seconds: +(reportXlsx.ms / 1000).toFixed(2), ...reportXlsx.r };

  }

  // ---- a new target, and an edit, through TargetsService: usable when its build has finished ----
  const targetsService = app.get(TargetsService);
  const [aseanTopic] = await q(`SELECT id FROM topic WHERE code = 'ASEAN'`);
  const request = (code, extra = {}) => ({
    code, name: `Chỉ tiêu đo thời gian ${code}`, legalBasisNumber: '1/BENCH', topicId: aseanTopic.id, kind: 'people',
    audience: { categories: ['can_bo', 'cong_chuc'], doesCchcWork: null, isLeader: null, unitLevels: [], unitIds: [] },
    evidenceKinds: ['course_completed', 'test_passed', 'attendance'], validity: 'year', phases: [{ name: 'Giai đoạn 2025–2030', startYear: 2025, endYear: 2030, review: 'final' }],
    startYear: 2025, endYear: 2030, deadline: '2030-12-31', thresholdPct: 90, active: true, ...extra,
  });
  // CPU of the PostgreSQL server (all its processes) in ms, for the embedded server: the build's cost apart from the
  // other engineers' load on the shared machine.
  const serverCpuMs = () => {
    if (!dataDirOf) return null;
    try {
      const pm = Number(readFileSync(path.join(dataDirOf, 'postmaster.pid'), 'utf8').split('\n')[0]);
      let ticks = 0;
      for (const pid of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          if (Number(pid) === pm || Number(f[1]) === pm) ticks += Number(f[11]) + Number(f[12]);
        } catch {
          /* gone */
        }
      }
      return ticks * 10;
    } catch {
      return null;
    }
  };
  const untilBuilt = async (user, id) => {
    for (;;) {
      const t = await targetsService.get(user, id);
      if (!t.coverageBuild) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const createAndBuild = async (label, user, code, extra) => {
    const cpu0 = serverCpuMs();
    const t0 = performance.now();
    const saved = await targetsService.save(user, null, request(code, extra));
    const savedMs = performance.now() - t0;
    await untilBuilt(user, saved.id);
    const ms = performance.now() - t0;
    const cpu = cpu0 === null ? null : +((serverCpuMs() - cpu0) / 1000).toFixed(1);
    log(`${label}: saved in ${(savedMs / 1000).toFixed(1)} s, usable after ${(ms / 1000).toFixed(1)} s (PostgreSQL CPU ${cpu} s)`);
    return { id: saved.id, savedSeconds: +(savedMs / 1000).toFixed(2), usableSeconds: +(ms / 1000).toFixed(1), postgresCpuSeconds: cpu };
  };
  if (parts.has('new')) {
  results.newTarget = {};
  results.newTarget.national = await createAndBuild('new national target (3 categories of the whole country)', admin, `BENCH.NEW.${Date.now()}`);
  results.newTarget.province = await createAndBuild("new province target (the province's people)", coordinator, `BENCH.P1.${Date.now()}`);
  {
    const cpu0 = serverCpuMs();
    const t0 = performance.now();
    const id = results.newTarget.national.id;
    const before = await targetsService.get(admin, id);
    await targetsService.save(admin, id, request(before.code, { validity: 'phase', evidenceKinds: ['course_completed'] }));
    await untilBuilt(admin, id);
    results.newTarget.nationalEdited = { usableSeconds: +((performance.now() - t0) / 1000).toFixed(1), postgresCpuSeconds: cpu0 === null ? null : +((serverCpuMs() - cpu0) / 1000).toFixed(1) };
    log(`edit of the national target (evidence and validity changed): usable after ${results.newTarget.nationalEdited.usableSeconds} s`);
  }

  }

  // ---- the coverage fold per test pass: before (every active target) and after (the targets the pass can change) ----
  if (parts.has('fold')) {
  const passers = await q(`SELECT p.id FROM person p WHERE p.status = 'active' ORDER BY p.id LIMIT $1`, [FOLD_PEOPLE]);
  const [cchc] = await q(`SELECT id FROM topic WHERE code = 'CCHC.TTHC'`);
  const queueAll = () => q(`INSERT INTO coverage_pending (person_id, topic_ids) SELECT x, ARRAY[$2::uuid] FROM unnest($1::uuid[]) x ON CONFLICT DO NOTHING`, [passers.map((p) => p.id), cchc.id]);
  await queueAll();
  const foldAfter = await timed(`fold ${passers.length} queued test passes (the targets a pass can change)`, async () => {
    let n = 0;
    while ((n = (await q(`SELECT coverage_fold_pending(500) AS n`))[0].n) > 0);
    return n;
  });
  // Before: the fold of migration 1763800024000 refreshed every active target for every queued person.
  const foldBefore = await timed(`fold ${passers.length} test passes the way the earlier fold did (every active target)`, async () => {
    const ids = passers.map((p) => p.id);
    for (let i = 0; i < ids.length; i += 500) await q(`SELECT count(coverage_refresh_people(t.id, $1::uuid[])) FROM (SELECT id FROM target WHERE active ORDER BY id) t`, [ids.slice(i, i + 500)]);
  });
  results.foldPerPass = { afterMs: +(foldAfter.ms / passers.length).toFixed(2), beforeMs: +(foldBefore.ms / passers.length).toFixed(2), passes: passers.length };
  log(`coverage fold per test pass: before ${results.foldPerPass.beforeMs} ms, after ${results.foldPerPass.afterMs} ms`);

  }

  // ---- the aggregates equal a full recomputation (each check recomputes a whole target: minutes at national size) ----
  const checkCodes = (process.env.BENCH_VERIFY ?? 'new').split(',');
  const toCheck = [
    // The targets this run (or a kept earlier run) created.
    ...(checkCodes.includes('new') ? (await q(`SELECT id FROM target WHERE code LIKE 'BENCH.%' ORDER BY created_at DESC LIMIT 2`)).map((r) => r.id) : []),
    ...targets.filter((t) => checkCodes.includes(t.code) || checkCodes.includes('all')).map((t) => t.id),
  ];
  const repo = app.get(CoverageRepository);
  const check = await timed(`check aggregates = full recomputation (${toCheck.length} targets)`, async () => {
    const out = [];
    for (const id of toCheck) out.push({ id, ...(await repo.verify(id)) });
    return out;
  });
  results.verify = check.r;
  log('verify:', JSON.stringify(check.r));

  results.serverFlags = process.env.BENCH_DATABASE_URL ? null : (process.env.BENCH_PG_FLAGS ?? '-c shared_buffers=4GB');
  results.loadAverage.after = os.loadavg().map((x) => +x.toFixed(2));
  log(`load average after: ${results.loadAverage.after.join(' ')}`);
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
