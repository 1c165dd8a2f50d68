import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type JsonEncoding = 'br' | 'gzip';

/** Below this a compressed answer saves less than a TCP round trip costs to think about. */
export const COMPRESS_JSON_MIN_BYTES = 1400;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The encoding to send for an Accept-Encoding header: brotli when accepted, else gzip, else none. A `q=0` refuses a
 * coding; `*` accepts any.
 */
export function pickJsonEncoding(acceptEncoding: string | string[] | undefined): JsonEncoding | null {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  const ok = (coding: string) => (accepted.get(coding) ?? (accepted.has(coding) ? 0 : (accepted.get('*') ?? 0))) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

/**
 * Compresses the API's larger JSON answers to GET requests (the test page's attempt, lists, result pages): a commune
 * office on a 400 kbps link pays for every byte, and JSON of Vietnamese text shrinks to about a quarter. Writes are
 * left alone (small answers, and the exam's save/submit path stays as cheap as it is); files and the xAPI LRS (its own
 * content types and ETags) too.
 */
export function registerJsonCompression(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.method !== 'GET' || !request.url.startsWith('/api/') || request.url.startsWith('/api/xapi')) return payload;
    if (typeof payload !== 'string' || payload.length < COMPRESS_JSON_MIN_BYTES || reply.getHeader('content-encoding')) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
    const encoding = pickJsonEncoding(request.headers['accept-encoding']);
    const vary = reply.getHeader('vary');
    if (!/accept-encoding/i.test(String(vary ?? ''))) reply.header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
    if (!encoding) return payload;
    const body =
      encoding === 'br'
        ? await brotli(Buffer.from(payload), { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
        : await gzipAsync(Buffer.from(payload), { level: 6 });
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return body;
  });
}
