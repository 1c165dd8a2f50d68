import { Workbook } from 'exceljs';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Response } from 'supertest';
import { renderTextPdf } from '@api/library/text-pdf';
import { createTestApp, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

/** Every file under the storage folder (files live in two-character sub-folders). */
function storedFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(root);
  return out;
}

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('document library', () => {
  let t: TestApp;
  let p: SmallProvince;
  let filesDir: string;
  let coordinator: string;
  let author: string;
  let learner: string;
  let topics: Record<string, string>;
  const env = { FILES_DIR: process.env.FILES_DIR, LIBRARY_MAX_UPLOAD_MB: process.env.LIBRARY_MAX_UPLOAD_MB };

  beforeAll(async () => {
    filesDir = mkdtempSync(path.join(tmpdir(), 'cchc-library-'));
    process.env.FILES_DIR = filesDir;
    process.env.LIBRARY_MAX_UPLOAD_MB = '1';
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    [coordinator, author, learner] = await Promise.all(['coord', 'author', 'learner'].map((u) => login(t.http, u)));
    topics = Object.fromEntries((await t.db.query(`SELECT code, id FROM topic`)).map((r: { code: string; id: string }) => [r.code, r.id]));
  });
  afterAll(async () => {
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
    Object.assign(process.env, env);
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  function upload(token: string, fields: Record<string, string>, file: { content: Buffer; name: string }) {
    let r = t.http.post('/api/library/documents').set(bearer(token));
    for (const [k, v] of Object.entries(fields)) r = r.field(k, v);
    return r.attach('file', file.content, file.name);
  }

  const search = (token: string, query: Record<string, string | number>) => t.http.get('/api/library/documents').query(query).set(bearer(token)).expect(200);
  const titles = (res: Response) => res.body.items.map((d: { title: string }) => d.title);

  let vhcv: { id: string };
  let qd1718: { id: string };
  let truongSa: { id: string };

  it('uploads a PDF with its metadata and serves it back with the right headers', async () => {
    const pdf = await renderTextPdf('KẾ HOẠCH', 'Triển khai thực hiện Đề án Văn hóa công vụ tại các cơ quan, đơn vị.');
    const res = await upload(
      coordinator,
      {
        number: '6861/KH-UBND',
        title: 'Kế hoạch triển khai thực hiện Đề án Văn hóa công vụ',
        issuer: 'UBND tỉnh Khánh Hòa',
        issuedOn: '2019-07-12',
        effectiveOn: '2019-07-12',
        topicId: topics.VHCV,
        type: 'legal',
        summary: '',
      },
      { content: pdf, name: 'Kế hoạch Văn hóa công vụ.pdf' },
    ).expect(201);
    vhcv = res.body;
    expect(res.body).toMatchObject({
      number: '6861/KH-UBND',
      title: 'Kế hoạch triển khai thực hiện Đề án Văn hóa công vụ',
      issuer: 'UBND tỉnh Khánh Hòa',
      issuedOn: '2019-07-12',
      effectiveOn: '2019-07-12',
      topic: { id: topics.VHCV, code: 'VHCV', name: 'Văn hóa công vụ' },
      type: 'legal',
      status: 'in_force',
      replacedBy: null,
      summary: null,
      fileName: 'Kế hoạch Văn hóa công vụ.pdf',
      format: 'pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      textIndexed: true,
    });

    const got = await t.http.get(`/api/library/documents/${vhcv.id}`).set(bearer(learner)).expect(200);
    expect(got.body.title).toBe('Kế hoạch triển khai thực hiện Đề án Văn hóa công vụ');

    const file = await t.http.get(`/api/library/documents/${vhcv.id}/file`).set(bearer(learner)).buffer(true).parse(binary).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `inline; filename="Ke hoach Van hoa cong vu.pdf"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20V%C4%83n%20h%C3%B3a%20c%C3%B4ng%20v%E1%BB%A5.pdf`,
    );
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);

    const download = await t.http.get(`/api/library/documents/${vhcv.id}/file?download=true`).set(bearer(learner)).buffer(true).parse(binary).expect(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);

    const audit = await t.db.query(`SELECT summary FROM audit_log WHERE entity_type = 'library_document' AND entity_id = $1`, [vhcv.id]);
    expect(audit[0].summary).toContain('6861/KH-UBND');
  });

  it('indexes the text inside the PDF, a TXT and an XLSX, and serves non-PDF files as attachments', async () => {
    const body = 'Tổ chức tập huấn cho công chức tại Đặc khu Trường Sa về chính quyền số và dịch vụ công trực tuyến.';
    const pdf = await renderTextPdf('QUYẾT ĐỊNH', `Điều 1. Ban hành Đề án nâng cao năng lực.\n${body}`);
    qd1718 = (
      await upload(
        author,
        { number: '1718/QĐ-UBND', title: 'Quyết định ban hành Đề án nâng cao năng lực đội ngũ làm công tác cải cách hành chính', issuer: 'UBND tỉnh Khánh Hòa', issuedOn: '2023-07-21', topicId: topics.CCHC, type: 'legal' },
        { content: pdf, name: 'QD-1718.pdf' },
      ).expect(201)
    ).body;

    const txt = Buffer.from('\uFEFFBài giảng: kỹ năng soạn thảo văn bản hành chính, thể thức và kỹ thuật trình bày.', 'utf8');
    truongSa = (await upload(author, { title: 'Bài giảng soạn thảo văn bản', topicId: topics['CCHC.THECHE'], type: 'lecture', issuedOn: '2024-03-01' }, { content: txt, name: 'bai-giang.txt' }).expect(201)).body;

    const workbook = new Workbook();
    workbook.addWorksheet('Số liệu').addRow(['Đơn vị', 'Tỷ lệ hồ sơ trực tuyến toàn trình']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const data = (await upload(author, { title: 'Số liệu dịch vụ công 2024', type: 'data', issuedOn: '2024-12-31' }, { content: xlsx, name: 'so-lieu.xlsx' }).expect(201)).body;
    expect(data).toMatchObject({ format: 'xlsx', textIndexed: true });

    const inPdf = await search(learner, { q: 'dac khu truong sa' });
    expect(titles(inPdf)).toEqual([qd1718 && 'Quyết định ban hành Đề án nâng cao năng lực đội ngũ làm công tác cải cách hành chính']);
    expect(inPdf.body.items[0].snippet).toContain('Đặc khu Trường Sa');

    expect(titles(await search(learner, { q: 'the thuc ky thuat trinh bay' }))).toEqual(['Bài giảng soạn thảo văn bản']);
    expect(titles(await search(learner, { q: 'toàn trình' }))).toEqual(['Số liệu dịch vụ công 2024']);

    const file = await t.http.get(`/api/library/documents/${data.id}/file`).set(bearer(learner)).buffer(true).parse(binary).expect(200);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="so-lieu.xlsx"/);
  });

  it('finds documents with or without diacritics, by number, and ranks title matches first', async () => {
    expect(titles(await search(learner, { q: 'van hoa cong vu' }))[0]).toBe('Kế hoạch triển khai thực hiện Đề án Văn hóa công vụ');
    expect(titles(await search(learner, { q: 'Văn hóa công vụ' }))[0]).toBe('Kế hoạch triển khai thực hiện Đề án Văn hóa công vụ');
    expect(titles(await search(learner, { q: 'VĂN HOÁ' }))[0]).toBe('Kế hoạch triển khai thực hiện Đề án Văn hóa công vụ');
    for (const q of ['1718/QĐ-UBND', '1718', 'qd 1718', '1718/QD-UBND']) {
      expect(titles(await search(learner, { q }))[0]).toBe('Quyết định ban hành Đề án nâng cao năng lực đội ngũ làm công tác cải cách hành chính');
    }
    // The last word may be unfinished: the user is still typing.
    expect(titles(await search(learner, { q: 'van hoa cong v' }))[0]).toBe('Kế hoạch triển khai thực hiện Đề án Văn hóa công vụ');
    // "cải cách hành chính" is in the title of 1718 and in the text of others: the title match ranks first.
    const ranked = await search(learner, { q: 'cai cach hanh chinh' });
    expect(titles(ranked)[0]).toBe('Quyết định ban hành Đề án nâng cao năng lực đội ngũ làm công tác cải cách hành chính');
    expect((await search(learner, { q: 'khong co tu nay xyzxyz' })).body).toMatchObject({ items: [], total: 0 });
    // Query syntax is only words: nothing a user types reaches PostgreSQL as tsquery syntax.
    expect(titles(await search(learner, { q: "văn hóa & (công vụ) | !:*'" }))).toEqual(['Kế hoạch triển khai thực hiện Đề án Văn hóa công vụ']);
  });

  it('treats decomposed (NFD) input exactly like precomposed text', async () => {
    // Unikey's "Unicode tổ hợp", macOS and text pasted from PDFs send the tone marks as separate characters.
    for (const [nfc, nfd] of [
      ['cải cách hành chính', 'ca\u0309i ca\u0301ch ha\u0300nh chi\u0301nh'],
      ['Văn hóa công vụ', 'Va\u0306n ho\u0301a co\u0302ng vu\u0323'],
      ['Đề án nâng cao năng lực', 'Đề án nâng cao năng lực'.normalize('NFD')],
    ]) {
      expect(nfd).not.toBe(nfc);
      expect(nfd.normalize('NFC')).toBe(nfc);
      const precomposed = (await search(learner, { q: nfc })).body;
      const decomposed = (await search(learner, { q: nfd })).body;
      expect(precomposed.total).toBeGreaterThan(0);
      expect(decomposed).toEqual(precomposed);
    }
  });

  it('a query of only punctuation or spaces finds nothing and says why, instead of listing everything', async () => {
    for (const q of ["!&|:*()'", '...', ' ', '\u3000\t', '– — ?', '\u200b']) {
      const res = await t.http.get('/api/library/documents').query({ q }).set(bearer(learner)).expect(400);
      expect({ q, code: res.body.code }).toEqual({ q, code: 'VALIDATION_FAILED' });
      expect(res.body.message).toContain('Từ khóa tìm kiếm phải có ít nhất một chữ cái hoặc chữ số');
      expect(res.body.items).toBeUndefined();
    }
    // An empty box is no search at all: the whole list, newest first.
    expect((await search(learner, { q: '' })).body.total).toBe(4);
  });

  it('filters by field (with its sub-fields), type, year and status', async () => {
    expect(titles(await search(learner, { topicId: topics.VHCV }))).toEqual(['Kế hoạch triển khai thực hiện Đề án Văn hóa công vụ']);
    // CCHC includes its field "Cải cách thể chế".
    expect(titles(await search(learner, { topicId: topics.CCHC })).sort()).toEqual(
      ['Bài giảng soạn thảo văn bản', 'Quyết định ban hành Đề án nâng cao năng lực đội ngũ làm công tác cải cách hành chính'].sort(),
    );
    expect(titles(await search(learner, { type: 'lecture' }))).toEqual(['Bài giảng soạn thảo văn bản']);
    expect(titles(await search(learner, { year: 2019 }))).toEqual(['Kế hoạch triển khai thực hiện Đề án Văn hóa công vụ']);
    expect(titles(await search(learner, { year: 2024 })).sort()).toEqual(['Bài giảng soạn thảo văn bản', 'Số liệu dịch vụ công 2024']);
    expect((await search(learner, { year: 2024, type: 'data', q: 'dich vu cong' })).body.total).toBe(1);
    // Newest first without a query.
    expect(titles(await search(learner, {}))[0]).toBe('Số liệu dịch vụ công 2024');
    const paged = await search(learner, { pageSize: 2, page: 2 });
    expect(paged.body).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(paged.body.items).toHaveLength(2);

    const bad = await t.http.get('/api/library/documents').query({ type: 'video', year: 'abc' }).set(bearer(learner)).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('marks a document replaced with a link to the replacing one, and refuses loops', async () => {
    const marked = await t.http
      .patch(`/api/library/documents/${truongSa.id}`)
      .set(bearer(author))
      .send({ status: 'replaced', replacedById: qd1718.id })
      .expect(200);
    expect(marked.body).toMatchObject({ status: 'replaced', replacedBy: { id: qd1718.id, number: '1718/QĐ-UBND' } });
    const replacing = await t.http.get(`/api/library/documents/${qd1718.id}`).set(bearer(learner)).expect(200);
    expect(replacing.body.replaces).toEqual([{ id: truongSa.id, number: null, title: 'Bài giảng soạn thảo văn bản' }]);
    expect(titles(await search(learner, { status: 'replaced' }))).toEqual(['Bài giảng soạn thảo văn bản']);
    expect(titles(await search(learner, { status: 'in_force' }))).not.toContain('Bài giảng soạn thảo văn bản');

    const loop = await t.http.patch(`/api/library/documents/${qd1718.id}`).set(bearer(author)).send({ replacedById: truongSa.id }).expect(400);
    expect(loop.body).toMatchObject({ code: 'REPLACEMENT_INVALID' });
    const self = await t.http.patch(`/api/library/documents/${qd1718.id}`).set(bearer(author)).send({ replacedById: qd1718.id }).expect(400);
    expect(self.body.message).toContain('chính nó');
    await t.http.patch(`/api/library/documents/${qd1718.id}`).set(bearer(author)).send({ replacedById: '00000000-0000-4000-8000-000000000000' }).expect(404);
    const contradiction = await t.http.patch(`/api/library/documents/${qd1718.id}`).set(bearer(author)).send({ status: 'in_force', replacedById: vhcv.id }).expect(400);
    expect(contradiction.body.code).toBe('REPLACEMENT_INVALID');
    expect((await t.http.get(`/api/library/documents/${qd1718.id}`).set(bearer(learner))).body).toMatchObject({ status: 'in_force', replacedBy: null });

    // Editing metadata re-indexes it.
    await t.http.patch(`/api/library/documents/${vhcv.id}`).set(bearer(coordinator)).send({ title: 'Kế hoạch Văn hóa công vụ (sửa đổi)', issuer: null }).expect(200);
    expect(titles(await search(learner, { q: 'sua doi' }))).toEqual(['Kế hoạch Văn hóa công vụ (sửa đổi)']);

    const back = await t.http.patch(`/api/library/documents/${truongSa.id}`).set(bearer(author)).send({ status: 'in_force' }).expect(200);
    expect(back.body).toMatchObject({ status: 'in_force', replacedBy: null });
  });

  describe('refused uploads leave nothing behind', () => {
    const state = async () => ({
      files: storedFiles(filesDir).length,
      rows: (await t.db.query(`SELECT count(*)::int AS n FROM library_document`))[0].n,
      audit: (await t.db.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n,
    });
    const fields = { title: 'Tài liệu thử', type: 'guide' };
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(2000, 0x41)]);

    it.each([
      ['a program renamed to .pdf', 415, 'FILE_CONTENT_MISMATCH', /không phải là tệp PDF thật/, () => ({ fields, file: { content: exe, name: 'tai-lieu.pdf' } })],
      ['a program with its own extension', 415, 'FILE_TYPE_NOT_ALLOWED', /chỉ nhận tài liệu PDF, Word/, () => ({ fields, file: { content: exe, name: 'setup.exe' } })],
      ['a PDF named .docx', 415, 'FILE_CONTENT_MISMATCH', /DOCX/, () => ({ fields, file: { content: Buffer.from('%PDF-1.7\n%%EOF'), name: 'van-ban.docx' } })],
      ['an empty file', 400, 'FILE_EMPTY', /rỗng/, () => ({ fields, file: { content: Buffer.alloc(0), name: 'rong.txt' } })],
      ['a broken PDF', 400, 'FILE_UNREADABLE', /Không đọc được tệp PDF/, () => ({ fields, file: { content: Buffer.from('%PDF-1.7\nrác'), name: 'hong.pdf' } })],
      [
        'a file over the configured 1 MB',
        413,
        'FILE_TOO_LARGE',
        /tối đa là 1 MB/,
        () => ({ fields, file: { content: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1024 * 1024 + 10, 0x20)]), name: 'lon.pdf' } }),
      ],
      ['metadata without a title', 400, 'VALIDATION_FAILED', /title/, () => ({ fields: { type: 'guide' }, file: { content: Buffer.from('văn bản'), name: 'a.txt' } })],
      ['an unknown type', 400, 'VALIDATION_FAILED', /type/, () => ({ fields: { title: 'Tài liệu', type: 'video' }, file: { content: Buffer.from('văn bản'), name: 'a.txt' } })],
      ['an unknown topic', 404, 'TOPIC_NOT_FOUND', /lĩnh vực/, () => ({ fields: { ...fields, topicId: '00000000-0000-4000-8000-000000000000' }, file: { content: Buffer.from('văn bản'), name: 'a.txt' } })],
    ])('%s → %s %s', async (_case, status, code, message, build) => {
      const before = await state();
      const { fields: f, file } = build();
      const res = await upload(coordinator, f, file);
      expect(`${res.status} ${res.body.code}`).toBe(`${status} ${code}`);
      expect(JSON.stringify(res.body)).toMatch(message);
      expect(await state()).toEqual(before);
    });

    it('a request without a file → 400 FILE_REQUIRED', async () => {
      const res = await t.http.post('/api/library/documents').set(bearer(coordinator)).field('title', 'Không có tệp').field('type', 'guide').expect(400);
      expect(res.body).toMatchObject({ code: 'FILE_REQUIRED', message: 'Vui lòng chọn tệp tài liệu để tải lên.' });
      await t.http.post('/api/library/documents').set(bearer(coordinator)).send({ title: 'json' }).expect(400);
    });
  });

  describe('authorization', () => {
    it('a learner reads and searches but cannot upload, edit or delete', async () => {
      const before = storedFiles(filesDir).length;
      const res = await upload(learner, { title: 'Tài liệu học viên', type: 'guide' }, { content: Buffer.from('nội dung'), name: 'a.txt' }).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await t.http.patch(`/api/library/documents/${vhcv.id}`).set(bearer(learner)).send({ title: 'Đổi tên' }).expect(403);
      await t.http.delete(`/api/library/documents/${vhcv.id}`).set(bearer(learner)).expect(403);
      expect(storedFiles(filesDir).length).toBe(before);
      await t.http.get('/api/library/documents').expect(401);
      await t.http.get(`/api/library/documents/${vhcv.id}/file`).expect(401);
      const unitOfficer = await login(t.http, 'commune.officer');
      await t.http.get(`/api/library/documents/${vhcv.id}`).set(bearer(unitOfficer)).expect(200);
      void p;
    });

    it('an unknown id → 404, a malformed one → 400', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      const res = await t.http.get(`/api/library/documents/${id}`).set(bearer(learner)).expect(404);
      expect(res.body).toMatchObject({ code: 'DOCUMENT_NOT_FOUND', message: 'Không tìm thấy tài liệu.' });
      await t.http.get(`/api/library/documents/${id}/file`).set(bearer(learner)).expect(404);
      for (const url of ['/api/library/documents/khong-phai-uuid', '/api/library/documents/khong-phai-uuid/file']) {
        expect((await t.http.get(url).set(bearer(learner)).expect(400)).body.code).toBe('INVALID_ID');
      }
    });
  });

  it('deleting a document removes its file and clears the links to it', async () => {
    const doc = (await upload(author, { title: 'Tài liệu sẽ xóa', type: 'guide' }, { content: Buffer.from('tạm thời'), name: 'tam.txt' }).expect(201)).body;
    await t.http.patch(`/api/library/documents/${vhcv.id}`).set(bearer(author)).send({ status: 'replaced', replacedById: doc.id }).expect(200);
    const before = storedFiles(filesDir).length;
    await t.http.delete(`/api/library/documents/${doc.id}`).set(bearer(author)).expect(204);
    expect(storedFiles(filesDir).length).toBe(before - 1);
    await t.http.get(`/api/library/documents/${doc.id}`).set(bearer(learner)).expect(404);
    expect((await t.http.get(`/api/library/documents/${vhcv.id}`).set(bearer(learner))).body).toMatchObject({ status: 'replaced', replacedBy: null });
  });
});
