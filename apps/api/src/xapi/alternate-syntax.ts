import { invalidRequest } from './xapi.exception';

/** The methods a request may carry in `?method=` (xAPI 1.0.3 Communication §1.3 "Alternate Request Syntax"). */
const METHODS = ['GET', 'PUT', 'POST', 'DELETE'] as const;
export type XapiMethod = (typeof METHODS)[number];

/** Form fields that stand for request headers (matched case-insensitively, as header names are). */
const HEADER_FIELDS = ['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match'];

export interface AlternateRequest {
  method: XapiMethod;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  /** The `content` field: parsed JSON when its Content-Type is JSON (as Fastify would parse it), else bytes. */
  body: unknown;
}

/**
 * Reads an alternate-syntax request: a POST with only `method` in the query string and an
 * application/x-www-form-urlencoded body holding the headers, the resource's parameters and the content. Answers null
 * for an ordinary request; throws the spec's 400 for a malformed one. Browsers use it for cross-origin calls from
 * content (SCORM/cmi5 players), and xAPI 1.0.3 makes it a MUST for an LRS.
 */
export function readAlternateRequest(httpMethod: string, query: Record<string, unknown>, contentType: string | undefined, body: unknown): AlternateRequest | null {
  if (!query || !('method' in query)) return null;
  if (httpMethod !== 'POST') throw invalidRequest('alternate-syntax-post', 'the method parameter is only allowed on POST');
  const extra = Object.keys(query).filter((k) => k !== 'method');
  if (extra.length) throw invalidRequest('alternate-syntax-query', `with the method parameter, "${extra[0]}" must be sent in the form body, not the query string`);
  const method = String(query.method).toUpperCase() as XapiMethod;
  if (Array.isArray(query.method) || !METHODS.includes(method)) throw invalidRequest('alternate-syntax-method', 'method must be one of GET, PUT, POST, DELETE');
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? ''))
    throw invalidRequest('alternate-syntax-content-type', 'an alternate-syntax request is sent as application/x-www-form-urlencoded');
  const form = formFields(body);
  const headers: Record<string, string> = {};
  const params: Record<string, string | string[]> = {};
  let content: string | undefined;
  for (const [name, value] of form) {
    const lower = name.toLowerCase();
    if (HEADER_FIELDS.includes(lower)) headers[lower] = value;
    else if (name === 'content') content = value;
    else {
      const prev = params[name];
      params[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
  }
  let parsed: unknown;
  if (content !== undefined) {
    if (/^application\/json\b/i.test(headers['content-type'] ?? '')) {
      try {
        parsed = JSON.parse(content);
      } catch {
        throw invalidRequest('alternate-syntax-content', 'the content field is not valid JSON');
      }
    } else parsed = Buffer.from(content, 'utf8');
  }
  return { method, headers, query: params, body: parsed };
}

/** The form's fields in order: the HTTP adapter has usually parsed the body already (repeated names → arrays). */
function formFields(body: unknown): [string, string][] {
  if (Buffer.isBuffer(body) || typeof body === 'string') return [...new URLSearchParams(body.toString())];
  if (!body || typeof body !== 'object') return [];
  return Object.entries(body as Record<string, unknown>).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, String(x)]));
}

/**
 * Rewrites a Fastify request in place (before the guards run), so the LRS handles it as if it had come with that
 * method, headers, query and body. The handlers read the effective method from `xapiMethod`.
 */
export function applyAlternateSyntax(request: {
  method: string;
  query: unknown;
  headers: Record<string, unknown>;
  body?: unknown;
  xapiMethod?: XapiMethod;
}): void {
  const alt = readAlternateRequest(request.method, (request.query ?? {}) as Record<string, unknown>, request.headers['content-type'] as string | undefined, request.body);
  if (!alt) return;
  delete request.headers['content-type'];
  delete request.headers['content-length'];
  Object.assign(request.headers, alt.headers);
  request.query = alt.query;
  request.body = alt.body;
  request.xapiMethod = alt.method;
}

/** The method a request stands for: its alternate-syntax method when it has one. */
export function effectiveMethod(request: { method: string; xapiMethod?: XapiMethod }): string {
  return request.xapiMethod ?? request.method;
}
