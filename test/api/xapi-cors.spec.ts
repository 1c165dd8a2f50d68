import { Role } from '@cchc/shared';
import { createTestApp, insertUser, login, TestApp } from '../support/test-app';

/**
 * Content on another origin (an e-lecture package on the content origin) talks to the LRS from the browser: the
 * preflight is answered and every answer names the asking origin, with no cookies involved; the rest of the API
 * stays closed to other origins.
 */
describe('xAPI LRS across origins (CORS)', () => {
  let t: TestApp;
  let auth: string;
  const ORIGIN = 'http://127.0.0.1:3001';
  const V = { 'X-Experience-API-Version': '1.0.3' };

  beforeAll(async () => {
    t = await createTestApp();
    await insertUser(t.db, { username: 'cors.admin', role: Role.Admin });
    const admin = await login(t.http, 'cors.admin');
    const client = await t.http.post('/api/lrs/clients').set('Authorization', `Bearer ${admin}`).send({ name: 'Gói bài giảng', scopes: ['write', 'read_own'] }).expect(201);
    auth = `Basic ${Buffer.from(`${client.body.key}:${client.body.secret}`).toString('base64')}`;
  });
  afterAll(() => t.close());

  it('answers the preflight of a statement POST from another origin', async () => {
    const res = await t.http
      .options('/api/xapi/statements')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type, x-experience-api-version')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(res.headers['access-control-allow-headers']).toMatch(/X-Experience-API-Version/);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('names the origin on answers (statements stored, refusals) and exposes the xAPI headers', async () => {
    const statement = { actor: { mbox: 'mailto:hocvien@example.gov.vn' }, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'https://cchc.vn/au/1' } };
    const ok = await t.http.post('/api/xapi/statements').set(V).set('Origin', ORIGIN).set('Authorization', auth).send(statement).expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(ok.headers['access-control-expose-headers']).toContain('X-Experience-API-Consistent-Through');
    const refused = await t.http.post('/api/xapi/statements').set(V).set('Origin', ORIGIN).send(statement).expect(401);
    expect(refused.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('the rest of the API does not answer other origins', async () => {
    const res = await t.http.get('/api/auth/me').set('Origin', ORIGIN);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.http.options('/api/auth/me').set('Origin', ORIGIN).set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});
