import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Role } from '@cchc/shared';
import { seedDemoLibrary } from '@api/seed/demo-library/seed-demo-library';
import { createTestApp, insertUser, login, TestApp } from '../support/test-app';

/** The demo library: the five source documents as real PDFs whose extracted text is searchable, and the FAQ. */
describe('demo library content', () => {
  let t: TestApp;
  let filesDir: string;
  let token: string;
  const env = process.env.FILES_DIR;

  beforeAll(async () => {
    filesDir = mkdtempSync(path.join(tmpdir(), 'cchc-demo-library-'));
    process.env.FILES_DIR = filesDir;
    t = await createTestApp();
    await insertUser(t.db, { username: 'hocvien', role: Role.Learner });
    await insertUser(t.db, { username: 'bienson', role: Role.Author });
    token = await login(t.http, 'hocvien');
  });
  afterAll(async () => {
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
    process.env.FILES_DIR = env;
  });

  const search = async (q: string) =>
    (await t.http.get('/api/library/documents').query({ q }).set('authorization', `Bearer ${token}`).expect(200)).body.items as {
      number: string | null;
      title: string;
      issuer: string;
      issuedOn: string | null;
      snippet: string | null;
      textIndexed: boolean;
    }[];

  it('seeds once: five PDFs with their real numbers, issuers and dates', async () => {
    const started = Date.now();
    expect(await seedDemoLibrary(t.db)).toBe(true);
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(30);
    expect(await seedDemoLibrary(t.db)).toBe(false);
    expect(readdirSync(filesDir).length).toBeGreaterThan(0);

    const all = await search('');
    expect(all).toHaveLength(5);
    expect(all.every((d) => d.textIndexed)).toBe(true);
    const byNumber = Object.fromEntries(all.filter((d) => d.number).map((d) => [d.number, d]));
    expect(byNumber['1718/QĐ-UBND']).toMatchObject({ issuer: 'UBND tỉnh Khánh Hòa', issuedOn: '2023-07-21' });
    expect(byNumber['6861/KH-UBND']).toMatchObject({ issuer: 'UBND tỉnh Khánh Hòa', issuedOn: '2019-07-12' });
    expect(byNumber['2855/QĐ-UBND']).toMatchObject({ issuer: 'UBND tỉnh Thừa Thiên Huế', issuedOn: '2017-12-08' });
  }, 60_000);

  it('finds the seed documents without diacritics, and by words only inside their PDF text', async () => {
    expect((await search('van hoa cong vu'))[0].number).toBe('6861/KH-UBND');
    expect((await search('1718'))[0].number).toBe('1718/QĐ-UBND');
    // Words of the decision's body, not of its metadata: found through the text extracted from the generated PDF.
    const inText = await search('caicachhanhchinh gov vn');
    expect(inText[0].number).toBe('1718/QĐ-UBND');
    expect(inText[0].snippet).toContain('caicachhanhchinh.gov.vn');
    const hue = await search('PAR Index');
    expect(hue.map((d) => d.number)).toContain('2855/QĐ-UBND');
    expect((await search('hai duong'))[0].title).toContain('Đề án 1439');
    // The phrase ranks first and the passage shown is where it is written.
    const phrase = await search('van hoa cong vu');
    expect(phrase[0].number).toBe('6861/KH-UBND');
  });

  it('seeds a searchable FAQ and the demo learner’s own questions', async () => {
    const faq = await t.http.get('/api/qa/faq').query({ q: 'khong go duoc dau' }).set('authorization', `Bearer ${token}`).expect(200);
    expect(faq.body.items[0].title).toBe('Làm sao tìm nhanh một văn bản trong thư viện khi điện thoại không gõ được dấu?');
    expect((await t.http.get('/api/qa/faq').set('authorization', `Bearer ${token}`)).body.total).toBe(5);
    const mine = await t.http.get('/api/qa/questions/mine').set('authorization', `Bearer ${token}`).expect(200);
    expect(mine.body.items.map((q: { status: string }) => q.status).sort()).toEqual(['answered', 'open']);
  });
});
