import { buildMultipartMixed, multipartBoundary, MultipartInvalid, parseMultipartMixed } from './multipart-mixed';

describe('multipart/mixed', () => {
  it('reads the boundary, quoted or not', () => {
    expect(multipartBoundary('multipart/mixed; boundary=abc123')).toBe('abc123');
    expect(multipartBoundary('multipart/mixed; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/json')).toBeNull();
    expect(multipartBoundary('multipart/mixed')).toBeNull();
  });

  it('round-trips parts with binary content and keeps header values', () => {
    const binary = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255]);
    const { body, contentType } = buildMultipartMixed([
      { headers: { 'Content-Type': 'application/json' }, content: Buffer.from('{"a":"Việt"}') },
      { headers: { 'Content-Type': 'application/octet-stream', 'X-Experience-API-Hash': 'abc' }, content: binary },
    ]);
    const parts = parseMultipartMixed(body, multipartBoundary(contentType)!);
    expect(parts).toHaveLength(2);
    expect(parts[0].content.toString()).toBe('{"a":"Việt"}');
    expect(parts[1].headers['x-experience-api-hash']).toBe('abc');
    expect(parts[1].content.equals(binary)).toBe(true);
  });

  it('reads a body written by hand the way the xAPI spec shows it (preamble ignored)', () => {
    const body = Buffer.from(
      'preamble\r\n--b\r\nContent-Type: application/json\r\n\r\n[]\r\n--b\r\nContent-Type: text/plain\r\nX-Experience-API-Hash: h\r\nContent-Transfer-Encoding: binary\r\n\r\nhello\r\n--b--\r\n',
    );
    const parts = parseMultipartMixed(body, 'b');
    expect(parts.map((p) => p.content.toString())).toEqual(['[]', 'hello']);
    expect(parts[1].headers['content-transfer-encoding']).toBe('binary');
  });

  it.each([
    ['no boundary at all', 'just text'],
    ['no closing boundary', '--b\r\nContent-Type: text/plain\r\n\r\nhello'],
    ['a malformed header', '--b\r\nno colon here\r\n\r\nx\r\n--b--'],
  ])('refuses %s', (_case, text) => {
    expect(() => parseMultipartMixed(Buffer.from(text), 'b')).toThrow(MultipartInvalid);
  });
});
