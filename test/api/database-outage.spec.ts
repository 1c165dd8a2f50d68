import { Client } from 'pg';
import { createTestApp, login, seedSmallProvince, TEST_PASSWORD, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

/**
 * The database goes away under a running API (every connection cut, new ones refused) and comes back: requests get
 * 503 with Retry-After and a Vietnamese message (never 500), health names the database, the log says it once
 * (no stack trace per request), and the pool reconnects by itself. The embedded server's restart is covered by
 * test/browser/exam-faults.spec.ts, which kills the real postmaster.
 */
describe('database unavailable → 503, then back by itself', () => {
  let t: TestApp;
  let token: string;
  let dbName: string;

  async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: process.env.CCHC_TEST_ADMIN_URL });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }
  const cutDatabase = () =>
    admin(async (c) => {
      await c.query(`ALTER DATABASE "${dbName}" WITH ALLOW_CONNECTIONS false`);
      await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
    });
  const restoreDatabase = () => admin((c) => c.query(`ALTER DATABASE "${dbName}" WITH ALLOW_CONNECTIONS true`));

  beforeAll(async () => {
    t = await createTestApp();
    await seedSmallProvince(t.db);
    token = await login(t.http, 'learner');
    dbName = new URL((t.db.options as { url: string }).url).pathname.slice(1);
  });
  afterAll(async () => {
    await restoreDatabase();
    await t.close();
  });

  it('answers 503 + Retry-After while it is away, logs it once without stacks, and serves again once it is back', async () => {
    await t.http.get('/api/topics').set('Authorization', `Bearer ${token}`).expect(200);
    const written: string[] = [];
    const spies = [process.stdout, process.stderr].map((stream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      }),
    );
    try {
      await cutDatabase();
      const answers = await Promise.all([
        ...Array.from({ length: 10 }, () => t.http.get('/api/topics').set('Authorization', `Bearer ${token}`)),
        ...Array.from({ length: 5 }, () => t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`)),
        ...Array.from({ length: 5 }, () => t.http.post('/api/auth/login').send({ username: 'learner', password: TEST_PASSWORD })),
      ]);
      for (const res of answers) {
        expect({ status: res.status, retryAfter: res.headers['retry-after'], code: res.body.code }).toEqual({ status: 503, retryAfter: '5', code: 'SERVICE_UNAVAILABLE' });
        expect(res.body.message).toMatch(/tạm gián đoạn kết nối cơ sở dữ liệu/);
      }
      const health = await t.http.get('/api/health').expect(503);
      expect(health.headers['retry-after']).toBe('5');
      expect(health.body).toMatchObject({ status: 'degraded', down: ['database'], database: { status: 'down' }, message: expect.stringMatching(/Cơ sở dữ liệu/) });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const log = written.join('');
    expect(log.match(/database unreachable/g)).toHaveLength(1);
    expect(log).not.toMatch(/^\s+at /m);

    await restoreDatabase();
    // The pool opens new connections by itself: wait on the state (health up), not on time.
    await waitFor('the API to reconnect to the database', async () => (await t.http.get('/api/health')).status === 200, { timeoutMs: 20_000 });
    await t.http.get('/api/topics').set('Authorization', `Bearer ${token}`).expect(200);
    await t.http.post('/api/auth/login').send({ username: 'learner', password: TEST_PASSWORD }).expect(200);
  });
});
