import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  const server = globalThis.__CCHC_TEST_PG__;
  if (!server) return;
  globalThis.__CCHC_TEST_PG__ = undefined;
  delete process.env.CCHC_TEST_ADMIN_URL;
  await server.stop();
  await rm(server.dataDir, { recursive: true, force: true });
}
