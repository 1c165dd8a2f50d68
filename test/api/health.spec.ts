import { createTestApp, TestApp } from '../support/test-app';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports the database as up, without signing in', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.database.status).toBe('up');
    expect(typeof res.body.database.latencyMs).toBe('number');
    expect(res.body.down).toEqual([]);
  });

  it('tells a load balancer the node is live, and ready once its schema is exactly this release\'s', async () => {
    expect((await t.http.get('/api/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/api/health/ready').expect(200)).body).toMatchObject({ status: 'ready', reason: null, role: 'all' });
    await t.db.query(`DELETE FROM migrations WHERE name = 'StoredFiles1763800014000'`);
    try {
      const res = await t.http.get('/api/health/ready').expect(503);
      expect(res.body).toMatchObject({ status: 'not_ready', reason: 'migrations not applied yet (StoredFiles1763800014000)' });
    } finally {
      await t.db.query(`INSERT INTO migrations (timestamp, name) VALUES (1763800014000, 'StoredFiles1763800014000')`);
    }
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(res.body.paths['/api/auth/login']).toBeDefined();
  });

  it('answers unknown API paths with a JSON 404 in Vietnamese', async () => {
    const res = await t.http.get('/api/khong-co').expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect(res.body.message).toMatch(/Không tìm thấy/);
  });
});
