import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { MIGRATIONS } from '@cchc/migrations';
import { ApiNode, spawnApiNode, waitReady } from '../support/api-node';
import { createEmptyDatabase } from '../support/test-db';
import { waitFor } from '../support/wait';

const json = (res: Response) => res.json() as Promise<Record<string, unknown>>;
const post = (node: ApiNode, path: string, body: unknown, token?: string) =>
  fetch(`${node.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
const get = (node: ApiNode, path: string, token?: string) => fetch(`${node.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/**
 * Two API nodes started separately (own process, own port, as on two machines) against one PostgreSQL that neither
 * owns, with API_NODES=2 so files go to the shared store.
 */
describe('two independent API nodes on one database', () => {
  let database: { url: string; drop: () => Promise<void> };
  let a: ApiNode;
  let b: ApiNode;
  let sql: Client;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    // Both start at the same moment on an empty database: one migrates and seeds, the other waits and finds it done.
    [a, b] = await Promise.all([spawnApiNode(database.url, { API_NODES: '2' }), spawnApiNode(database.url, { API_NODES: '2' })]);
    await Promise.all([waitReady(a, 280_000), waitReady(b, 280_000)]);
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  }, 300_000); // both nodes migrate and seed the demo province on a busy machine
  afterAll(async () => {
    await sql?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('migrated once and seeded the demo province once, though both started together', async () => {
    const migrations = await sql.query('SELECT name, count(*)::int AS n FROM migrations GROUP BY name');
    expect(migrations.rows).toHaveLength(MIGRATIONS.length);
    expect(migrations.rows.every((r) => r.n === 1)).toBe(true);
    expect((await sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'seed'`)).rows[0].n).toBe(1);
    expect((await sql.query(`SELECT count(*)::int AS n FROM user_account WHERE username = 'hocvien'`)).rows[0].n).toBe(1);
    for (const node of [a, b]) expect(await json(await get(node, '/api/health/ready'))).toMatchObject({ status: 'ready', reason: null, role: 'all' });
  });

  it('a learner signed in on node A goes on working on node B, and renews the session there', async () => {
    const signIn = await json(await post(a, '/api/auth/login', { username: 'hocvien', password: 'Demo@2025' }));
    const me = await get(b, '/api/auth/me', signIn.accessToken as string);
    expect(me.status).toBe(200);
    expect((await json(me)).username).toBe('hocvien');
    const renewed = await post(b, '/api/auth/refresh', { refreshToken: signIn.refreshToken });
    expect(renewed.status).toBe(200);
    const notifications = async (node: ApiNode, token: string) => (await get(node, '/api/notifications', token)).json();
    const token = ((await json(renewed)).accessToken as string);
    // Notifications live in the database: both nodes show the learner the same list.
    expect(await notifications(a, token)).toEqual(await notifications(b, token));
  });

  it('a file uploaded through node A is served by node B (files are in the shared store, not on A’s disk)', async () => {
    const admin = (await json(await post(a, '/api/auth/login', { username: 'quantri', password: 'Demo@2025' }))).accessToken as string;
    const content = `Quy chế làm việc — bản tải lên lúc ${new Date().toISOString()}\n`.repeat(2000);
    const form = new FormData();
    form.set('title', 'Quy chế làm việc của Sở');
    form.set('type', 'guide');
    form.set('file', new Blob([content], { type: 'text/plain' }), 'quy-che.txt');
    const created = await fetch(`${a.baseUrl}/api/library/documents`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
    expect(created.status).toBe(201);
    const id = (await json(created)).id as string;
    const served = await get(b, `/api/library/documents/${id}/file`, admin);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(content);
    expect((await sql.query('SELECT count(*)::int AS n FROM stored_file f JOIN library_document d ON d.file_key = f.key WHERE d.id = $1', [id])).rows[0].n).toBe(1);
  });

  it('each scheduled job runs on exactly one node', async () => {
    const boss = new PgBoss({ connectionString: database.url, max: 1, supervise: false, schedule: false });
    await boss.start();
    const ids: string[] = [];
    try {
      for (let i = 0; i < 6; i++) ids.push((await boss.send('test-rounds-tick', {}))!);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    const states = async () => (await sql.query(`SELECT state FROM pgboss.job WHERE id = ANY($1::uuid[])`, [ids])).rows.map((r) => r.state as string);
    await waitFor('every job to complete', async () => (await states()).every((s) => s === 'completed'), { timeoutMs: 90_000, intervalMs: 250 });
    expect(await states()).toEqual(ids.map(() => 'completed'));
    // Each completed job's run is printed once, by whichever node took it.
    const runs = (id: string) => [a, b].map((n) => n.output().split(`test-rounds-tick ${id} ran`).length - 1);
    for (const id of ids) {
      // The node prints the line as it runs the job; its output may reach this process a moment after the job completed.
      await waitFor(`the line of job ${id}`, () => runs(id).reduce((x, y) => x + y) > 0, { detail: () => [a, b].map((n) => n.output()).join('\n') });
      expect(runs(id).reduce((x, y) => x + y)).toBe(1);
    }
  });

  it('a node refuses a database migrated by a newer release, and a ready node reports it not ready', async () => {
    await sql.query(`INSERT INTO migrations (timestamp, name) VALUES (1799999999999, 'FutureFeature1799999999999')`);
    try {
      const ready = await get(a, '/api/health/ready');
      expect(ready.status).toBe(503);
      expect((await json(ready)).reason).toContain('FutureFeature1799999999999');
      expect((await get(a, '/api/health/live')).status).toBe(200);
      const c = await spawnApiNode(database.url, { API_NODES: '2' });
      expect(await c.exited).toBe(1);
      expect(c.output()).toContain('refusing to serve: the database was migrated by a newer release (migrations unknown to this one: FutureFeature1799999999999)');
    } finally {
      await sql.query(`DELETE FROM migrations WHERE name = 'FutureFeature1799999999999'`);
    }
    expect((await get(a, '/api/health/ready')).status).toBe(200);
  });

  it('a misconfigured file store stops a node at start, naming the variable', async () => {
    const bad = await spawnApiNode(database.url, { FILE_STORE: 'nfs' });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('cannot start: FILE_STORE must be "local", "postgres" or "s3", got "nfs"');
    const unreachable = await spawnApiNode(database.url, { FILE_STORE: 's3', S3_BUCKET: 'cchc-files', S3_ENDPOINT: 'http://127.0.0.1:9' });
    expect(await unreachable.exited).toBe(1);
    expect(unreachable.output()).toContain('bucket "cchc-files" at http://127.0.0.1:9 is not usable (S3_BUCKET / S3_ENDPOINT)');
  });
});
