import { mkdirSync, writeFileSync } from 'node:fs';
import { seedDemoProvince } from '@api/seed/demo-seed';
import { pdfPages } from '../support/documents';
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
    for (const r of verify.body) expect(`${r.code} ${r.counterDiffs}/${r.personDiffs}/${r.unitDiffs}`).toBe(`${r.code} 0/0/0`);
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

  it('the province report of the demo province: signed by the director of the Sở Nội vụ, every page numbered, no header-only page, verdicts past the deadline', async () => {
    const year = 2025;
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
    const pages = await pdfPages(res.body as Buffer);
    const text = pages.join('\n');
    expect(text).toContain('UBND TỈNH KHÁNH HÒA');
    expect(text).toContain('Phường Nha Trang');
    const [director] = await t.db.query(`SELECT p.full_name FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE u.name = 'Sở Nội vụ' AND p.position LIKE 'Giám đốc%' LIMIT 1`);
    if (director) expect(text).toContain(director.full_name);
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((page, i) => {
      // Every page but the first carries "Trang n/N".
      if (i === 0) expect(page).not.toMatch(/Trang \d+\/\d+/);
      else expect(page.split('\n')).toContain(`Trang ${i + 1}/${pages.length}`);
      // Where a table header is printed, at least one row of that table follows it on the same page.
      for (const header of ['KIỂM TRA KIẾN THỨC (lượt làm bài)', 'Họ và tên Mã cán bộ Đơn vị Lý do', 'STT Đơn vị Lý do']) {
        const at = page.lastIndexOf(header);
        if (at >= 0) expect(`page ${i + 1}: ${/\n\d+ \S|\nTổng cộng/.test(page.slice(at))}`).toBe(`page ${i + 1}: true`);
      }
    });
    // The preview names the sections: those of a target whose deadline has passed hold verdicts only.
    const preview = (await t.http.get('/api/reports/yearly').query({ year }).set('Authorization', `Bearer ${token}`).expect(200)).body;
    const flat = text.replace(/\s+/g, ' ');
    const starts = preview.sections.map((s: { target: { name: string } }, i: number) => flat.indexOf(`${i + 1}. ${s.target.name}`));
    preview.sections.forEach((s: { target: { deadline: string; code: string } }, i: number) => {
      const part = flat.slice(starts[i], starts[i + 1] > 0 ? starts[i + 1] : undefined);
      if (s.target.deadline < `${new Date().getUTCFullYear()}-01-01`) expect(`${s.target.code}: ${/Chậm tiến độ|Đúng tiến độ/.test(part)}`).toBe(`${s.target.code}: false`);
    });
    // The commune-level target's table lists communes only.
    const communes = preview.sections.find((s: { target: { code: string } }) => s.target.code === 'KH.CCHC.XA');
    if (communes) expect(communes.rows.some((r: { unitName: string }) => r.unitName.startsWith('Sở '))).toBe(false);
  });
});
