import { contentSecurityPolicy, securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  const none = () => undefined;
  const options = { frameSrc: ["'self'"], https: false };

  it('marks API answers no-store unless the route chose a cache policy, and leaves static files alone', () => {
    expect(securityHeaders('/api/people', none, options)['cache-control']).toBe('no-store');
    expect(securityHeaders('/api/lesson-files/x', (n) => (n === 'cache-control' ? 'private, max-age=60' : undefined), options)['cache-control']).toBeUndefined();
    expect(securityHeaders('/assets/index.js', none, options)['cache-control']).toBeUndefined();
    expect(securityHeaders('/apiary', none, options)['cache-control']).toBeUndefined();
  });

  it('sends HSTS only for an https public address', () => {
    expect(securityHeaders('/', none, options)['strict-transport-security']).toBeUndefined();
    expect(securityHeaders('/', none, { ...options, https: true })['strict-transport-security']).toBe('max-age=31536000');
  });

  it('frames only what CSP_FRAME_SRC names, nothing when it is empty', () => {
    expect(contentSecurityPolicy(["'self'", 'https://noidung.example.gov.vn'])).toContain("frame-src 'self' https://noidung.example.gov.vn;");
    expect(contentSecurityPolicy([])).toContain("frame-src 'none';");
  });
});
