import { createHash, randomBytes } from 'node:crypto';

/** One part of a multipart/mixed body (RFC 2046): header names lower-cased, content as bytes. */
export interface MimePart {
  headers: Record<string, string>;
  content: Buffer;
}

export class MultipartInvalid extends Error {}

/** The boundary parameter of a `multipart/mixed; boundary=…` content type, or null. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/mixed\b/i.test(contentType)) return null;
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

/** Splits a multipart/mixed body into its parts; throws MultipartInvalid on a malformed body. */
export function parseMultipartMixed(body: Buffer, boundary: string): MimePart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MimePart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartInvalid('the body does not contain the boundary');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    // Skip transport padding and the CRLF after the delimiter.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    else throw new MultipartInvalid('a boundary line must end with CRLF');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), pos);
    if (next < 0) throw new MultipartInvalid('the closing boundary is missing');
    const raw = body.subarray(pos, next);
    const headerEnd = raw.indexOf('\r\n\r\n');
    const headerText = headerEnd < 0 ? raw.toString('latin1') : raw.subarray(0, headerEnd).toString('latin1');
    const headers: Record<string, string> = {};
    for (const line of headerText.split('\r\n')) {
      if (!line) continue;
      const colon = line.indexOf(':');
      if (colon < 1) throw new MultipartInvalid(`malformed part header "${line.slice(0, 40)}"`);
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, content: headerEnd < 0 ? Buffer.alloc(0) : Buffer.from(raw.subarray(headerEnd + 4)) });
    pos = next + 2;
  }
}

/** Builds a multipart/mixed body; returns it with its content type. */
export function buildMultipartMixed(parts: MimePart[]): { body: Buffer; contentType: string } {
  const boundary = `xapi-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const headers = Object.entries(part.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n`), part.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/mixed; boundary=${boundary}` };
}

export const sha256Hex = (content: Buffer) => createHash('sha256').update(content).digest('hex');
