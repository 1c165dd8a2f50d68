// Starts one real PostgreSQL for the whole jest run (unless TEST_DATABASE_URL points at one). Each test file then
// clones its own database from a migrated template (see test-db.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeStaleFolders, startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const prefix = 'test-pg-';

export default async function globalSetup() {
  if (globalThis.__CCHC_TEST_PG__ || process.env.CCHC_TEST_ADMIN_URL) return;
  if (process.env.TEST_DATABASE_URL) {
    process.env.CCHC_TEST_ADMIN_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const dataRoot = path.join(root, '.data');
  await removeStaleFolders(dataRoot, prefix, (m) => console.log(`[test-pg] ${m}`));
  const dataDir = path.join(dataRoot, `${prefix}${process.pid}-${Date.now()}`);
  const server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  globalThis.__CCHC_TEST_PG__ = { ...server, dataDir };
  process.env.CCHC_TEST_ADMIN_URL = server.url;
}
