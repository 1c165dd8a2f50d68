import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { COMPRESS_JSON_MIN_BYTES } from '@api/common/http';
import { createTestApp, login, seedSmallProvince, TestApp } from '../support/test-app';

/** Every answer carries the security headers; API answers (personal data) are never cached. */
describe('security headers on every response', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp({ config: { cspFrameSrc: ["'self'", 'http://localhost:3001'], publicUrl: 'https://hoc.example.gov.vn' } });
    await seedSmallProvince(t.db);
    token = await login(t.http, 'learner');
  });
  afterAll(() => t.close());

  const expectSecure = (headers: Record<string, string>) => {
    const csp = headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'self'");
    // The configured content origin (CSP_FRAME_SRC) may be framed, nothing else.
    expect(csp).toContain("frame-src 'self' http://localhost:3001");
    expect(csp).toContain("object-src 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['strict-transport-security']).toBe('max-age=31536000');
  };

  it.each([
    ['a signed-in read of personal data', 'GET', '/api/auth/me', true],
    ['a refusal', 'GET', '/api/units', false],
    ['an unknown API path', 'GET', '/api/khong-co', false],
    ['the health check', 'GET', '/api/health', false],
    ['a malformed body', 'POST', '/api/auth/login', false],
  ] as const)('%s', async (_case, method, path, signedIn) => {
    let req = method === 'GET' ? t.http.get(path) : t.http.post(path).set('content-type', 'application/json').send('{"username":');
    if (signedIn) req = req.set('Authorization', `Bearer ${token}`);
    const res = await req;
    expectSecure(res.headers as Record<string, string>);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('the OpenAPI page gets its own policy (swagger-ui bootstraps inline), still not frameable by others', async () => {
    const res = await t.http.get('/api/docs');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('larger JSON reads are compressed for a client that accepts it (a 400 kbps link pays per byte) and read back the same', async () => {
    const get = (acceptEncoding?: string) =>
      t.app.inject({ method: 'GET', url: '/api/topics', headers: { authorization: `Bearer ${token}`, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } });
    const plain = await get();
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_JSON_MIN_BYTES);
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip, deflate', 'gzip', gunzipSync],
    ] as const) {
      const res = await get(accept);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      expect(JSON.parse(decode(res.rawPayload).toString('utf8'))).toEqual(plain.json());
      expectSecure(res.headers as Record<string, string>);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });
});
