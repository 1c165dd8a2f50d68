import { mkdirSync, writeFileSync } from 'node:fs';
import { seedDemoProvince } from '@api/seed/demo-seed';
import { createTestApp, TestApp } from '../support/test-app';

describe('coverage demo data', () => {
  let t: TestApp;
  let token: string;
  let seedMs = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const started = Date.now();
    await seedDemoProvince(t.db);
    seedMs = Date.now() - started;
    const res = await t.http.post('/api/auth/login').send({ username: 'dieuphoi', password: 'Demo@2025' });
    token = res.body.accessToken;
  }, 180_000);
  afterAll(() => t.close());

  it('the demo province has coverage for every seeded target, varying by unit, and the counters are right', async () => {
    expect(seedMs).toBeLessThan(120_000);
    const matrix = await t.http.get('/api/coverage/matrix').set('Authorization', `Bearer ${token}`).expect(200);
    const asean = matrix.body.targets.findIndex((x: { code: string }) => x.code === 'QD1439.ASEAN');
    const province = matrix.body.rows[0].cells[asean];
    expect(province.pct).toBeGreaterThan(40);
    expect(province.pct).toBeLessThan(70);
    const pcts = matrix.body.rows.slice(1).filter((r: { cells: { eligible: number }[] }) => r.cells[asean].eligible > 20).map((r: { cells: { pct: number }[] }) => r.cells[asean].pct);
    expect(Math.max(...pcts) - Math.min(...pcts)).toBeGreaterThan(10);
    for (const cell of matrix.body.rows[0].cells) expect(cell.covered).toBeGreaterThan(0);
    const verify = await t.http.post('/api/coverage/verify').set('Authorization', `Bearer ${token}`).expect(200);
    for (const r of verify.body) expect(`${r.code} ${r.counterDiffs}/${r.personDiffs}`).toBe(`${r.code} 0/0`);
  });

  it('eight communes had an in-person session and count as trained; some communes are still missing', async () => {
    const target = (await t.db.query(`SELECT id FROM target WHERE code = 'KH.CCHC.XA'`))[0].id;
    const res = await t.http.get(`/api/coverage/targets/${target}/missing`).query({ pageSize: 500 }).set('Authorization', `Bearer ${token}`).expect(200);
    const missing: string[] = res.body.items.map((x: { unitName: string }) => x.unitName);
    expect(missing.length).toBeGreaterThan(0);
    const sessions: { name: string }[] = await t.db.query(`SELECT u.name FROM training_session s JOIN org_unit u ON u.id = ANY(s.for_unit_ids)`);
    expect(sessions).toHaveLength(8);
    for (const s of sessions) expect(missing).not.toContain(s.name);
    console.log(`demo seed with coverage: ${seedMs} ms`);
  });

  it('the province report of the demo province: signed by the director of the Sở Nội vụ, one row per department and commune', async () => {
    const year = new Date().getFullYear() - 1;
    const res = await t.http
      .get('/api/reports/yearly.pdf')
      .query({ year })
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    mkdirSync('test-output/reports', { recursive: true });
    writeFileSync('test-output/reports/bao-cao-tinh-khanh-hoa.pdf', res.body as Buffer);
    const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (b: Buffer) => Promise<{ text: string }>;
    const { text } = await pdfParse(res.body as Buffer);
    expect(text).toContain('UBND TỈNH KHÁNH HÒA');
    expect(text).toContain('Phường Nha Trang');
    const [director] = await t.db.query(`SELECT p.full_name FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE u.name = 'Sở Nội vụ' AND p.position LIKE 'Giám đốc%' LIMIT 1`);
    if (director) expect(text).toContain(director.full_name);
  });
});
