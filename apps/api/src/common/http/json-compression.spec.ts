import { pickJsonEncoding } from './json-compression';

describe('pickJsonEncoding', () => {
  it('prefers brotli, then gzip, as browsers offer them', () => {
    expect(pickJsonEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickJsonEncoding('gzip, deflate')).toBe('gzip');
    expect(pickJsonEncoding(['gzip', 'br'])).toBe('br');
  });
  it('sends nothing compressed to a client that asks for none', () => {
    expect(pickJsonEncoding(undefined)).toBeNull();
    expect(pickJsonEncoding('')).toBeNull();
    expect(pickJsonEncoding('identity')).toBeNull();
    expect(pickJsonEncoding('deflate')).toBeNull();
  });
  it('respects q=0 and the wildcard', () => {
    expect(pickJsonEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickJsonEncoding('br;q=0, gzip;q=0')).toBeNull();
    expect(pickJsonEncoding('*')).toBe('br');
    expect(pickJsonEncoding('*, br;q=0')).toBe('gzip');
    expect(pickJsonEncoding('BR;Q=0.5')).toBe('br');
  });
});
