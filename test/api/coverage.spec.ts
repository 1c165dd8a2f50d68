import { Workbook } from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Response } from 'supertest';
import { coveredYears, EvidenceKind, isEligible, Role, TargetRules, UnitLevel } from '@cchc/shared';
import { EvidenceService } from '@api/evidence/evidence.service';
import JSZip from 'jszip';
import { docxText, pdfPages } from '../support/documents';
import { createTestApp, insertPerson, insertUnit, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (b: Buffer) => Promise<{ text: string }>;

type ExcelRow = ReturnType<InstanceType<typeof Workbook>['worksheets'][number]['getRow']>;

const binary = (r: ReturnType<TestApp['http']['get']>) =>
  r.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (c: Buffer) => chunks.push(c));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });

describe('coverage against targets', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: string;
  let officer: string;
  let evidence: EvidenceService;
  const targets: Record<string, string> = {};
  const topics: Record<string, string> = {};
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  const record = (personId: string, topic: string, kind: EvidenceKind, at: string, source = `src-${Math.random()}`) =>
    evidence.record([{ personId, topicId: topics[topic], kind, sourceType: 'course', sourceId: source, occurredAt: new Date(at) }]);

  const summary = async (code: string, query: Record<string, string | number> = {}, token = coord) =>
    (await t.http.get(`/api/coverage/targets/${targets[code]}`).query(query).set(auth(token)).expect(200)).body;

  const verify = async () => {
    const res = await t.http.post('/api/coverage/verify').set(auth(coord)).expect(200);
    return res.body.map((r: { code: string; counterDiffs: number; personDiffs: number; unitDiffs: number }) => `${r.code}:${r.counterDiffs}/${r.personDiffs}/${r.unitDiffs}`);
  };
  const allZero = (rows: string[]) => rows.every((r) => r.endsWith(':0/0/0'));

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    evidence = t.app.get(EvidenceService);
    coord = await login(t.http, 'coord');
    officer = await login(t.http, 'commune.officer');
    for (const r of await t.db.query(`SELECT id, code FROM target`)) targets[r.code] = r.id;
    for (const r of await t.db.query(`SELECT id, code FROM topic`)) topics[r.code] = r.id;
  });
  afterAll(() => t.close());

  it('seeds the targets of the source documents', async () => {
    const res = await t.http.get('/api/targets').set(auth(coord)).expect(200);
    const byCode = Object.fromEntries(res.body.map((x: { code: string }) => [x.code, x]));
    expect(byCode['QD1439.ASEAN']).toMatchObject({ legalBasisNumber: '1439/QĐ-TTg', thresholdPct: 100, startYear: 2019, endYear: 2025, unitReportDue: '11-25', provinceReportDue: '12-15' });
    expect(byCode['QD1439.ASEAN'].phases.map((x: { name: string }) => x.name)).toEqual(['Giai đoạn I (2019–2022)', 'Giai đoạn II (2022–2025)']);
    expect(byCode['QD1439.KNHC']).toMatchObject({ thresholdPct: 80 });
    expect(byCode['QD1718.CCHC']).toMatchObject({ audience: expect.objectContaining({ doesCchcWork: true }), endYear: 2030 });
    expect(byCode['QD1847.VHCV']).toMatchObject({ validity: 'year' });
    expect(byCode['KH.CCHC.XA']).toMatchObject({ kind: 'units', audience: expect.objectContaining({ unitLevels: ['commune'] }) });
  });

  describe('a small hand-made province', () => {
    beforeAll(async () => {
      // ASEAN (people, valid until the end of the phase): 2024 covers 2024–2025; 2021 covers 2021–2022 only.
      await record(p.people.communeAStaff.id, 'ASEAN', EvidenceKind.CourseCompleted, '2024-05-10T03:00:00Z');
      await record(p.people.officeStaff.id, 'ASEAN', EvidenceKind.Attendance, '2021-03-01T03:00:00Z');
      await record(p.people.deptHead.id, 'ASEAN', EvidenceKind.TestPassed, '2025-02-01T03:00:00Z');
      // Evidence of the retired person and on another topic do not count.
      await record(p.people.retired.id, 'ASEAN', EvidenceKind.CourseCompleted, '2025-02-01T03:00:00Z');
      await record(p.people.communeBStaff.id, 'VHCV', EvidenceKind.CourseCompleted, '2025-02-01T03:00:00Z');
    });

    it('the province figures for 2025 equal the hand count: 2 of 5 cán bộ, công chức, not met after the deadline', async () => {
      const s = await summary('QD1439.ASEAN', { year: 2025 });
      expect(s).toMatchObject({ year: 2025, eligible: 5, covered: 2, pct: 40, status: 'not_met', counts: 'people' });
      const rows = Object.fromEntries(s.children.map((c: { unitName: string; eligible: number; covered: number }) => [c.unitName, `${c.covered}/${c.eligible}`]));
      expect(rows).toEqual({ 'Sở Nội vụ': '1/2', 'Xã An Bình': '1/2', 'Phường Bình Minh': '0/1' });
      // Over time: 2021 only the office staff (attendance in 2021, valid to the end of phase I).
      const byYear = Object.fromEntries(s.series.map((x: { year: number; covered: number }) => [x.year, x.covered]));
      expect(byYear).toEqual({ 2019: 0, 2020: 0, 2021: 1, 2022: 1, 2023: 0, 2024: 1, 2025: 2 });
      expect(s.phases.map((x: { name: string; pct: number }) => `${x.name}=${x.pct}`)).toEqual(['Giai đoạn I (2019–2022)=20', 'Giai đoạn II (2022–2025)=40']);
    });

    it('the missing list names who is left and why, paged', async () => {
      const res = await t.http.get(`/api/coverage/targets/${targets['QD1439.ASEAN']}/missing`).query({ year: 2025, pageSize: 2 }).set(auth(coord)).expect(200);
      expect(res.body.total).toBe(3);
      expect(res.body.items).toHaveLength(2);
      const page2 = await t.http.get(`/api/coverage/targets/${targets['QD1439.ASEAN']}/missing`).query({ year: 2025, pageSize: 2, page: 2 }).set(auth(coord)).expect(200);
      const all = [...res.body.items, ...page2.body.items];
      expect(all.map((x: { staffCode: string }) => x.staffCode).sort()).toEqual(['T0002', 'T0004', 'T0005']);
      expect(all.find((x: { staffCode: string }) => x.staffCode === 'T0002').reason).toMatch(/chỉ có hiệu lực đến hết năm 2022/);
      expect(all.find((x: { staffCode: string }) => x.staffCode === 'T0004').reason).toMatch(/Chưa có kết quả bồi dưỡng về Cộng đồng ASEAN/);
    });

    it('a unit officer sees only their subtree, in every view and export', async () => {
      const s = await summary('QD1439.ASEAN', { year: 2025 }, officer);
      expect(s).toMatchObject({ unit: { id: p.units.communeA.id }, eligible: 2, covered: 1 });
      for (const path of [`/api/coverage/targets/${targets['QD1439.ASEAN']}`, `/api/coverage/targets/${targets['QD1439.ASEAN']}/missing`, `/api/coverage/targets/${targets['QD1439.ASEAN']}/missing.xlsx`, '/api/coverage/matrix', '/api/coverage/scores', '/api/reports/yearly', '/api/reports/yearly.xlsx', '/api/reports/yearly.pdf']) {
        const res = await t.http.get(path).query({ unitId: p.units.communeB.id, year: 2025 }).set(auth(officer));
        expect(`${path} ${res.status} ${res.body.code}`).toBe(`${path} 403 OUT_OF_SCOPE`);
      }
      const missing = await t.http.get(`/api/coverage/targets/${targets['QD1439.ASEAN']}/missing`).query({ year: 2025 }).set(auth(officer)).expect(200);
      expect(missing.body.items.map((x: { staffCode: string }) => x.staffCode)).toEqual(['T0004']);
      const xlsx = await binary(t.http.get(`/api/coverage/targets/${targets['QD1439.ASEAN']}/missing.xlsx`).query({ year: 2025 }).set(auth(officer))).expect(200);
      const wb = new Workbook();
      await wb.xlsx.load(xlsx.body as never);
      const codes: string[] = [];
      wb.worksheets[0].eachRow((row, n) => n > 4 && codes.push(String(row.getCell(2).value)));
      expect(codes).toEqual(['T0004']);
      const matrix = await t.http.get('/api/coverage/matrix').set(auth(officer)).expect(200);
      expect(matrix.body.rows.map((r: { unitId: string }) => r.unitId)).toEqual([p.units.communeA.id]);
      const report = await t.http.get('/api/reports/yearly').query({ year: 2025 }).set(auth(officer)).expect(200);
      expect(report.body.kind).toBe('unit');
      expect(report.body.sections[0].total).toMatchObject({ eligible: 2, covered: 1 });
    });

    it('a learner sees the targets they meet and what is left', async () => {
      const learner = await login(t.http, 'learner');
      const res = await t.http.get('/api/coverage/me').set(auth(learner)).expect(200);
      const asean = res.body.find((x: { target: { code: string } }) => x.target.code === 'QD1439.ASEAN');
      expect(asean).toMatchObject({ eligible: true, covered: true, coveredYears: [2024, 2025] });
      const knhc = res.body.find((x: { target: { code: string } }) => x.target.code === 'QD1439.KNHC');
      expect(knhc).toMatchObject({ eligible: true, covered: false });
      expect(knhc.todo).toMatch(/Kỹ năng hành chính/);
      const cchc = res.body.find((x: { target: { code: string } }) => x.target.code === 'QD1718.CCHC');
      expect(cchc).toMatchObject({ eligible: false, todo: null });
    });

    it('units target: a commune counts when a session was organised for it or one of its people was trained', async () => {
      const thisYear = new Date().getUTCFullYear();
      let s = await summary('KH.CCHC.XA');
      expect(s).toMatchObject({ counts: 'units', eligible: 2, covered: 0 });
      const session = await t.http
        .post('/api/training-sessions')
        .set(auth(coord))
        .send({ title: 'Hội nghị tập huấn CCHC cho xã An Bình', topicId: topics['CCHC.TTHC'], startsOn: `${thisYear}-03-10`, endsOn: `${thisYear}-03-10`, organisingUnitId: p.units.dept.id, forUnitIds: [p.units.communeA.id], trainer: 'Phòng CCHC', hours: 4 })
        .expect(201);
      s = await summary('KH.CCHC.XA');
      expect(s).toMatchObject({ eligible: 2, covered: 1, pct: 50 });
      await record(p.people.communeBStaff.id, 'CCHC.CQS', EvidenceKind.CourseCompleted, `${thisYear}-02-01T03:00:00Z`);
      s = await summary('KH.CCHC.XA');
      expect(s).toMatchObject({ eligible: 2, covered: 2, pct: 100, status: 'met' });
      // Attendance recorded by the unit officer: evidence on the session's topic for their own people only.
      const added = await t.http.post(`/api/training-sessions/${session.body.id}/attendance`).set(auth(coord)).send({ personIds: [p.people.communeAStaff2.id] }).expect(200);
      expect(added.body).toEqual({ added: 1 });
      const ev = await t.db.query(`SELECT kind, source_type, source_id FROM training_evidence WHERE person_id = $1 AND topic_id = $2`, [p.people.communeAStaff2.id, topics['CCHC.TTHC']]);
      expect(ev).toEqual([{ kind: 'attendance', source_type: 'session', source_id: session.body.id }]);
      expect(allZero(await verify())).toBe(true);
    });
  });

  describe('reports', () => {
    beforeAll(async () => {
      const [{ id: roundId }] = await t.db.query(
        `INSERT INTO test_round (name, status, opens_at, closes_at, topic_ids, pass_mark) VALUES ('Kiểm tra kiến thức ASEAN quý I/2025', 'closed', '2025-03-01', '2025-03-15', $1, 5) RETURNING id`,
        [[topics.ASEAN]],
      );
      await t.db.query(
        `INSERT INTO test_result (round_id, person_id, score, band, passed, finished_at) VALUES
           ($1, $2, 8.5, 'Khá', true, '2025-03-02'), ($1, $3, 3, 'Chưa đạt', false, '2025-03-02'), ($1, $4, 9.5, 'Giỏi', true, '2025-03-03')`,
        [roundId, p.people.communeAStaff.id, p.people.communeAStaff2.id, p.people.deptHead.id],
      );
    });

    it('the missing list gives a failed test as the reason only in the year it was taken', async () => {
      // Phường Bình Minh's person fails a test in 2026: the 2025 list must not cite it; Xã An Bình's 2025 failure stands.
      const [{ id: later }] = await t.db.query(
        `INSERT INTO test_round (name, status, opens_at, closes_at, topic_ids, pass_mark) VALUES ('Kiểm tra kiến thức ASEAN 2026', 'closed', '2026-03-01', '2026-03-15', $1, 5) RETURNING id`,
        [[topics.ASEAN]],
      );
      await t.db.query(`INSERT INTO test_result (round_id, person_id, score, band, passed, finished_at) VALUES ($1, $2, 4.5, 'Chưa đạt', false, '2026-03-02')`, [later, p.people.communeBStaff.id]);
      try {
        const reasons = async (year: number) => {
          const res = await t.http.get(`/api/coverage/targets/${targets['QD1439.ASEAN']}/missing`).query({ year }).set(auth(coord)).expect(200);
          return Object.fromEntries(res.body.items.map((x: { staffCode: string; reason: string }) => [x.staffCode, x.reason]));
        };
        const in2025 = await reasons(2025);
        expect(in2025.T0004).toMatch(/^Chưa đạt bài kiểm tra \(3 điểm\)/);
        expect(in2025.T0005).not.toMatch(/kiểm tra/);
      } finally {
        await t.db.query(`DELETE FROM test_round WHERE id = $1`, [later]);
      }
    });

    it('the .xlsx report: letterhead, one sheet per target with frozen two-row header, numbers as numbers and percentages as fractions', async () => {
      const res = await binary(t.http.get('/api/reports/yearly.xlsx').query({ year: 2025, targetIds: targets['QD1439.ASEAN'] }).set(auth(coord))).expect(200);
      const wb = new Workbook();
      await wb.xlsx.load(res.body as never);
      const summary = wb.getWorksheet('Báo cáo')!;
      const text = (ws: typeof summary) => {
        const rows: string[] = [];
        ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((c) => (c === null || c === undefined ? '' : String(c))).join('|')));
        return rows.join('\n');
      };
      expect(text(summary)).toMatch(/UBND TỈNH THỬ NGHIỆM/);
      expect(text(summary)).toMatch(/CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
      expect(summary.getCell('A2').value).toBe('SỞ NỘI VỤ');
      expect(text(summary)).toMatch(/Số: ……\/BC-SNV/);
      expect(text(summary)).toMatch(/Nơi nhận:/);
      const ws = wb.worksheets.find((w) => w.name.startsWith('1. '))!;
      expect(ws.name).toBe('1. Kiến thức Cộng đồng ASEAN');
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
      expect(ws.pageSetup.printTitlesRow).toBe('12:13');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 13 });
      expect(ws.getCell('C12').value).toBe('BỒI DƯỠNG (số người)');
      expect(ws.getCell('G12').value).toBe('KIỂM TRA KIẾN THỨC (lượt làm bài)');
      const header = (ws.getRow(13).values as unknown[]).slice(3);
      expect(header).toEqual(['Số người thuộc đối tượng', 'Số người đã bồi dưỡng', 'Tỷ lệ', 'Đánh giá', 'Số lượt', 'Lượt đạt', 'Tỷ lệ đạt', 'Điểm TB', 'Xếp loại Giỏi', 'Xếp loại Khá', 'Xếp loại Chưa đạt']);
      let commune: ExcelRow | undefined;
      let total: ExcelRow | undefined;
      ws.eachRow((row) => {
        if (row.getCell(2).value === 'Xã An Bình') commune = row;
        if (row.getCell(2).value === 'Tổng cộng') total = row;
      });
      // 2025 is over: the target's deadline (31/12/2025) has passed, so the verdict is met / not met.
      expect((commune!.values as unknown[]).slice(3)).toEqual([2, 1, 0.5, 'Không đạt', 2, 1, 0.5, 5.75, 0, 1, 1]);
      expect(commune!.getCell(5).numFmt).toBe('0.0%');
      expect(commune!.getCell(9).numFmt).toBe('0.0%');
      expect((total!.values as unknown[]).slice(3, 8)).toEqual([5, 2, 0.4, 'Không đạt', 3]);
      // Numeric columns hold numbers or nothing, never a dash.
      ws.eachRow((row, n) => {
        if (n <= 13) return;
        for (let c = 3; c <= 14; c++) if (c !== 6) expect(['number', 'undefined']).toContain(typeof (row.getCell(c).value ?? undefined));
      });
      const missing = wb.getWorksheet('Danh sách chưa đạt')!;
      const names: string[] = [];
      missing.eachRow((row, n) => n > 2 && names.push(String(row.getCell(2).value)));
      expect(names.sort()).toEqual(['T0002', 'T0004', 'T0005']);
    });

    it('the PDF report has the administrative layout, page numbers from page 2 and verdicts after the deadline', async () => {
      const res = await binary(t.http.get('/api/reports/yearly.pdf').query({ year: 2025 }).set(auth(coord))).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      mkdirSync('test-output/reports', { recursive: true });
      writeFileSync('test-output/reports/bao-cao-tinh.pdf', res.body as Buffer);
      const { text } = await pdfParse(res.body as Buffer);
      for (const s of ['UBND TỈNH THỬ NGHIỆM', 'SỞ NỘI VỤ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'GIÁM ĐỐC', 'Nơi nhận:', 'Phường Bình Minh', 'Cộng đồng ASEAN', 'Tổng cộng', 'BỒI DƯỠNG (số người)', 'KIỂM TRA KIẾN THỨC (lượt làm bài)'])
        expect(text).toContain(s);
      expect(text).toMatch(/Thử Nghiệm, ngày \d{2} tháng \d{2} năm \d{4}/);
      const pages = await pdfPages(res.body as Buffer);
      pages.forEach((page, i) => {
        if (i === 0) expect(page).not.toMatch(/Trang \d+\/\d+/);
        else expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
      });
      // QĐ 1439's deadline (31/12/2025) has passed: its figures are a verdict, never "behind schedule".
      const qd1439 = await binary(t.http.get('/api/reports/yearly.pdf').query({ year: 2025, targetIds: `${targets['QD1439.ASEAN']},${targets['QD1439.KNHC']}` }).set(auth(coord))).expect(200);
      const verdicts = (await pdfPages(qd1439.body as Buffer)).join('\n');
      expect(verdicts).not.toContain('Chậm tiến độ');
      expect(verdicts).not.toContain('Đúng tiến độ');
      expect(verdicts).toContain('Không đạt');
    });

    it('a commune-level target leaves departments out of its table; a commune with no one eligible says so instead of 0%', async () => {
      const unitsTarget = (await t.http.get('/api/reports/yearly').query({ year: new Date().getUTCFullYear(), targetIds: targets['KH.CCHC.XA'] }).set(auth(coord)).expect(200)).body;
      const names = unitsTarget.sections[0].rows.map((r: { unitName: string }) => r.unitName);
      expect(names).toEqual(expect.arrayContaining(['Xã An Bình', 'Phường Bình Minh']));
      expect(names).not.toContain(p.units.dept.name);
      expect(unitsTarget.sections[0].notApplicable).toContain(p.units.dept.name);
      const empty = await insertUnit(t.db, { code: 'T.X.Z', name: 'Xã Không Người', level: UnitLevel.Commune, parent: p.units.province });
      const people = (await t.http.get('/api/reports/yearly').query({ year: 2025, targetIds: targets['QD1439.ASEAN'] }).set(auth(coord)).expect(200)).body;
      const row = people.sections[0].rows.find((r: { unitName: string }) => r.unitName === 'Xã Không Người');
      expect(row).toMatchObject({ eligible: 0, pct: null, status: null });
      const pdf = await binary(t.http.get('/api/reports/yearly.pdf').query({ year: 2025, targetIds: targets['QD1439.ASEAN'] }).set(auth(coord))).expect(200);
      const pageText = (await pdfPages(pdf.body as Buffer)).join('\n');
      const line = pageText.split('\n').find((l) => l.includes('Xã Không Người'))!;
      expect(line).toMatch(/Xã Không Người 0 0 Không có đối tượng/);
      expect(line).not.toContain('%');
      await t.db.query(`DELETE FROM org_unit WHERE id = $1`, [empty.id]);
    });

    it('the .docx report is an editable Word document with the same letterhead, tables and signature block', async () => {
      const res = await binary(t.http.get('/api/reports/yearly.docx').query({ year: 2025 }).set(auth(coord))).expect(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(res.headers['content-disposition']).toMatch(/bao-cao-tinh-nam-2025\.docx/);
      const { body, headers } = await docxText(res.body as Buffer);
      for (const s of ['UBND TỈNH THỬ NGHIỆM', 'SỞ NỘI VỤ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: ……/BC-SNV', 'BÁO CÁO', 'II. ĐÁNH GIÁ CHUNG', 'Nơi nhận:', 'GIÁM ĐỐC SỞ NỘI VỤ', 'Xã An Bình', 'Tổng cộng', 'Không đạt'])
        expect(body).toContain(s);
      expect(body).toMatch(/Thử Nghiệm, ngày \d{2} tháng \d{2} năm \d{4}/);
      const asean = body.slice(body.indexOf('1. 100% cán bộ, công chức'), body.indexOf('2. '));
      expect(asean).toContain('Không đạt');
      expect(asean).not.toContain('Chậm tiến độ');
      expect(headers).toMatch(/Trang \{PAGE\}\/\{NUMPAGES\}/);
      const xml = await (await JSZip.loadAsync(res.body as Buffer)).file('word/document.xml')!.async('string');
      expect(xml).toContain('<w:tblHeader/>');
      expect(xml).toContain('<w:cantSplit/>');
    });

    it('scores: low scorers and commendations of the subtree', async () => {
      const res = await t.http.get('/api/coverage/scores').query({ year: 2025 }).set(auth(coord)).expect(200);
      expect(res.body.lowScorers.map((x: { staffCode: string; band: string }) => `${x.staffCode} ${x.band}`)).toEqual(['T0004 Chưa đạt']);
      expect(res.body.commendations.map((x: { staffCode: string }) => x.staffCode)).toEqual(['T0001']);
      const scoped = await t.http.get('/api/coverage/scores').query({ year: 2025 }).set(auth(officer)).expect(200);
      expect(scoped.body.commendations).toEqual([]);
    });

    it('score lists are paged with their total and export whole to .xlsx with numeric scores', async () => {
      const page = await t.http.get('/api/coverage/low-scorers').query({ year: 2025, page: 1, pageSize: 1 }).set(auth(coord)).expect(200);
      expect(page.body).toMatchObject({ total: 1, page: 1, pageSize: 1, year: 2025 });
      expect(page.body.items.map((x: { staffCode: string }) => x.staffCode)).toEqual(['T0004']);
      const high = await t.http.get('/api/coverage/commendations').query({ year: 2025 }).set(auth(coord)).expect(200);
      expect(high.body).toMatchObject({ total: 1, items: [{ staffCode: 'T0001' }] });
      const xlsx = await binary(t.http.get('/api/coverage/low-scorers.xlsx').query({ year: 2025 }).set(auth(coord))).expect(200);
      const wb = new Workbook();
      await wb.xlsx.load(xlsx.body as never);
      const row = wb.worksheets[0].getRow(5);
      expect(row.getCell(2).value).toBe('T0004');
      expect(typeof row.getCell(6).value).toBe('number');
      expect(String(row.getCell(8).value)).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      const other = await t.http.get('/api/coverage/low-scorers').query({ unitId: p.units.communeB.id }).set(auth(officer));
      expect(other.status).toBe(403);
    });

    it('the heat map: a chosen year, short names, and a commune-level target greyed out (not applicable) for departments', async () => {
      const m = (await t.http.get('/api/coverage/matrix').query({ year: 2025 }).set(auth(coord)).expect(200)).body;
      expect(m.year).toBe(2025);
      expect(m.years).toEqual(expect.arrayContaining([2025, 2024, 2019]));
      const xa = m.targets.findIndex((x: { code: string }) => x.code === 'KH.CCHC.XA');
      expect(m.targets[xa].shortName).toBe('Tập huấn CCHC cấp xã');
      const dept = m.rows.find((r: { unitId: string }) => r.unitId === p.units.dept.id);
      const commune = m.rows.find((r: { unitId: string }) => r.unitId === p.units.communeA.id);
      expect(dept.cells[xa]).toMatchObject({ applies: false, eligible: 0 });
      expect(commune.cells[xa]).toMatchObject({ applies: true, year: 2025 });
      // A year before a target starts leaves that target out.
      const early = (await t.http.get('/api/coverage/matrix').query({ year: 2020 }).set(auth(coord)).expect(200)).body;
      expect(early.targets.map((x: { code: string }) => x.code)).not.toContain('KH.CCHC.XA');
      expect(early.rows[0].cells.every((c: { year: number }) => c.year === 2020)).toBe(true);
      // Inside a department's subtree the commune-level target applies to nothing: it is not a column at all.
      const inDept = (await t.http.get('/api/coverage/matrix').query({ unitId: p.units.dept.id }).set(auth(coord)).expect(200)).body;
      expect(inDept.targets.map((x: { code: string }) => x.code)).not.toContain('KH.CCHC.XA');
    });
  });

  describe('transfers, retirements and merges through the API', () => {
    it('a person counts in their current unit, leaves on retiring, and a merge carries people along', async () => {
      const unitRow = async (name: string) => (await summary('QD1439.ASEAN', { year: 2025 })).children.find((c: { unitName: string }) => c.unitName === name);
      await t.http.post(`/api/people/${p.people.communeAStaff.id}/transfer`).set(auth(coord)).send({ unitId: p.units.communeB.id }).expect(200);
      expect(await unitRow('Xã An Bình')).toMatchObject({ eligible: 1, covered: 0 });
      expect(await unitRow('Phường Bình Minh')).toMatchObject({ eligible: 2, covered: 1 });

      // The department head is the coordinator's own person: retiring them disables that account, so a colleague
      // in the same department carries on.
      await insertUser(t.db, { username: 'coord2', role: Role.Coordinator, unitId: p.units.dept.id });
      const colleague = await login(t.http, 'coord2');
      await t.http.post(`/api/people/${p.people.deptHead.id}/status`).set(auth(coord)).send({ status: 'retired' }).expect(200);
      await t.http.get('/api/auth/me').set(auth(coord)).expect(401);
      coord = colleague;
      expect(await summary('QD1439.ASEAN', { year: 2025 })).toMatchObject({ eligible: 4, covered: 1 });

      const merge = await t.http.post(`/api/units/${p.units.communeA.id}/merge`).set(auth(coord)).send({ sourceUnitIds: [p.units.communeB.id] });
      expect(merge.status).toBeLessThan(300);
      const after = await summary('QD1439.ASEAN', { year: 2025 });
      expect(after.children.map((c: { unitName: string }) => c.unitName)).not.toContain('Phường Bình Minh');
      expect(await unitRow('Xã An Bình')).toMatchObject({ eligible: 3, covered: 1 });
      expect(allZero(await verify())).toBe(true);
    });
  });

  describe('test passes reach coverage through a queue', () => {
    it('a pass queues its person instead of refreshing inside the writer; the next coverage read applies it', async () => {
      const admin = await login(t.http, 'admin');
      const root = await insertUnit(t.db, { code: 'Q', name: 'Tỉnh Hàng Đợi', level: 'province' as never });
      const commune = await insertUnit(t.db, { code: 'Q.1', name: 'Xã Hàng Đợi', level: 'commune' as never, parent: root });
      const person = (await insertPerson(t.db, { staffCode: 'QUEUE1', fullName: 'Người Xếp Hàng', unitId: commune.id, category: 'cong_chuc' })).id;
      const course = (await insertPerson(t.db, { staffCode: 'QUEUE2', fullName: 'Người Học Khoá', unitId: commune.id, category: 'cong_chuc' })).id;
      const years = async (id: string) =>
        (await t.db.query(`SELECT years FROM coverage_person WHERE target_id = $1 AND person_id = $2`, [targets['QD1439.ASEAN'], id]))[0]?.years ?? [];

      await record(person, 'ASEAN', EvidenceKind.TestPassed, '2025-03-01T03:00:00Z');
      await record(course, 'ASEAN', EvidenceKind.CourseCompleted, '2025-03-01T03:00:00Z');
      // The course completion counted at once; the pass waits in the queue.
      expect(await years(course)).toEqual([2025]);
      expect(await years(person)).toEqual([]);
      expect((await t.db.query(`SELECT person_id FROM coverage_pending`)).map((r: { person_id: string }) => r.person_id)).toContain(person);

      // A coordinator reading coverage sees both: the read folds the queue first.
      const s = await summary('QD1439.ASEAN', { year: 2025, unitId: root.id }, admin);
      expect({ eligible: s.eligible, covered: s.covered }).toEqual({ eligible: 2, covered: 2 });
      expect(await years(person)).toEqual([2025]);
      expect(await t.db.query(`SELECT person_id FROM coverage_pending`)).toEqual([]);
      expect(allZero(await verify())).toBe(true);
    });
  });

  describe('random sequences of events keep the aggregates equal to a full recomputation', () => {
    it('completions, transfers, merges, retirements, deletions of evidence', async () => {
      let seed = 20251215;
      const rnd = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      // A province of its own: the administrator (every province) works on it; province T's coordinator could not.
      const admin = await login(t.http, 'admin');
      const root = await insertUnit(t.db, { code: 'R', name: 'Tỉnh Ngẫu Nhiên', level: 'province' as never });
      const units = [];
      for (let i = 0; i < 6; i++) units.push(await insertUnit(t.db, { code: `R.${i}`, name: `Xã Ngẫu Nhiên ${i}`, level: 'commune' as never, parent: root }));
      const people: string[] = [];
      const cats = ['can_bo', 'cong_chuc', 'vien_chuc', 'nguoi_lao_dong'];
      for (let i = 0; i < 40; i++)
        people.push((await insertPerson(t.db, { staffCode: `RND${i}`, fullName: `Người Thứ ${i}`, unitId: units[rnd(6)].id, category: cats[rnd(4)], doesCchcWork: rnd(2) === 0, isLeader: rnd(5) === 0 })).id);
      const topicCodes = ['ASEAN', 'KNHC', 'VHCV', 'CCHC.TTHC', 'CCHC'];
      const kinds = [EvidenceKind.CourseCompleted, EvidenceKind.TestPassed, EvidenceKind.Attendance];
      const alive = new Set(units.map((u) => u.id));
      // Two districts the communes move between (a move changes the subtree totals of the old and new ancestors).
      const parents = [root.id];
      for (let i = 0; i < 2; i++) parents.push((await t.http.post('/api/units').set(auth(admin)).send({ code: `R.H${i}`, name: `Huyện Ngẫu Nhiên ${i}`, level: 'district', parentId: root.id }).expect(201)).body.id);
      const sessions: string[] = [];
      let moves = 0;
      const session = (unitId: string) => {
        const year = 2019 + rnd(8);
        return {
          title: 'Tập huấn CCHC', topicId: topics[['CCHC.TTHC', 'ASEAN', 'CCHC'][rnd(3)]], startsOn: `${year}-05-10`, endsOn: `${year}-05-10`,
          organisingUnitId: root.id, forUnitIds: [unitId], trainer: 'Sở Nội vụ', hours: 4,
        };
      };
      for (let step = 0; step < 160; step++) {
        const event = rnd(13);
        const person = people[rnd(people.length)];
        const unitIds = [...alive];
        let res: Response | undefined;
        if (event < 5) await record(person, topicCodes[rnd(5)], kinds[rnd(3)], `${2019 + rnd(8)}-0${1 + rnd(9)}-15T03:00:00Z`);
        else if (event < 7) res = await t.http.post(`/api/people/${person}/transfer`).set(auth(admin)).send({ unitId: unitIds[rnd(unitIds.length)] });
        else if (event < 8) res = await t.http.post(`/api/people/${person}/status`).set(auth(admin)).send({ status: ['retired', 'left', 'active', 'on_leave'][rnd(4)] });
        else if (event < 9 && unitIds.length > 2) {
          const [a, b] = [unitIds[0], unitIds[1 + rnd(unitIds.length - 1)]];
          res = await t.http.post(`/api/units/${a}/merge`).set(auth(admin)).send({ sourceUnitIds: [b] });
          if (res.status < 300) alive.delete(b);
        } else if (event < 10) {
          // A session organised for a commune (the communes target counts it), or one moved to another commune.
          const body = session(unitIds[rnd(unitIds.length)]);
          if (sessions.length && rnd(2) === 0) res = await t.http.put(`/api/training-sessions/${sessions[rnd(sessions.length)]}`).set(auth(admin)).send(body);
          else {
            res = await t.http.post('/api/training-sessions').set(auth(admin)).send(body);
            if (res.status < 300) sessions.push(res.body.id);
          }
        } else if (event < 11) {
          res = await t.http.post(`/api/units/${unitIds[rnd(unitIds.length)]}/move`).set(auth(admin)).send({ newParentId: parents[rnd(parents.length)] });
          if (res.status < 300) moves++;
        }
        else await t.db.query(`DELETE FROM training_evidence WHERE id = (SELECT id FROM training_evidence WHERE person_id = $1 ORDER BY id LIMIT 1)`, [person]);
        if (res && res.status >= 500) throw new Error(`step ${step}: ${res.status} ${JSON.stringify(res.body)}`);
      }
      // The communes target judged the province's communes (verify compares every judgement and subtree total with
      // the rule evaluated from units, sessions and counters).
      const communes = (await t.db.query(`SELECT id FROM target WHERE code = 'KH.CCHC.XA'`))[0].id;
      const judged = await t.db.query(`SELECT count(*)::int AS n FROM coverage_unit_status s JOIN org_unit u ON u.id = s.unit_id WHERE s.target_id = $1 AND u.path LIKE $2`, [communes, `${root.path}%`]);
      expect(judged[0].n).toBeGreaterThan(0);
      expect(sessions.length).toBeGreaterThan(0);
      expect(moves).toBeGreaterThan(0);
      expect(allZero(await verify())).toBe(true);

      // And the counters agree with the pure rules of libs/shared applied to the raw rows.
      const target = (await t.db.query(`SELECT * FROM target WHERE code = 'QD1439.ASEAN'`))[0];
      const rules: TargetRules = {
        kind: target.kind, audience: { ...target.audience, unitPaths: [] }, evidenceKinds: target.evidence_kinds, validity: target.validity,
        validityYears: target.validity_years, phases: target.phases, startYear: target.start_year, endYear: target.end_year, unitShare: Number(target.unit_share),
      };
      const rows = await t.db.query(
        `SELECT p.id, p.status, p.category, p.does_cchc_work, p.is_leader, u.level, u.path,
                coalesce((SELECT json_agg(json_build_object('kind', e.kind, 'year', coverage_evidence_year(e.occurred_at))) FROM training_evidence e
                           WHERE e.person_id = p.id AND e.topic_id = ANY($2::uuid[])), '[]') AS ev
           FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE u.path LIKE $1`,
        [`${root.path}%`, target.topic_ids],
      );
      let eligible = 0;
      let covered = 0;
      for (const r of rows) {
        if (!isEligible(rules, { status: r.status, category: r.category, doesCchcWork: r.does_cchc_work, isLeader: r.is_leader, unitLevel: r.level, unitPath: r.path })) continue;
        eligible++;
        if (coveredYears(rules, r.ev).includes(2024)) covered++;
      }
      const s = await summary('QD1439.ASEAN', { year: 2024, unitId: root.id }, admin);
      expect({ eligible: s.eligible, covered: s.covered }).toEqual({ eligible, covered });
      expect(eligible).toBeGreaterThan(0);
    });
  });
});
