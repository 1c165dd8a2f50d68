import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractImages, ImageCollector, MAX_QUESTION_IMAGE_BYTES, sniffImage } from './question-images';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const dataUrl = (b: Buffer, mime = 'image/png') => `data:${mime};base64,${b.toString('base64')}`;
const ids = () => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
};

describe('sniffImage: the type by the first bytes', () => {
  it.each([
    ['PNG', PNG, 'image/png'],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['GIF89a', Buffer.from('GIF89a\x01\x00', 'latin1'), 'image/gif'],
    ['WebP', Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 0, 0, 0]), Buffer.from('WEBPVP8 ')]), 'image/webp'],
    ['SVG (script-capable)', Buffer.from('<svg onload="alert(1)"/>'), null],
    ['HTML named .png', Buffer.from('<html><script>alert(1)</script>'), null],
    ['BMP', Buffer.from('BM\x00\x00', 'latin1'), null],
    ['a truncated PNG signature', PNG.subarray(0, 4), null],
    ['nothing', Buffer.alloc(0), null],
  ])('%s', (_, bytes, expected) => {
    expect(sniffImage(bytes as Buffer)).toBe(expected);
  });
});

describe('extractImages', () => {
  it('points a data: image at the file it will be stored as; the same bytes twice are one image', () => {
    const c = new ImageCollector(ids());
    const r = extractImages(`<p><img alt="a" src="${dataUrl(PNG)}" width="10"> và <img src='${dataUrl(PNG, 'application/octet-stream')}'></p>`, c);
    expect(r.problems).toEqual([]);
    expect(r.html).toBe('<p><img alt="a" src="/api/question-images/00000000-0000-4000-8000-000000000001" width="10"> và <img src="/api/question-images/00000000-0000-4000-8000-000000000001"></p>');
    expect(c.images).toHaveLength(1);
    expect(c.images[0]).toMatchObject({ mime: 'image/png', bytes: PNG });
  });

  it('leaves our own image URLs alone', () => {
    const html = '<img src="/api/question-images/0b6f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4">';
    expect(extractImages(html, new ImageCollector())).toEqual({ html, problems: [] });
  });

  it('names our own image URL that the importing bank cannot show, and keeps the ones it can', () => {
    const mine = '/api/question-images/0b6f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4';
    const theirs = '/api/question-images/1c7a2d3f-4e5b-4c6d-9e7f-8091a2b3c4d5';
    const html = `<p><img src="${mine}"><img src="${theirs}"></p>`;
    const r = extractImages(html, new ImageCollector(), (id) => mine.endsWith(id));
    expect(r.html).toBe(html);
    expect(r.problems).toEqual([expect.stringMatching(new RegExp(`^hình thứ 2 \\(${theirs}\\) là hình của ngân hàng câu hỏi khác`))]);
  });

  it.each([
    ['bad base64', '<img src="data:image/png;base64,iVBOR!!!">', 'base64 hỏng'],
    ['not base64 at all', '<img src="data:image/png,rawbytes">', 'không được mã hoá base64'],
    ['an SVG (type by bytes, not by the declared type)', `<img src="${dataUrl(Buffer.from('<svg onload="alert(1)"/>'))}">`, 'không phải ảnh PNG, JPEG, GIF hoặc WebP'],
    ['a Moodle file the export lacks', '<img src="@@PLUGINFILE@@/s%C6%A1%20%C4%91%E1%BB%93.png">', '"sơ đồ.png") không có trong tệp XML'],
    ['an image from another site', '<img src="https://example.com/a.png">', 'địa chỉ bên ngoài'],
    ['no source', '<img alt="x">', 'không có nguồn'],
    ['too large', `<img src="${dataUrl(Buffer.concat([PNG, Buffer.alloc(MAX_QUESTION_IMAGE_BYTES)]))}">`, 'quá lớn'],
  ])('reports %s, by its place', (_, html, message) => {
    const c = new ImageCollector();
    const r = extractImages(`<p>x</p>${html}`, c);
    expect(r.problems).toEqual([expect.stringContaining(message)]);
    expect(r.problems[0]).toMatch(/^hình thứ 1/);
    expect(c.images).toEqual([]);
  });

  it('the images of a real Moodle export fixture decode as PNG', () => {
    const xml = readFileSync(path.join(__dirname, '../../../../test/support/fixtures/moodle/moodle-rich.xml'), 'utf8');
    const files = [...xml.matchAll(/<file [^>]*encoding="base64">([^<]+)<\/file>/g)].map((m) => Buffer.from(m[1], 'base64'));
    expect(files.map(sniffImage)).toEqual(['image/png', 'image/png', 'image/png']);
  });
});
