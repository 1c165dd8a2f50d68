import { Workbook } from 'exceljs';
import type { ImportProblemDto, ImportReportDto, PersonDetailDto } from '@cchc/shared';
import { asUser, expectApiError, VIETNAMESE_TEXT, type ApiAs } from '../support/fixtures/api-client';
import { snapshotTables } from '../support/fixtures/db-snapshot';
import {
  openXlsx,
  PDF_BYTES,
  pseudoRandomBytes,
  sheetRows,
  STAFF_HEADERS,
  staffCsv,
  staffXlsx,
  truncated,
  zipOf,
  type StaffRowInput,
} from '../support/fixtures/staff-files';
import { createTestApp, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

const DRY_RUN = '/api/people/import/dry-run';
const COMMIT = '/api/people/import/commit';
const PEOPLE_TABLES = ['person', 'person_unit_history', 'person_status_history'];

/** Three new people in three units, written the ways officers write them. */
const GOOD_ROWS: StaffRowInput[] = [
  {
    staffCode: 'IM001',
    fullName: 'Nguyễn Thị Hương',
    unitCode: 'T.X.A',
    category: 'Công chức',
    position: 'Chuyên viên',
    doesCchcWork: 'Có',
    isLeader: 'Không',
    dateOfBirth: '15/03/1985',
    gender: 'Nữ',
    email: 'Huong.NT@XaAnBinh.gov.vn',
    phone: '0912 345 678',
  },
  {
    staffCode: 'im002',
    fullName: 'Trần Văn Đạt',
    unitCode: 't.x.b',
    category: 'cong chuc',
    position: 'Phó Chủ tịch',
    doesCchcWork: '',
    isLeader: 'x',
    // A real date cell, as Excel stores a typed date.
    dateOfBirth: new Date(Date.UTC(1979, 8, 2)),
    gender: 'Nam',
    phone: '+84 987 654 321',
  },
  { staffCode: 'IM003', fullName: 'Lê Thị Ánh', unitCode: 'T.SNV.CCHC', category: 'Viên chức', doesCchcWork: 'x', dateOfBirth: '1990-12-01' },
];

/**
 * Imported by the commune A officer. Row numbers as Excel shows them: header on row 1, row 10 left blank.
 * Rows 2 and 5 are valid; each other row has exactly one problem.
 */
const BAD_ROWS: (StaffRowInput | null)[] = [
  { staffCode: 'IMB01', fullName: 'Phan Văn Tốt', unitCode: 'T.X.A', category: 'Công chức' }, // row 2
  { staffCode: 'IMB02', fullName: '', unitCode: 'T.X.A', category: 'Công chức' }, // row 3: no name
  { staffCode: 'IMB03', fullName: 'Hà Văn Lạc', unitCode: 'T.X.KHONGCO', category: 'Công chức' }, // row 4: unknown unit
  { staffCode: 'IMB04', fullName: 'Vương Thị Đầu', unitCode: 'T.X.A', category: 'Viên chức' }, // row 5
  { staffCode: 'imb04', fullName: 'Vương Thị Trùng', unitCode: 'T.X.A', category: 'Viên chức' }, // row 6: same code as row 5
  { staffCode: 'IMB05', fullName: 'Tôn Văn Loại', unitCode: 'T.X.A', category: 'Chuyên viên' }, // row 7: not a category
  { staffCode: 'IMB06', fullName: 'Khổng Thị Ngày', unitCode: 'T.X.A', category: 'Công chức', dateOfBirth: '31/02/1980' }, // row 8
  { staffCode: 'IMB07', fullName: 'Mạc Văn Ngoài', unitCode: 'T.X.B', category: 'Công chức' }, // row 9: another commune
  null, // row 10: blank
  { staffCode: 'T0005', fullName: 'Hoàng Văn Em', unitCode: 'T.X.A', category: 'Công chức' }, // row 11: person of commune B
];

const BAD_ROW_PROBLEMS = [
  { row: 3, column: 'Họ và tên', code: 'FULL_NAME_REQUIRED' },
  { row: 4, column: 'Mã đơn vị', code: 'UNIT_NOT_FOUND' },
  { row: 6, column: 'Mã cán bộ', code: 'STAFF_CODE_DUPLICATE' },
  { row: 7, column: 'Phân loại', code: 'CATEGORY_INVALID' },
  { row: 8, column: 'Ngày sinh', code: 'DATE_OF_BIRTH_IMPOSSIBLE' },
  { row: 9, column: 'Mã đơn vị', code: 'UNIT_OUT_OF_SCOPE' },
  { row: 11, column: 'Mã cán bộ', code: 'STAFF_CODE_OUT_OF_SCOPE' },
];

describe('Staff list import API', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: ApiAs;
  let communeOfficer: ApiAs;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coord = asUser(t.http, await login(t.http, 'coord'));
    communeOfficer = asUser(t.http, await login(t.http, 'commune.officer'));
  });
  afterAll(() => t.close());

  const byStaffCode = async (staffCode: string): Promise<PersonDetailDto> => {
    const list = (await coord.get(`/api/people?q=${staffCode}`).expect(200)).body.items;
    const match = list.filter((i: { staffCode: string }) => i.staffCode === staffCode);
    expect(match).toHaveLength(1);
    return (await coord.get(`/api/people/${match[0].id}`).expect(200)).body;
  };
  const problemKeys = (problems: ImportProblemDto[]) => problems.map(({ row, column, code }) => ({ row, column, code }));

  describe('template', () => {
    it('downloads an .xlsx template with the Vietnamese headers and a guide sheet', async () => {
      const res = await coord.download('/api/people/import/template.xlsx').expect(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toContain('filename="mau-danh-sach-can-bo.xlsx"');
      const workbook = await openXlsx(res.body);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Danh sách cán bộ', 'Hướng dẫn']);
      const rows = sheetRows(workbook, 'Danh sách cán bộ');
      expect(rows[0]).toEqual([...STAFF_HEADERS]);
      expect(rows[1].slice(0, 5)).toEqual(['1', 'VD0001', 'Nguyễn Văn An', 'VD-SNV', 'Công chức']);
      const guide = sheetRows(workbook, 'Hướng dẫn');
      expect(guide.slice(1, 1 + STAFF_HEADERS.length).map((r) => r[1])).toEqual([...STAFF_HEADERS]);
      expect(guide.flat().join(' ')).toContain('ghi tất cả hoặc không ghi dòng nào');
    });

    it('is available to unit officers and refused to learners', async () => {
      await communeOfficer.download('/api/people/import/template.xlsx').expect(200);
      const learner = asUser(t.http, await login(t.http, 'learner'));
      expectApiError(await learner.get('/api/people/import/template.xlsx'), 403, 'FORBIDDEN');
      expectApiError(await learner.upload(DRY_RUN, await staffXlsx(GOOD_ROWS), 'ds.xlsx'), 403, 'FORBIDDEN');
    });
  });

  describe('checking a file (dry run)', () => {
    it('reports what a good file would do and writes nothing', async () => {
      const before = await snapshotTables(t.db);
      const res = await coord.upload(DRY_RUN, await staffXlsx(GOOD_ROWS), 'danh-sach-dot-1.xlsx').expect(200);
      const report: ImportReportDto = res.body;
      expect(report).toMatchObject({ fileName: 'danh-sach-dot-1.xlsx', totalRows: 3, toCreate: 3, toUpdate: 0, unchanged: 0, problems: [], committed: false });
      expect(report.rows).toEqual([
        { row: 2, staffCode: 'IM001', fullName: 'Nguyễn Thị Hương', unitCode: 'T.X.A', action: 'create' },
        { row: 3, staffCode: 'IM002', fullName: 'Trần Văn Đạt', unitCode: 't.x.b', action: 'create' },
        { row: 4, staffCode: 'IM003', fullName: 'Lê Thị Ánh', unitCode: 'T.SNV.CCHC', action: 'create' },
      ]);
      expect(await snapshotTables(t.db)).toEqual(before);
    });

    it('lists every problem of a bad file with its row and column', async () => {
      const before = await snapshotTables(t.db);
      const res = await communeOfficer.upload(DRY_RUN, await staffXlsx(BAD_ROWS), 'xa-an-binh.xlsx').expect(200);
      const report: ImportReportDto = res.body;
      expect(report).toMatchObject({ totalRows: 9, toCreate: 2, toUpdate: 0, unchanged: 0, committed: false });
      expect(problemKeys(report.problems)).toEqual(BAD_ROW_PROBLEMS);
      for (const problem of report.problems) expect(problem.message).toMatch(VIETNAMESE_TEXT);
      const message = (row: number) => report.problems.find((x) => x.row === row)!.message;
      expect(message(4)).toContain('T.X.KHONGCO');
      expect(message(6)).toContain('dòng 5');
      expect(message(7)).toContain('Chuyên viên');
      expect(message(8)).toContain('31/02/1980');
      expect(message(9)).toContain('T.X.B');
      // The out-of-scope person's name and unit are not revealed.
      expect(message(11)).not.toContain('Bình Minh');
      expect(report.rows.map((r) => [r.row, r.action])).toEqual([
        [2, 'create'],
        [3, 'error'],
        [4, 'error'],
        [5, 'create'],
        [6, 'error'],
        [7, 'error'],
        [8, 'error'],
        [9, 'error'],
        [11, 'error'],
      ]);
      expect(await snapshotTables(t.db)).toEqual(before);
    });

    it('reads a CSV saved by Excel: UTF-8 with BOM, semicolons, CRLF, a quoted field holding a semicolon', async () => {
      const csv = staffCsv([
        { staffCode: 'CSV01', fullName: 'Đoàn Thị Thuỷ', unitCode: 'T.X.A', category: 'Người lao động', position: 'Văn thư; kiêm thủ quỹ', dateOfBirth: '5/3/1985' },
        { staffCode: 'CSV02', fullName: 'Ông Văn Ưng', unitCode: 'T.X.A', category: 'Cán bộ', isLeader: 'Có', status: 'Tạm nghỉ' },
      ]);
      expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const report: ImportReportDto = (await communeOfficer.upload(DRY_RUN, csv, 'danh-sach.csv').expect(200)).body;
      expect(report).toMatchObject({ totalRows: 2, toCreate: 2, problems: [] });
      expect(report.rows.map((r) => r.fullName)).toEqual(['Đoàn Thị Thuỷ', 'Ông Văn Ưng']);

      await communeOfficer.upload(COMMIT, csv, 'danh-sach.csv').expect(200);
      expect(await byStaffCode('CSV01')).toMatchObject({
        fullName: 'Đoàn Thị Thuỷ',
        category: 'nguoi_lao_dong',
        position: 'Văn thư; kiêm thủ quỹ',
        dateOfBirth: '1985-03-05',
        unitId: p.units.communeA.id,
      });
      expect(await byStaffCode('CSV02')).toMatchObject({ fullName: 'Ông Văn Ưng', isLeader: true, status: 'on_leave' });
    });

    it('explains a file whose first row is a title, or that lacks a required column', async () => {
      const titled = await staffXlsx(GOOD_ROWS, { titleRow: 'DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ AN BÌNH NĂM 2026' });
      const titledReport: ImportReportDto = (await coord.upload(DRY_RUN, titled, 'co-tieu-de.xlsx').expect(200)).body;
      expect(problemKeys(titledReport.problems)).toEqual([{ row: 1, column: null, code: 'HEADER_NOT_RECOGNISED' }]);
      expect(titledReport.problems[0].message).toContain('Dòng 1 không phải dòng tiêu đề');

      const noCategory = await staffXlsx(GOOD_ROWS, { headers: STAFF_HEADERS.filter((h) => h !== 'Phân loại') });
      const noCategoryReport: ImportReportDto = (await coord.upload(DRY_RUN, noCategory, 'thieu-cot.xlsx').expect(200)).body;
      expect(problemKeys(noCategoryReport.problems)).toEqual([{ row: 1, column: 'Phân loại', code: 'MISSING_COLUMN' }]);

      const headerOnly: ImportReportDto = (await coord.upload(DRY_RUN, await staffXlsx([]), 'chi-tieu-de.xlsx').expect(200)).body;
      expect(headerOnly.problems.map((x) => x.code)).toEqual(['NO_DATA_ROWS']);
      expectApiError(await coord.upload(COMMIT, await staffXlsx([]), 'chi-tieu-de.xlsx'), 422, 'IMPORT_HAS_ERRORS');
    });
  });

  describe('committing', () => {
    it('refuses a file with problems as a whole: 422 and the database byte-for-byte unchanged', async () => {
      const before = await snapshotTables(t.db);
      const res = await communeOfficer.upload(COMMIT, await staffXlsx(BAD_ROWS), 'xa-an-binh.xlsx');
      expectApiError(res, 422, 'IMPORT_HAS_ERRORS');
      expect(res.body.message).toBe('Tệp có 7 lỗi; chưa có dòng nào được ghi. Hãy sửa các lỗi rồi nhập lại.');
      expect(problemKeys(res.body.details.problems)).toEqual(BAD_ROW_PROBLEMS);
      expect(res.body.details.committed).toBe(false);
      expect(await snapshotTables(t.db)).toEqual(before);
    });

    it('creates the people of a good file with "import" history rows and an audit entry', async () => {
      const unitsBefore = (await coord.get('/api/units').expect(200)).body;
      const res = await coord.upload(COMMIT, await staffXlsx(GOOD_ROWS), 'danh-sach-dot-1.xlsx').expect(200);
      expect(res.body).toMatchObject({ committed: true, toCreate: 3, toUpdate: 0, unchanged: 0, problems: [] });

      const huong = await byStaffCode('IM001');
      expect(huong).toMatchObject({
        fullName: 'Nguyễn Thị Hương',
        unitId: p.units.communeA.id,
        category: 'cong_chuc',
        position: 'Chuyên viên',
        doesCchcWork: true,
        isLeader: false,
        dateOfBirth: '1985-03-15',
        gender: 'female',
        email: 'huong.nt@xaanbinh.gov.vn',
        phone: '0912345678',
        status: 'active',
      });
      expect(huong.unitHistory).toEqual([expect.objectContaining({ unitId: p.units.communeA.id, reason: 'import', toDate: null })]);
      expect(huong.statusHistory).toEqual([expect.objectContaining({ status: 'active', toDate: null })]);
      expect(await byStaffCode('IM002')).toMatchObject({
        fullName: 'Trần Văn Đạt',
        unitId: p.units.communeB.id,
        dateOfBirth: '1979-09-02',
        isLeader: true,
        doesCchcWork: false,
        phone: '0987654321',
        gender: 'male',
      });
      expect(await byStaffCode('IM003')).toMatchObject({ unitId: p.units.office.id, category: 'vien_chuc', dateOfBirth: '1990-12-01' });

      const unitsAfter = (await coord.get('/api/units').expect(200)).body;
      const subtree = (units: { code: string; subtreePeopleCount: number }[], code: string) => units.find((u) => u.code === code)!.subtreePeopleCount;
      expect(subtree(unitsAfter, 'T') - subtree(unitsBefore, 'T')).toBe(3);
      expect(subtree(unitsAfter, 'T.SNV') - subtree(unitsBefore, 'T.SNV')).toBe(1);

      const audit = (await coord.get('/api/audit?action=import').expect(200)).body.items;
      expect(audit[0]).toMatchObject({
        entityType: 'person',
        actorName: 'Tài khoản coord (coord)',
        summary: 'Nhập danh sách cán bộ từ tệp "danh-sach-dot-1.xlsx": thêm 3, cập nhật 0, không đổi 0',
      });
    });

    it('changes nothing when the same file is imported again', async () => {
      const file = await staffXlsx(GOOD_ROWS);
      const before = await snapshotTables(t.db, PEOPLE_TABLES);
      const dry: ImportReportDto = (await coord.upload(DRY_RUN, file, 'danh-sach-dot-1.xlsx').expect(200)).body;
      expect(dry).toMatchObject({ toCreate: 0, toUpdate: 0, unchanged: 3, problems: [] });
      expect(dry.rows.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
      const res = await coord.upload(COMMIT, file, 'danh-sach-dot-1.xlsx').expect(200);
      expect(res.body).toMatchObject({ committed: true, toCreate: 0, toUpdate: 0, unchanged: 3 });
      expect(await snapshotTables(t.db, PEOPLE_TABLES)).toEqual(before);
    });

    it('updates a changed name and moves a person whose unit changed, writing a transfer history row', async () => {
      const edited = GOOD_ROWS.map((r) => ({ ...r }));
      edited[0].fullName = 'Nguyễn Thị Hương Lan';
      edited[1].unitCode = 'T.X.A';
      const file = await staffXlsx(edited);

      const dry: ImportReportDto = (await coord.upload(DRY_RUN, file, 'danh-sach-dot-2.xlsx').expect(200)).body;
      expect(dry).toMatchObject({ toCreate: 0, toUpdate: 2, unchanged: 1, problems: [] });
      expect(dry.rows.map((r) => r.action)).toEqual(['update', 'update', 'unchanged']);
      await coord.upload(COMMIT, file, 'danh-sach-dot-2.xlsx').expect(200);

      const renamed = await byStaffCode('IM001');
      expect(renamed.fullName).toBe('Nguyễn Thị Hương Lan');
      expect(renamed.unitHistory).toHaveLength(1);
      expect((await coord.get('/api/people?q=huong lan').expect(200)).body.items.map((i: { staffCode: string }) => i.staffCode)).toEqual(['IM001']);

      const moved = await byStaffCode('IM002');
      expect(moved.unitId).toBe(p.units.communeA.id);
      expect(moved.unitHistory).toHaveLength(2);
      const [current, previous] = moved.unitHistory;
      expect(current).toMatchObject({ unitId: p.units.communeA.id, reason: 'import', toDate: null, note: 'Cập nhật từ tệp nhập danh sách' });
      expect(previous).toMatchObject({ unitId: p.units.communeB.id, reason: 'import', toDate: current.fromDate });

      const audit = (await coord.get('/api/audit?action=import').expect(200)).body.items;
      expect(audit[0].summary).toBe('Nhập danh sách cán bộ từ tệp "danh-sach-dot-2.xlsx": thêm 0, cập nhật 2, không đổi 1');
    });

    it('re-imports its own export unchanged', async () => {
      const exported = (await coord.download(`/api/people/export.xlsx?unitId=${p.units.dept.id}`).expect(200)).body;
      const report: ImportReportDto = (await coord.upload(DRY_RUN, exported, 'xuat.xlsx').expect(200)).body;
      expect(report).toMatchObject({ totalRows: 3, toCreate: 0, toUpdate: 0, unchanged: 3, problems: [] });
    });
  });

  describe('Excel error values and formulas without a value (real .xlsx written by exceljs)', () => {
    /** A sheet with the template header and the given data rows; a cell may be a formula, cached or not. */
    const workbookWith = async (rows: unknown[][]): Promise<Buffer> => {
      const wb = new Workbook();
      const ws = wb.addWorksheet('Danh sách cán bộ');
      ws.getRow(1).values = [...STAFF_HEADERS];
      rows.forEach((cells, i) => {
        cells.forEach((value, c) => {
          if (value !== undefined) ws.getCell(i + 2, c + 1).value = value as never;
        });
      });
      const lookup = wb.addWorksheet('Đơn vị');
      lookup.getRow(1).values = ['Tên', 'Mã'];
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    // STT, Mã cán bộ, Họ và tên, Mã đơn vị, Phân loại, Chức vụ
    const vlookupNA = { formula: "VLOOKUP(C2,'Đơn vị'!A:B,2,FALSE)", result: { error: '#N/A' } };

    it('refuses every row holding an error value or an uncalculated formula, naming the cell; writes nothing', async () => {
      const before = await snapshotTables(t.db, PEOPLE_TABLES);
      const file = await workbookWith([
        [1, 'XE001', 'Phan Thị Lỗi', vlookupNA, 'Công chức'], // row 2: cached #N/A from a VLOOKUP
        [2, 'XE002', 'Phan Văn Tham', 'T.X.A', 'Công chức', { formula: 'Z99/0', result: { error: '#DIV/0!' } }], // row 3
        [3, '#REF!', 'Phan Văn Chiếu', 'T.X.A', 'Công chức'], // row 4: typed (or pasted) as text
        [4, 'XE004', { formula: 'CONCATENATE("Phan"," ","Văn Tính")' }, 'T.X.A', 'Công chức'], // row 5: no cached value
        [5, 'XE005', 'Phan Thị Đúng', { formula: 'UPPER("t.x.a")', result: 'T.X.A' }, 'Công chức'], // row 6: a good formula
        [{ formula: 'ROW()-1' }, 'XE006', 'Phan Văn Số', 'T.X.A', 'Công chức'], // row 7: STT is not stored
        [7, 'XE007', 'Phan Văn Tên', 'T.X.A', 'Công chức', '#NAME?'], // row 8
      ]);
      for (const url of [DRY_RUN, COMMIT]) {
        const res = await communeOfficer.upload(url, file, 'loi-excel.xlsx');
        const report: ImportReportDto = url === DRY_RUN ? res.body : res.body.details;
        if (url === COMMIT) expectApiError(res, 422, 'IMPORT_HAS_ERRORS');
        expect(problemKeys(report.problems)).toEqual([
          { row: 2, column: 'Mã đơn vị', code: 'EXCEL_ERROR_VALUE' },
          { row: 3, column: 'Chức vụ', code: 'EXCEL_ERROR_VALUE' },
          { row: 4, column: 'Mã cán bộ', code: 'EXCEL_ERROR_VALUE' },
          { row: 5, column: 'Họ và tên', code: 'FORMULA_NOT_CALCULATED' },
          { row: 8, column: 'Chức vụ', code: 'EXCEL_ERROR_VALUE' },
        ]);
        const messages = report.problems.map((x) => x.message);
        expect(messages[0]).toMatch(/^Ô D2 \(cột "Mã đơn vị"\) chứa giá trị lỗi #N\/A của Excel/);
        expect(messages[1]).toContain('Ô F3');
        expect(messages[1]).toContain('#DIV/0!');
        expect(messages[2]).toContain('Ô B4');
        expect(messages[3]).toBe('Ô C5 (cột "Họ và tên") có công thức chưa được tính; hãy mở tệp bằng Excel và lưu lại rồi nhập lại.');
        expect(messages.join(' ')).not.toMatch(/Thiếu/);
        expect(report.rows.filter((r) => r.action !== 'error').map((r) => r.row)).toEqual([6, 7]);
        // The preview never shows the marker object as text.
        expect(JSON.stringify(report.rows)).not.toContain('object');
      }
      expect(await snapshotTables(t.db, PEOPLE_TABLES)).toEqual(before);
    });

    it('a file whose only problem was fixed imports, and no error text was stored anywhere', async () => {
      const file = await workbookWith([[1, 'XE010', 'Phan Thị Sửa', { formula: 'UPPER("t.x.a")', result: 'T.X.A' }, 'Công chức', 'Chuyên viên']]);
      await communeOfficer.upload(COMMIT, file, 'da-sua.xlsx').expect(200);
      const stored = await t.db.query(`SELECT count(*)::int AS n FROM person WHERE concat_ws(' ', staff_code, full_name, position, email, phone) ~ '#(N/A|REF!|VALUE!|DIV/0!|NAME\\?|NULL!|NUM!)'`);
      expect(stored[0].n).toBe(0);
      expect((await byStaffCode('XE010')).position).toBe('Chuyên viên');
    });
  });

  describe('files that are not staff lists', () => {
    const cases: { name: string; file: () => Promise<Buffer> | Buffer; fileName: string; status: number; codes: string[]; says: RegExp }[] = [
      { name: 'random bytes named .xlsx', file: () => pseudoRandomBytes(4096), fileName: 'danh-sach.xlsx', status: 400, codes: ['FILE_MALFORMED'], says: /Không đọc được tệp "danh-sach\.xlsx"/ },
      { name: 'an .xlsx cut off halfway (corrupt zip)', file: async () => truncated(await staffXlsx(GOOD_ROWS)), fileName: 'hong.xlsx', status: 400, codes: ['FILE_MALFORMED'], says: /bị hỏng/ },
      { name: 'a PDF', file: () => PDF_BYTES, fileName: 'danh-sach.pdf', status: 400, codes: ['FILE_UNSUPPORTED'], says: /là tệp PDF/ },
      { name: 'a PDF renamed to .xlsx', file: () => PDF_BYTES, fileName: 'danh-sach.xlsx', status: 400, codes: ['FILE_UNSUPPORTED'], says: /là tệp PDF/ },
      {
        name: 'a zip that holds no workbook (.docx renamed)',
        file: () => zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }),
        fileName: 'van-ban.xlsx',
        status: 400,
        codes: ['FILE_UNSUPPORTED', 'FILE_MALFORMED'],
        says: /van-ban\.xlsx/,
      },
      { name: 'an empty file', file: () => Buffer.alloc(0), fileName: 'trong.xlsx', status: 400, codes: ['FILE_EMPTY'], says: /không có dữ liệu/ },
      { name: 'a file over 10 MB', file: () => Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), fileName: 'qua-lon.csv', status: 413, codes: ['FILE_TOO_LARGE'], says: /tối đa 10 MB/ },
    ];

    let before: Awaited<ReturnType<typeof snapshotTables>>;
    beforeAll(async () => {
      before = await snapshotTables(t.db);
    });

    it.each(cases)('answers $name with a clear 4xx, on dry run and commit', async ({ file, fileName, status, codes, says }) => {
      const bytes = await file();
      for (const url of [DRY_RUN, COMMIT]) {
        const res = await coord.upload(url, bytes, fileName);
        expectApiError(res, status);
        expect(codes).toContain(res.body.code);
        expect(res.body.message).toMatch(says);
      }
    });

    it('refuses a request that is not a multipart upload, or has no `file` field', async () => {
      for (const url of [DRY_RUN, COMMIT]) {
        expectApiError(await coord.post(url, { file: 'danh-sach.xlsx' }), 400, 'FILE_REQUIRED');
        expectApiError(await coord.post(url), 400, 'FILE_REQUIRED');
        expectApiError(await coord.upload(url, await staffXlsx(GOOD_ROWS), 'ds.xlsx', 'tep'), 400, 'FILE_REQUIRED');
        const onlyText = await t.http.post(url).set('authorization', `Bearer ${coord.token}`).field('ghiChu', 'đợt 1');
        expectApiError(onlyText, 400, 'FILE_REQUIRED');
      }
    });

    it('wrote nothing for any of them', async () => {
      expect(await snapshotTables(t.db)).toEqual(before);
    });
  });
});
