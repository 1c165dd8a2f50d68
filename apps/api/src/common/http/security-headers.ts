/**
 * Headers every response carries. The built client has no inline script (apps/web/index.html loads one module
 * file), so scripts may come from this origin only. `frameSrc` (CSP_FRAME_SRC) names what the client may frame,
 * e.g. the separate origin that serves e-lecture (SCORM) packages; nobody else may frame us (frame-ancestors).
 */
export interface SecurityHeaderOptions {
  frameSrc: string[];
  /** https deployments also get HSTS (never sent over plain http, where it means nothing). */
  https: boolean;
}

export function contentSecurityPolicy(frameSrc: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style properties through the DOM (not blocked by CSP); the stylesheet is a file of this origin.
    "style-src 'self'",
    // QR codes and the favicon are data: URLs.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    `frame-src ${frameSrc.length ? frameSrc.join(' ') : "'none'"}`,
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** The OpenAPI page (swagger-ui) needs its inline bootstrap; it holds no personal data and is the only exception. */
const DOCS_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; object-src 'none'; base-uri 'self'";

/** Builds the headers once; the returned function picks them per response (it runs on every answer, saves included). */
export function securityHeaderSource(options: SecurityHeaderOptions): (url: string, existing: (name: string) => unknown) => Record<string, string> {
  const common: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    // Check-in links carry a token in the query string: never hand our URLs to another site.
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
    ...(options.https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
  const app = { ...common, 'content-security-policy': contentSecurityPolicy(options.frameSrc) };
  const api = { ...app, 'cache-control': 'no-store' };
  const docs = { ...common, 'content-security-policy': DOCS_POLICY };
  return (url, existing) => {
    if (url.startsWith('/api/docs')) return docs;
    // API answers hold personal data (names, scores, tokens): no cache, shared or private, keeps a copy — unless the
    // route chose its own policy (signed file links).
    if (url === '/api' || url.startsWith('/api/')) return existing('cache-control') ? app : api;
    return app;
  };
}

export function securityHeaders(url: string, existing: (name: string) => unknown, options: SecurityHeaderOptions): Record<string, string> {
  return securityHeaderSource(options)(url, existing);
}
