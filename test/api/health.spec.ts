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
