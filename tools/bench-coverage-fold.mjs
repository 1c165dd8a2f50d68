// `npm run bench:coverage-fold`: the coverage fold's cost per test pass on the demo province (5,000 + 304 people, the 5
// seeded targets), as bench:exam's submissions queue them — a pass on its four topics (ASEAN, VHCV, KNHC, CCHC.TTHC) per
// person. Alternates the fold before the last migration (undone) and after it (migrated again), on the same data, and
// prints wall time and the PostgreSQL backend's CPU per pass. FOLD_MIGRATION names the migration that must be the last
// (default CoverageApplySpanOnce1763800034000; CoverageAtScale1763800031000 was the previous comparison, on its commit).
// Sizes: FOLD_PASSES (2,000), FOLD_ROUNDS (3), FOLD_BATCH (passes per fold, 500).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const N = Number(process.env.FOLD_PASSES ?? 2000);
const ROUNDS = Number(process.env.FOLD_ROUNDS ?? 3);
const BATCH = Number(process.env.FOLD_BATCH ?? 500);
const MIGRATION = process.env.FOLD_MIGRATION ?? 'CoverageApplySpanOnce1763800034000';
const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', '--outputStyle=static'], { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
if (build.status !== 0) process.exit(build.status ?? 1);
const dist = path.join(root, 'dist/apps/api/apps/api/src');
const { migrate, dataSourceOptions } = require(`${dist}/database/database.js`);
const { seedDemoProvince } = require(`${dist}/seed/index.js`);
const { DataSource } = require('typeorm');
const { startEmbeddedPostgres } = await import('../apps/api/src/database/embedded-postgres.mjs');

const dataDir = path.join(os.tmpdir(), `bench-fold-${process.pid}`);
const server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
const open = async () => {
  const ds = new DataSource({ ...dataSourceOptions(server.url), extra: { max: 2 } });
  await ds.initialize();
  return ds;
};
try {
  await migrate(server.url);
  let ds = await open();
  await seedDemoProvince(ds, () => {});
  await ds.query('ANALYZE');
  const topics = (await ds.query(`SELECT id FROM topic WHERE code IN ('ASEAN','VHCV','KNHC','CCHC.TTHC')`)).map((r) => r.id);
  const people = (await ds.query(`SELECT id FROM person WHERE status = 'active' ORDER BY id LIMIT $1`, [N])).map((r) => r.id);
  const out = {};
  const round = async (label) => {
    await ds.query(
      `INSERT INTO training_evidence (person_id, topic_id, kind, source_type, source_id, occurred_at)
       SELECT p, t, 'test_passed', 'bench-fold', 'x' || p, timestamptz '2024-03-01 10:00+07' FROM unnest($1::uuid[]) p, unnest($2::uuid[]) t`,
      [people, topics],
    );
    const qr = ds.createQueryRunner();
    await qr.connect();
    const [{ pid }] = await qr.query('SELECT pg_backend_pid() AS pid');
    // utime + stime of the backend, in clock ticks (10 ms): the fold's own CPU whatever else the machine runs.
    const ticks = () => {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return Number(f[11]) + Number(f[12]);
    };
    const c0 = ticks();
    const t0 = performance.now();
    while ((await qr.query(`SELECT coverage_fold_pending($1) AS n`, [BATCH]))[0].n > 0);
    (out[`${label} wall ms`] ??= []).push(+((performance.now() - t0) / N).toFixed(3));
    (out[`${label} PostgreSQL CPU ms`] ??= []).push(+(((ticks() - c0) * 10) / N).toFixed(3));
    await qr.release();
    await ds.query(`DELETE FROM training_evidence WHERE source_type = 'bench-fold'`);
  };
  const [{ name: last }] = await ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
  if (last !== MIGRATION) throw new Error(`the fold before/after needs ${MIGRATION} as the last migration, not ${last}`);
  for (let i = 0; i < ROUNDS; i++) {
    await round('after');
    await ds.undoLastMigration({ transaction: 'each' });
    await round('before');
    await ds.destroy();
    await migrate(server.url);
    ds = await open();
  }
  console.log(JSON.stringify({ passes: N, batch: BATCH, migration: MIGRATION, perPass: out }, null, 2));
  await ds.destroy();
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
