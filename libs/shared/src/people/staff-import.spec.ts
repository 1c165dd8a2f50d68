import type { ImportProblemDto } from '../api-types';
import { formatDateVi } from '../text/vi-format';
import { PersonCategory, PersonStatus } from './person';
import {
  EXCEL_ERROR_VALUES,
  ExistingPersonSnapshot,
  ImportUnit,
  STAFF_IMPORT_COLUMNS,
  STAFF_IMPORT_MAX_ROWS,
  SpreadsheetRow,
  StaffColumnIndex,
  StaffColumnKey,
  StaffImportProblemCode as Code,
  ageOn,
  cellText,
  columnLetter,
  isBlankRow,
  mapHeader,
  normalizeEmail,
  normalizeHeader,
  normalizePhone,
  normalizeStaffCode,
  parseCategory,
  parseDate,
  parseGender,
  parseStatus,
  parseYesNo,
  staffColumn,
  validateStaffRows,
} from './staff-import';

const TODAY = new Date(Date.UTC(2025, 5, 15)); // 15/06/2025
const TEMPLATE_HEADER = STAFF_IMPORT_COLUMNS.map((c) => c.header);
const FULL_INDEX = mapHeader(TEMPLATE_HEADER).columnIndex;

type RowValues = Partial<Record<StaffColumnKey, unknown>>;

const BASE: RowValues = {
  ordinal: 1,
  staffCode: 'CB001',
  fullName: 'Nguyễn Văn An',
  unitCode: 'SNV',
  category: 'Công chức',
  position: 'Chuyên viên',
  doesCchcWork: 'Có',
  isLeader: 'Không',
  dateOfBirth: '15/03/1985',
  gender: 'Nam',
  email: 'an@snv.gov.vn',
  phone: '0912 345 678',
  status: 'Đang công tác',
};

const UNITS = new Map<string, ImportUnit>([
  ['SNV', { id: 'u-snv', inScope: true, active: true }],
  ['PNV', { id: 'u-pnv', inScope: true, active: true }],
  ['XA-CU', { id: 'u-old', inScope: true, active: false }],
  ['STC', { id: 'u-stc', inScope: false, active: true }],
  ['STC-CU', { id: 'u-stc-old', inScope: false, active: false }],
]);

function cellsOf(values: RowValues): unknown[] {
  return STAFF_IMPORT_COLUMNS.map((c) => (c.key in values ? values[c.key] : null));
}

/** Data rows from row 2 on, each the base row with some cells changed. */
function rowsOf(...overrides: RowValues[]): SpreadsheetRow[] {
  return overrides.map((o, i) => ({ row: i + 2, cells: cellsOf({ ...BASE, ...o }) }));
}

function snapshot(overrides: Partial<ExistingPersonSnapshot> = {}): ExistingPersonSnapshot {
  return {
    id: 'p-1',
    staffCode: 'CB001',
    inScope: true,
    fullName: 'Nguyễn Văn An',
    unitId: 'u-snv',
    category: PersonCategory.CongChuc,
    position: 'Chuyên viên',
    doesCchcWork: true,
    isLeader: false,
    dateOfBirth: '1985-03-15',
    gender: 'male',
    email: 'an@snv.gov.vn',
    phone: '0912345678',
    status: PersonStatus.Active,
    ...overrides,
  };
}

const seenCodes = new Set<string>();

function validate(
  rows: SpreadsheetRow[],
  options: { existing?: ExistingPersonSnapshot[]; columnIndex?: StaffColumnIndex; maxRows?: number } = {},
) {
  const result = validateStaffRows(rows, options.columnIndex ?? FULL_INDEX, {
    unitsByCode: UNITS,
    existingByStaffCode: new Map((options.existing ?? []).map((p) => [p.staffCode, p])),
    maxRows: options.maxRows,
    today: TODAY,
  });
  result.problems.forEach((p) => seenCodes.add(p.code));
  return result;
}

/** The single problem of a one-row file whose row differs from the base row by `override`. */
function onlyProblem(override: RowValues, existing?: ExistingPersonSnapshot[]): ImportProblemDto {
  const { rows, problems } = validate(rowsOf(override), { existing });
  expect(rows).toEqual([]);
  expect(problems).toHaveLength(1);
  return problems[0];
}

function expectValid(override: RowValues) {
  const { rows, problems } = validate(rowsOf(override));
  expect(problems).toEqual([]);
  expect(rows).toHaveLength(1);
  return rows[0];
}

describe('STAFF_IMPORT_COLUMNS', () => {
  it('lists the template columns in order', () => {
    expect(TEMPLATE_HEADER).toEqual([
      'STT',
      'Mã cán bộ',
      'Họ và tên',
      'Mã đơn vị',
      'Phân loại',
      'Chức vụ',
      'Làm công tác CCHC',
      'Lãnh đạo',
      'Ngày sinh',
      'Giới tính',
      'Email',
      'Điện thoại',
      'Trạng thái',
    ]);
  });

  it('requires staff code, name, unit code and category only', () => {
    expect(STAFF_IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.key)).toEqual([
      'staffCode',
      'fullName',
      'unitCode',
      'category',
    ]);
  });

  it('has no spelling shared by two columns', () => {
    const owner = new Map<string, string>();
    for (const c of STAFF_IMPORT_COLUMNS) {
      for (const spelling of [c.header, ...c.aliases]) {
        const key = normalizeHeader(spelling);
        expect([undefined, c.key]).toContain(owner.get(key));
        owner.set(key, c.key);
      }
    }
  });

  it('gives a description and an example for every column', () => {
    for (const c of STAFF_IMPORT_COLUMNS) {
      expect(c.description.length).toBeGreaterThan(10);
      expect(c.example).not.toBe('');
    }
  });

  it('has examples that pass validation except for the made-up unit code', () => {
    const cells = STAFF_IMPORT_COLUMNS.map((c) => (c.key === 'unitCode' ? 'SNX' : c.example));
    const { problems } = validate([{ row: 2, cells }]);
    expect(problems.map((p) => p.code)).toEqual([Code.UnitNotFound]);
  });

  it('recognises an example row left in the template and asks only to delete it', () => {
    const example = STAFF_IMPORT_COLUMNS.map((c) => c.example);
    const edited = STAFF_IMPORT_COLUMNS.map((c) => (c.key === 'fullName' ? 'Lê Văn Ba' : c.key === 'staffCode' ? 'VD0009' : c.example));
    const { problems } = validate([
      { row: 2, cells: example },
      { row: 3, cells: edited },
    ]);
    expect(problems).toEqual([2, 3].map((row) => ({
      row,
      column: 'Mã đơn vị',
      code: Code.TemplateExampleRow,
      message: 'Đây là dòng ví dụ của tệp mẫu (chữ nghiêng màu xám): hãy xoá dòng này.',
    })));
  });
});

describe('normalizeHeader and columnLetter', () => {
  it.each([
    ['Mã cán bộ', 'ma can bo'],
    ['  MÃ  CÁN BỘ (*) ', 'ma can bo'],
    ['ma_can_bo', 'ma can bo'],
    ['Ngày sinh (dd/mm/yyyy)', 'ngay sinh'],
    ['Ngày, tháng, năm sinh', 'ngay thang nam sinh'],
    ['E-mail', 'e mail'],
    ['Họ\nvà tên', 'ho va ten'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeHeader(input)).toBe(expected);
  });

  it.each([
    [0, 'A'],
    [12, 'M'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (index, letter) => {
    expect(columnLetter(index)).toBe(letter);
  });
});

describe('mapHeader', () => {
  it('maps the template header to positions', () => {
    const { columnIndex, problems } = mapHeader(TEMPLATE_HEADER);
    expect(problems).toEqual([]);
    STAFF_IMPORT_COLUMNS.forEach((c, i) => expect(columnIndex[c.key]).toBe(i));
  });

  it('accepts aliases, other orders, no diacritics, other case and required-marks', () => {
    const { columnIndex, problems } = mapHeader([
      'Ho ten',
      'Staff Code',
      'MA DV',
      'phan loai (*)',
      'SĐT',
      'E-mail',
      'Ngày tháng năm sinh',
      'Phái',
      'cong tac cchc',
      'la lanh dao',
      'Chức danh',
      'Tình trạng',
      'Số TT',
    ]);
    expect(problems).toEqual([]);
    expect(columnIndex).toEqual({
      fullName: 0,
      staffCode: 1,
      unitCode: 2,
      category: 3,
      phone: 4,
      email: 5,
      dateOfBirth: 6,
      gender: 7,
      doesCchcWork: 8,
      isLeader: 9,
      position: 10,
      status: 11,
    });
  });

  it.each(['ma can bo', 'MÃ CB', 'Mã CBCCVC', 'staff id', 'Mã nhân viên', 'mã_cán_bộ'])(
    'reads %j as the staff code column',
    (header) => {
      expect(mapHeader([header, 'Họ và tên', 'Mã đơn vị', 'Phân loại']).columnIndex.staffCode).toBe(0);
    },
  );

  it('ignores unknown columns such as the unit name of an export, and empty header cells', () => {
    const { columnIndex, problems } = mapHeader(['Mã cán bộ', null, 'Ghi chú', 'Họ và tên', 'Mã đơn vị', 'Phân loại', 'Tên đơn vị', '']);
    expect(problems).toEqual([]);
    expect(columnIndex).toEqual({ staffCode: 0, fullName: 3, unitCode: 4, category: 5 });
  });

  it('reports each missing required column on the header row, by name', () => {
    const { problems } = mapHeader(['STT', 'Họ và tên', 'Chức vụ']);
    expect(problems).toEqual([
      { row: 1, column: 'Mã cán bộ', code: Code.MissingColumn, message: 'Thiếu cột bắt buộc "Mã cán bộ".' },
      { row: 1, column: 'Mã đơn vị', code: Code.MissingColumn, message: 'Thiếu cột bắt buộc "Mã đơn vị".' },
      { row: 1, column: 'Phân loại', code: Code.MissingColumn, message: 'Thiếu cột bắt buộc "Phân loại".' },
    ]);
  });

  it('uses the header row it is given', () => {
    const { problems } = mapHeader(['Mã cán bộ', 'Họ và tên', 'Mã đơn vị'], 3);
    expect(problems).toMatchObject([{ row: 3, column: 'Phân loại', code: Code.MissingColumn }]);
  });

  it('reports a duplicate column with both letters and keeps the first', () => {
    const { columnIndex, problems } = mapHeader(['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Phân loại', 'Họ tên']);
    expect(columnIndex.fullName).toBe(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 1, column: 'Họ và tên', code: Code.DuplicateColumn });
    expect(problems[0].message).toContain('cột B và cột E');
  });

  it('says the header was not found when nothing is recognised, instead of listing every column', () => {
    const { columnIndex, problems } = mapHeader(['DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025', null, null]);
    expect(columnIndex).toEqual({});
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 1, column: null, code: Code.HeaderNotRecognised });
    expect(problems[0].message).toContain('Dòng đầu tiên');
  });

  it('treats an empty header the same way', () => {
    expect(mapHeader([]).problems.map((p) => p.code)).toEqual([Code.HeaderNotRecognised]);
  });
});

describe('cell readers', () => {
  it('cellText trims, collapses spaces, composes Vietnamese and drops zero-width characters', () => {
    expect(cellText('  Nguyê\u0303n\u00a0 Văn\u200b  An ')).toBe('Nguyễn Văn An');
    expect(cellText(12345)).toBe('12345');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(Number.NaN)).toBe('');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(new Date(Date.UTC(1990, 4, 1)))).toBe('1990-05-01');
  });

  it('isBlankRow sees whitespace and nulls as blank', () => {
    expect(isBlankRow([null, undefined, '', '   ', '\u200b'])).toBe(true);
    expect(isBlankRow([])).toBe(true);
    expect(isBlankRow([null, 0])).toBe(false);
  });

  it('normalizeStaffCode trims and upper-cases', () => {
    expect(normalizeStaffCode('  cb-01.a_2 ')).toBe('CB-01.A_2');
    expect(normalizeStaffCode(1234)).toBe('1234');
  });

  it.each([
    ['Cán bộ', PersonCategory.CanBo],
    ['can bo', PersonCategory.CanBo],
    ['CÔNG CHỨC', PersonCategory.CongChuc],
    ['cong chuc', PersonCategory.CongChuc],
    ['Viên chức', PersonCategory.VienChuc],
    ['vien_chuc', PersonCategory.VienChuc],
    ['Người lao động', PersonCategory.NguoiLaoDong],
    ['NGUOI LAO DONG', PersonCategory.NguoiLaoDong],
    ['nguoi_lao_dong', PersonCategory.NguoiLaoDong],
    ['Civil servant', PersonCategory.CongChuc],
    ['  công   chức ', PersonCategory.CongChuc],
  ])('parseCategory(%j) = %s', (text, category) => {
    expect(parseCategory(text)).toBe(category);
  });

  it.each(['', 'Chuyên viên', 'cong', 'can-bo-x', 'Hợp đồng'])('parseCategory(%j) is undefined', (text) => {
    expect(parseCategory(text)).toBeUndefined();
  });

  it.each([
    ['Có', true],
    ['co', true],
    ['CÓ', true],
    ['x', true],
    ['X', true],
    ['1', true],
    [1, true],
    ['yes', true],
    [true, true],
    ['✓', true],
    ['Không', false],
    ['khong', false],
    ['0', false],
    [0, false],
    ['no', false],
    [false, false],
    ['', false],
    [null, false],
    [undefined, false],
  ])('parseYesNo(%j) = %s', (value, expected) => {
    expect(parseYesNo(value)).toBe(expected);
  });

  it.each(['Có lẽ', '2', 'ok', 'không có'])('parseYesNo(%j) is undefined', (value) => {
    expect(parseYesNo(value)).toBeUndefined();
  });

  it('parseGender and parseStatus accept labels with or without diacritics and enum values', () => {
    expect(parseGender('Nam')).toBe('male');
    expect(parseGender('Nữ')).toBe('female');
    expect(parseGender('nu')).toBe('female');
    expect(parseGender('NỮ')).toBe('female');
    expect(parseGender('female')).toBe('female');
    expect(parseGender('Khác')).toBeUndefined();
    expect(parseStatus('Đang công tác')).toBe(PersonStatus.Active);
    expect(parseStatus('tam nghi')).toBe(PersonStatus.OnLeave);
    expect(parseStatus('ĐÃ NGHỈ HƯU')).toBe(PersonStatus.Retired);
    expect(parseStatus('da nghi viec')).toBe(PersonStatus.Left);
    expect(parseStatus('on_leave')).toBe(PersonStatus.OnLeave);
    expect(parseStatus('Nghỉ')).toBeUndefined();
  });

  describe('parseDate', () => {
    it.each([
      ['15/03/1985', '1985-03-15'],
      ['5/3/1985', '1985-03-05'],
      ['05-03-1985', '1985-03-05'],
      ['05.03.1985', '1985-03-05'],
      ['1985-03-15', '1985-03-15'],
      ['1985-3-5', '1985-03-05'],
      [' 29/02/2000 ', '2000-02-29'],
      ['29/02/2024', '2024-02-29'],
    ])('reads %j as %s', (text, iso) => {
      expect(parseDate(text)).toEqual({ ok: true, iso });
    });

    it.each(['31/02/1990', '29/02/1990', '29/02/1900', '32/01/1990', '00/01/1990', '15/13/1990', '15/00/1990', '1990-02-30'])(
      '%j does not exist',
      (text) => {
        expect(parseDate(text)).toEqual({ ok: false, reason: 'impossible' });
      },
    );

    it.each(['15/03/85', '1985', 'mười lăm tháng ba', '15 03 1985', '1985/03/15', '15/03/1985 08:00', 'abc'])(
      '%j is not a date',
      (text) => {
        expect(parseDate(text)).toEqual({ ok: false, reason: 'format' });
      },
    );

    it('reads a Date at UTC midnight (exceljs) and at Vietnamese local midnight as the same day', () => {
      expect(parseDate(new Date(Date.UTC(1985, 2, 15)))).toEqual({ ok: true, iso: '1985-03-15' });
      expect(parseDate(new Date('1985-03-15T00:00:00+07:00'))).toEqual({ ok: true, iso: '1985-03-15' });
      expect(parseDate(new Date('1985-03-14T23:59:59.999Z'))).toEqual({ ok: true, iso: '1985-03-15' });
      expect(parseDate(new Date('invalid'))).toEqual({ ok: false, reason: 'format' });
    });

    it('reads an Excel serial number', () => {
      expect(parseDate(31121)).toEqual({ ok: true, iso: '1985-03-15' });
      expect(parseDate(31121.75)).toEqual({ ok: true, iso: '1985-03-15' });
      expect(parseDate(45658)).toEqual({ ok: true, iso: '2025-01-01' });
      expect(parseDate(0)).toEqual({ ok: false, reason: 'format' });
      expect(parseDate(-5)).toEqual({ ok: false, reason: 'format' });
      expect(parseDate(1e9)).toEqual({ ok: false, reason: 'format' });
    });
  });

  it('ageOn counts whole years, turning older on the birthday', () => {
    expect(ageOn('1985-06-15', TODAY)).toBe(40);
    expect(ageOn('1985-06-16', TODAY)).toBe(39);
    expect(ageOn('1985-05-31', TODAY)).toBe(40);
    expect(ageOn('2000-02-29', new Date(Date.UTC(2025, 1, 28)))).toBe(24);
    expect(ageOn('2000-02-29', new Date(Date.UTC(2025, 2, 1)))).toBe(25);
  });

  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['091-234-5678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    [912345678, '0912345678'],
    ['0243812345', '0243812345'],
  ])('normalizePhone(%j) = %s', (value, phone) => {
    expect(normalizePhone(value)).toBe(phone);
  });

  it.each(['091234567', '09123456789', '1912345678', '+8491234567', '84912345678', '0912abc678', '(091) 2345678', 1912345678, 12345])(
    'normalizePhone(%j) is undefined',
    (value) => {
      expect(normalizePhone(value)).toBeUndefined();
    },
  );

  it('normalizeEmail lower-cases, drops mailto: and refuses malformed addresses', () => {
    expect(normalizeEmail(' An.Nguyen@SNV.gov.vn ')).toBe('an.nguyen@snv.gov.vn');
    expect(normalizeEmail('mailto:an@snv.gov.vn')).toBe('an@snv.gov.vn');
    expect(normalizeEmail("o'brien+cchc@mail.example.com")).toBe("o'brien+cchc@mail.example.com");
    for (const bad of ['an', 'an@', '@snv.gov.vn', 'an@snv', 'an @snv.gov.vn', 'an@@snv.gov.vn', 'an..b@snv.gov.vn', 'an@-snv.vn', 'an@snv.gov.v']) {
      expect(normalizeEmail(bad)).toBeUndefined();
    }
    expect(normalizeEmail(`${'a'.repeat(250)}@x.vn`)).toBeUndefined();
  });

  it('formatDateVi writes day first', () => {
    expect(formatDateVi('1985-03-05')).toBe('05/03/1985');
  });
});

describe('validateStaffRows: a valid row', () => {
  it('is created with every value parsed and normalised', () => {
    const { rows, problems, totalRows } = validate(rowsOf({}));
    expect(problems).toEqual([]);
    expect(totalRows).toBe(1);
    expect(rows).toEqual([
      {
        row: 2,
        staffCode: 'CB001',
        fullName: 'Nguyễn Văn An',
        unitCode: 'SNV',
        unitId: 'u-snv',
        category: PersonCategory.CongChuc,
        position: 'Chuyên viên',
        doesCchcWork: true,
        isLeader: false,
        dateOfBirth: '1985-03-15',
        gender: 'male',
        email: 'an@snv.gov.vn',
        phone: '0912345678',
        status: PersonStatus.Active,
        action: 'create',
        personId: null,
        changedFields: [],
      },
    ]);
  });

  it('reads a file typed without diacritics', () => {
    const row = expectValid({
      fullName: 'Nguyen Thi Hoa',
      category: 'vien chuc',
      doesCchcWork: 'co',
      isLeader: 'khong',
      gender: 'nu',
      status: 'tam nghi',
    });
    expect(row).toMatchObject({
      fullName: 'Nguyen Thi Hoa',
      category: PersonCategory.VienChuc,
      doesCchcWork: true,
      isLeader: false,
      gender: 'female',
      status: PersonStatus.OnLeave,
    });
  });

  it('normalises the staff code, name and unit code as typed', () => {
    const row = expectValid({ staffCode: '  cb-01.a_2 ', fullName: '  trần   thị\u00a0Bình ', unitCode: ' pnv ' });
    expect(row).toMatchObject({ staffCode: 'CB-01.A_2', fullName: 'trần thị Bình', unitCode: 'pnv', unitId: 'u-pnv' });
  });

  it('composes a name typed with combining marks (NFD) into NFC', () => {
    const row = expectValid({ fullName: 'Nguyễn Văn An'.normalize('NFD') });
    expect(row.fullName).toBe('Nguyễn Văn An');
    expect(row.fullName).toBe(row.fullName.normalize('NFC'));
  });

  it('takes the values an Excel reader hands over: numbers, booleans, Dates, serials', () => {
    const row = expectValid({
      staffCode: 12345,
      doesCchcWork: true,
      isLeader: 1,
      dateOfBirth: new Date(Date.UTC(1985, 2, 15)),
      phone: 912345678,
    });
    expect(row).toMatchObject({ staffCode: '12345', doesCchcWork: true, isLeader: true, dateOfBirth: '1985-03-15', phone: '0912345678' });
    expect(expectValid({ dateOfBirth: 31121 }).dateOfBirth).toBe('1985-03-15');
  });

  it('leaves optional cells empty as null, flags as false and status as active', () => {
    const row = expectValid({
      position: '',
      doesCchcWork: null,
      isLeader: '  ',
      dateOfBirth: null,
      gender: '',
      email: null,
      phone: '',
      status: '',
    });
    expect(row).toMatchObject({
      position: null,
      doesCchcWork: false,
      isLeader: false,
      dateOfBirth: null,
      gender: null,
      email: null,
      phone: null,
      status: PersonStatus.Active,
    });
  });

  it('works with only the required columns', () => {
    const { columnIndex } = mapHeader(['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Phân loại']);
    const { rows, problems } = validate([{ row: 2, cells: ['cb9', 'Lê Văn Cường', 'SNV', 'Người lao động'] }], { columnIndex });
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      staffCode: 'CB9',
      category: PersonCategory.NguoiLaoDong,
      position: null,
      doesCchcWork: false,
      isLeader: false,
      status: PersonStatus.Active,
      action: 'create',
    });
  });

  it('accepts ages 16 and 80 exactly', () => {
    expect(expectValid({ dateOfBirth: '15/06/2009' }).dateOfBirth).toBe('2009-06-15');
    expect(expectValid({ dateOfBirth: '16/06/1944' }).dateOfBirth).toBe('1944-06-16');
  });

  it('accepts a 120-character name and a 150-character position', () => {
    expect(expectValid({ fullName: 'A'.repeat(120) }).fullName).toHaveLength(120);
    expect(expectValid({ position: 'b'.repeat(150) }).position).toHaveLength(150);
  });

  it.each(['AB', 'A'.repeat(30), 'cb.01', 'CB_01', 'CB-01', '00123'])('accepts staff code %j', (code) => {
    expect(expectValid({ staffCode: code }).staffCode).toBe(code.toUpperCase());
  });
});

describe('validateStaffRows: problems', () => {
  it('STAFF_CODE_REQUIRED', () => {
    expect(onlyProblem({ staffCode: '  ' })).toEqual({
      row: 2,
      column: 'Mã cán bộ',
      code: Code.StaffCodeRequired,
      message: 'Thiếu mã cán bộ.',
    });
  });

  it.each(['A', 'A'.repeat(31), 'CB 01', 'CBĐ01', 'CB/01', 'CB#1', 'cb,01'])('STAFF_CODE_INVALID for %j', (code) => {
    const problem = onlyProblem({ staffCode: code });
    expect(problem).toMatchObject({ row: 2, column: 'Mã cán bộ', code: Code.StaffCodeInvalid });
    expect(problem.message).toContain(code.length > 60 ? code.slice(0, 20) : code);
    expect(problem.message).toContain('2 đến 30 ký tự');
  });

  it('STAFF_CODE_DUPLICATE on the second occurrence, naming the first row, ignoring case and spaces', () => {
    const { rows, problems } = validate(
      rowsOf({ staffCode: 'CB01' }, { staffCode: 'CB02' }, { staffCode: ' cb01 ' }, { staffCode: 'CB01' }),
    );
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(problems).toEqual([
      {
        row: 4,
        column: 'Mã cán bộ',
        code: Code.StaffCodeDuplicate,
        message: 'Mã cán bộ "CB01" bị trùng với dòng 2; mỗi người chỉ được xuất hiện một lần.',
      },
      {
        row: 5,
        column: 'Mã cán bộ',
        code: Code.StaffCodeDuplicate,
        message: 'Mã cán bộ "CB01" bị trùng với dòng 2; mỗi người chỉ được xuất hiện một lần.',
      },
    ]);
  });

  it('STAFF_CODE_DUPLICATE names the first row even when the first row has other problems', () => {
    const { problems } = validate(rowsOf({ staffCode: 'CB01', unitCode: 'NOWHERE' }, { staffCode: 'CB01' }));
    expect(problems.map((p) => [p.row, p.code])).toEqual([
      [2, Code.UnitNotFound],
      [3, Code.StaffCodeDuplicate],
    ]);
    expect(problems[1].message).toContain('dòng 2');
  });

  it('STAFF_CODE_OUT_OF_SCOPE without revealing who holds the code', () => {
    const problem = onlyProblem({}, [snapshot({ inScope: false, fullName: 'Người Khác', unitId: 'u-stc' })]);
    expect(problem).toMatchObject({ row: 2, column: 'Mã cán bộ', code: Code.StaffCodeOutOfScope });
    expect(problem.message).toContain('"CB001"');
    expect(problem.message).toContain('ngoài phạm vi');
    expect(problem.message).not.toContain('Người Khác');
  });

  it('FULL_NAME_REQUIRED', () => {
    expect(onlyProblem({ fullName: null })).toEqual({
      row: 2,
      column: 'Họ và tên',
      code: Code.FullNameRequired,
      message: 'Thiếu họ và tên.',
    });
  });

  it('FULL_NAME_TOO_LONG above 120 characters, with the length and a shortened value', () => {
    const problem = onlyProblem({ fullName: `Nguyễn ${'A'.repeat(120)}` });
    expect(problem).toMatchObject({ column: 'Họ và tên', code: Code.FullNameTooLong });
    expect(problem.message).toContain('127 ký tự');
    expect(problem.message).toContain('"Nguyễn AAA');
    expect(problem.message).toContain('..."');
  });

  it.each(['Nguyễn Văn 2', 'Trần Thị B1', '0912345678'])('FULL_NAME_INVALID for %j', (name) => {
    const problem = onlyProblem({ fullName: name });
    expect(problem).toMatchObject({ column: 'Họ và tên', code: Code.FullNameInvalid });
    expect(problem.message).toContain(`"${name}"`);
    expect(problem.message).toContain('chữ số');
  });

  it('UNIT_CODE_REQUIRED', () => {
    expect(onlyProblem({ unitCode: '' })).toEqual({
      row: 2,
      column: 'Mã đơn vị',
      code: Code.UnitCodeRequired,
      message: 'Thiếu mã đơn vị.',
    });
  });

  it('UNIT_NOT_FOUND', () => {
    expect(onlyProblem({ unitCode: 'SNX' })).toEqual({
      row: 2,
      column: 'Mã đơn vị',
      code: Code.UnitNotFound,
      message: 'Không tìm thấy đơn vị có mã "SNX".',
    });
  });

  it('UNIT_INACTIVE for a closed or merged unit', () => {
    const problem = onlyProblem({ unitCode: 'xa-cu' });
    expect(problem).toMatchObject({ column: 'Mã đơn vị', code: Code.UnitInactive });
    expect(problem.message).toContain('"xa-cu"');
    expect(problem.message).toContain('giải thể hoặc sáp nhập');
  });

  it('UNIT_OUT_OF_SCOPE says they may only import into their own units', () => {
    const problem = onlyProblem({ unitCode: 'STC' });
    expect(problem).toMatchObject({ column: 'Mã đơn vị', code: Code.UnitOutOfScope });
    expect(problem.message).toContain('"STC"');
    expect(problem.message).toContain('chỉ được nhập danh sách vào đơn vị của mình');
  });

  it('UNIT_OUT_OF_SCOPE before UNIT_INACTIVE: a unit outside the scope reveals nothing about itself', () => {
    expect(onlyProblem({ unitCode: 'STC-CU' }).code).toBe(Code.UnitOutOfScope);
  });

  it('CATEGORY_REQUIRED', () => {
    const problem = onlyProblem({ category: ' ' });
    expect(problem).toMatchObject({ row: 2, column: 'Phân loại', code: Code.CategoryRequired });
    expect(problem.message).toContain('Cán bộ, Công chức, Viên chức, Người lao động');
  });

  it('CATEGORY_INVALID names the value and the choices', () => {
    expect(onlyProblem({ category: 'Hợp đồng 68' })).toEqual({
      row: 2,
      column: 'Phân loại',
      code: Code.CategoryInvalid,
      message: 'Phân loại "Hợp đồng 68" không hợp lệ; chỉ nhận: Cán bộ, Công chức, Viên chức, Người lao động.',
    });
  });

  it('POSITION_TOO_LONG above 150 characters', () => {
    const problem = onlyProblem({ position: 'p'.repeat(151) });
    expect(problem).toMatchObject({ column: 'Chức vụ', code: Code.PositionTooLong });
    expect(problem.message).toContain('151 ký tự');
  });

  it.each([
    ['doesCchcWork', 'Làm công tác CCHC'],
    ['isLeader', 'Lãnh đạo'],
  ] as const)('YES_NO_INVALID in %s', (key, header) => {
    const problem = onlyProblem({ [key]: 'Có lẽ' });
    expect(problem).toMatchObject({ row: 2, column: header, code: Code.YesNoInvalid });
    expect(problem.message).toContain('"Có lẽ"');
    expect(problem.message).toContain(`"${header}"`);
  });

  it.each(['15/03/85', 'không rõ', '1985/03/15'])('DATE_OF_BIRTH_INVALID for %j', (text) => {
    const problem = onlyProblem({ dateOfBirth: text });
    expect(problem).toMatchObject({ column: 'Ngày sinh', code: Code.DateOfBirthInvalid });
    expect(problem.message).toContain(`"${text}"`);
    expect(problem.message).toContain('15/03/1985');
  });

  it.each(['31/02/1990', '29/02/1991', '31/04/1990', '15/13/1990'])('DATE_OF_BIRTH_IMPOSSIBLE for %j', (text) => {
    const problem = onlyProblem({ dateOfBirth: text });
    expect(problem).toMatchObject({ column: 'Ngày sinh', code: Code.DateOfBirthImpossible });
    expect(problem.message).toContain(`"${text}"`);
  });

  it.each([
    ['16/06/2009', 15],
    ['01/01/2024', 1],
    ['15/06/1944', 81],
    ['1900-01-01', 125],
  ])('DATE_OF_BIRTH_OUT_OF_RANGE for %j (age %i)', (text, age) => {
    const problem = onlyProblem({ dateOfBirth: text });
    expect(problem).toMatchObject({ column: 'Ngày sinh', code: Code.DateOfBirthOutOfRange });
    expect(problem.message).toContain(`tuổi ${age}`);
    expect(problem.message).toContain('16–80');
  });

  it('GENDER_INVALID', () => {
    expect(onlyProblem({ gender: 'Khác' })).toEqual({
      row: 2,
      column: 'Giới tính',
      code: Code.GenderInvalid,
      message: 'Giới tính "Khác" không hợp lệ; chỉ nhận Nam hoặc Nữ.',
    });
  });

  it.each(['an@snv', 'an.snv.gov.vn', 'an @snv.gov.vn'])('EMAIL_INVALID for %j', (email) => {
    const problem = onlyProblem({ email });
    expect(problem).toMatchObject({ column: 'Email', code: Code.EmailInvalid });
    expect(problem.message).toContain(`"${email}"`);
  });

  it.each(['091234567', '84912345678', '1900 1234', 'không có'])('PHONE_INVALID for %j', (phone) => {
    const problem = onlyProblem({ phone });
    expect(problem).toMatchObject({ column: 'Điện thoại', code: Code.PhoneInvalid });
    expect(problem.message).toContain(`"${phone}"`);
    expect(problem.message).toContain('+84');
  });

  it('STATUS_INVALID lists the accepted statuses', () => {
    const problem = onlyProblem({ status: 'Nghỉ thai sản' });
    expect(problem).toMatchObject({ column: 'Trạng thái', code: Code.StatusInvalid });
    expect(problem.message).toContain('"Nghỉ thai sản"');
    expect(problem.message).toContain('Đang công tác, Tạm nghỉ, Đã nghỉ hưu, Đã nghỉ việc');
  });

  it('reports every problem of a row, in column order, and drops the row', () => {
    const { rows, problems } = validate(
      rowsOf({
        staffCode: '',
        fullName: 'Lê 3',
        unitCode: 'NOPE',
        category: 'x',
        doesCchcWork: 'maybe',
        isLeader: 'perhaps',
        dateOfBirth: '31/02/1990',
        gender: '?',
        email: 'bad',
        phone: '123',
        status: 'gone',
        position: 'p'.repeat(200),
      }),
    );
    expect(rows).toEqual([]);
    expect(problems.every((p) => p.row === 2)).toBe(true);
    expect(problems.map((p) => p.code)).toEqual([
      Code.StaffCodeRequired,
      Code.FullNameInvalid,
      Code.UnitNotFound,
      Code.CategoryInvalid,
      Code.PositionTooLong,
      Code.YesNoInvalid,
      Code.YesNoInvalid,
      Code.DateOfBirthImpossible,
      Code.GenderInvalid,
      Code.EmailInvalid,
      Code.PhoneInvalid,
      Code.StatusInvalid,
    ]);
  });

  it('reports problems with the row numbers of the file, keeping the valid rows', () => {
    const rows: SpreadsheetRow[] = [
      { row: 2, cells: cellsOf({ ...BASE, staffCode: 'A1' }) },
      { row: 3, cells: cellsOf({}) },
      { row: 7, cells: cellsOf({ ...BASE, staffCode: 'A2', unitCode: 'STC' }) },
      { row: 9, cells: cellsOf({ ...BASE, staffCode: 'A3' }) },
      { row: 12, cells: cellsOf({ ...BASE, staffCode: 'A4', gender: 'x' }) },
    ];
    const result = validate(rows);
    expect(result.rows.map((r) => r.row)).toEqual([2, 9]);
    expect(result.problems.map((p) => [p.row, p.code])).toEqual([
      [7, Code.UnitOutOfScope],
      [12, Code.GenderInvalid],
    ]);
    expect(result.totalRows).toBe(4);
  });

  it('skips fully blank rows silently', () => {
    const rows: SpreadsheetRow[] = [
      { row: 2, cells: cellsOf({ ...BASE, staffCode: 'A1' }) },
      { row: 3, cells: [] },
      { row: 4, cells: [null, '  ', '', undefined] },
      { row: 5, cells: cellsOf({ ...BASE, staffCode: 'A2' }) },
    ];
    const result = validate(rows);
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => r.row)).toEqual([2, 5]);
    expect(result.totalRows).toBe(2);
  });

  it('reports missing required values when called without a required column', () => {
    const { columnIndex } = mapHeader(['Mã cán bộ', 'Họ và tên', 'Mã đơn vị']);
    const { problems } = validate([{ row: 2, cells: ['CB1', 'Lê Văn Cường', 'SNV'] }], { columnIndex });
    expect(problems.map((p) => p.code)).toEqual([Code.CategoryRequired]);
  });

  it('NO_DATA_ROWS when only the header is there', () => {
    expect(validate([]).problems).toEqual([
      { row: 2, column: null, code: Code.NoDataRows, message: 'Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.' },
    ]);
    expect(validate([{ row: 2, cells: [null, ''] }]).problems.map((p) => p.code)).toEqual([Code.NoDataRows]);
  });

  it('TOO_MANY_ROWS as one problem, on the first row over the limit', () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({ row: i + 2, cells: cellsOf({ ...BASE, staffCode: `A${i}`, fullName: '' }) }));
    const result = validate(rows, { maxRows: 5 });
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([
      {
        row: 7,
        column: null,
        code: Code.TooManyRows,
        message: 'Tệp có 6 dòng dữ liệu, vượt quá giới hạn 5 dòng mỗi lần nhập; hãy chia thành nhiều tệp.',
      },
    ]);
    expect(validate(rows.slice(0, 5).map((r) => ({ ...r, cells: cellsOf({ ...BASE, staffCode: cellText(r.cells[1]) }) })), { maxRows: 5 }).problems).toEqual([]);
  });

  it(`TOO_MANY_ROWS by default above ${STAFF_IMPORT_MAX_ROWS} rows, blank rows not counted`, () => {
    const cells = cellsOf(BASE);
    const rows = Array.from({ length: STAFF_IMPORT_MAX_ROWS + 1 }, (_, i) => ({ row: i + 2, cells }));
    const over = validate(rows);
    expect(over.problems.map((p) => [p.row, p.code])).toEqual([[STAFF_IMPORT_MAX_ROWS + 2, Code.TooManyRows]]);
    expect(over.totalRows).toBe(STAFF_IMPORT_MAX_ROWS + 1);
    rows[0] = { row: 2, cells: [] };
    expect(validate(rows).problems.some((p) => p.code === Code.TooManyRows)).toBe(false);
  });
});

describe('validateStaffRows: create, update or unchanged', () => {
  it('is unchanged when every imported field equals the person', () => {
    const { rows, problems } = validate(rowsOf({}), { existing: [snapshot()] });
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ action: 'unchanged', personId: 'p-1', changedFields: [] });
  });

  it('is unchanged for the same file typed differently (case, diacritics-free choices, phone spacing, Excel values)', () => {
    const { rows } = validate(
      rowsOf({
        staffCode: 'cb001',
        fullName: ' Nguyễn  Văn An ',
        unitCode: 'snv',
        category: 'cong chuc',
        doesCchcWork: 'x',
        isLeader: 0,
        dateOfBirth: new Date(Date.UTC(1985, 2, 15)),
        gender: 'NAM',
        email: 'AN@SNV.GOV.VN',
        phone: '+84 912.345.678',
        status: 'dang cong tac',
      }),
      { existing: [snapshot()] },
    );
    expect(rows[0]).toMatchObject({ action: 'unchanged', personId: 'p-1' });
  });

  it('is an update listing exactly the fields that changed', () => {
    const { rows } = validate(rowsOf({ fullName: 'Nguyễn Văn Ân', isLeader: 'Có', phone: '0987 654 321' }), {
      existing: [snapshot()],
    });
    expect(rows[0]).toMatchObject({
      action: 'update',
      personId: 'p-1',
      fullName: 'Nguyễn Văn Ân',
      isLeader: true,
      phone: '0987654321',
      changedFields: ['fullName', 'isLeader', 'phone'],
    });
  });

  it('a new unit is a transfer: unitId changes', () => {
    const { rows } = validate(rowsOf({ unitCode: 'PNV' }), { existing: [snapshot()] });
    expect(rows[0]).toMatchObject({ action: 'update', unitId: 'u-pnv', unitCode: 'PNV', changedFields: ['unitId'] });
  });

  it('a blank status keeps the person status; a given one changes it', () => {
    const retired = snapshot({ status: PersonStatus.Retired });
    expect(validate(rowsOf({ status: '' }), { existing: [retired] }).rows[0]).toMatchObject({
      action: 'unchanged',
      status: PersonStatus.Retired,
    });
    expect(validate(rowsOf({ status: 'Đang công tác' }), { existing: [retired] }).rows[0]).toMatchObject({
      action: 'update',
      status: PersonStatus.Active,
      changedFields: ['status'],
    });
  });

  it('an empty cell in a present column clears the value', () => {
    const { rows } = validate(rowsOf({ email: '', position: null, dateOfBirth: '' }), { existing: [snapshot()] });
    expect(rows[0]).toMatchObject({
      action: 'update',
      email: null,
      position: null,
      dateOfBirth: null,
      changedFields: ['position', 'dateOfBirth', 'email'],
    });
  });

  it('a column the file does not have leaves the value as it is', () => {
    const { columnIndex } = mapHeader(['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Phân loại']);
    const existing = [snapshot({ isLeader: true, status: PersonStatus.OnLeave })];
    const same = validate([{ row: 2, cells: ['CB001', 'Nguyễn Văn An', 'SNV', 'Công chức'] }], { columnIndex, existing });
    expect(same.rows[0]).toMatchObject({
      action: 'unchanged',
      position: 'Chuyên viên',
      doesCchcWork: true,
      isLeader: true,
      email: 'an@snv.gov.vn',
      status: PersonStatus.OnLeave,
    });
    const changed = validate([{ row: 2, cells: ['CB001', 'Nguyễn Văn An', 'SNV', 'Viên chức'] }], { columnIndex, existing });
    expect(changed.rows[0]).toMatchObject({ action: 'update', category: PersonCategory.VienChuc, changedFields: ['category'] });
  });

  it('mixes create, update and unchanged in one file', () => {
    const { rows } = validate(
      rowsOf({ staffCode: 'CB001' }, { staffCode: 'CB002', fullName: 'Trần Thị Bình' }, { staffCode: 'CB003', fullName: 'Lê Văn Cường' }),
      { existing: [snapshot(), snapshot({ id: 'p-2', staffCode: 'CB002', fullName: 'Trần Thị Bính' })] },
    );
    expect(rows.map((r) => [r.staffCode, r.action, r.personId])).toEqual([
      ['CB001', 'unchanged', 'p-1'],
      ['CB002', 'update', 'p-2'],
      ['CB003', 'create', null],
    ]);
  });

  it('moving a person from an in-scope unit into a unit outside the scope is refused', () => {
    const problem = onlyProblem({ unitCode: 'STC' }, [snapshot()]);
    expect(problem.code).toBe(Code.UnitOutOfScope);
  });
});

describe('validateStaffRows: Excel error values and uncalculated formulas', () => {
  it.each(Object.keys(EXCEL_ERROR_VALUES))('EXCEL_ERROR_VALUE for %s, naming the cell, never stored', (error) => {
    // As a cached formula result (the reader hands its text over) and typed or pasted as text, in any case.
    for (const value of [error, ` ${error.toLowerCase()} `]) {
      const problem = onlyProblem({ unitCode: value });
      expect(problem).toMatchObject({ row: 2, column: 'Mã đơn vị', code: Code.ExcelErrorValue });
      expect(problem.message).toContain(`Ô D2 (cột "Mã đơn vị") chứa giá trị lỗi ${error} của Excel`);
    }
  });

  it('EXCEL_ERROR_VALUE in an optional column refuses the row too, and is the only problem of its cell', () => {
    const problem = onlyProblem({ position: '#N/A' });
    expect(problem).toMatchObject({ column: 'Chức vụ', code: Code.ExcelErrorValue });
    expect(problem.message).toMatch(/^Ô F2 .*#N\/A.*VLOOKUP/);
    // A required column: "#N/A" is reported as itself, not also as an invalid or missing staff code.
    expect(onlyProblem({ staffCode: '#N/A' }).code).toBe(Code.ExcelErrorValue);
    expect(onlyProblem({ category: '#VALUE!' }).code).toBe(Code.ExcelErrorValue);
  });

  it('FORMULA_NOT_CALCULATED for a formula without its value: not a missing value', () => {
    const problem = onlyProblem({ fullName: { formulaWithoutValue: 'CONCATENATE(X2," ",Y2)' } });
    expect(problem).toEqual({
      row: 2,
      column: 'Họ và tên',
      code: Code.FormulaNotCalculated,
      message: 'Ô C2 (cột "Họ và tên") có công thức chưa được tính; hãy mở tệp bằng Excel và lưu lại rồi nhập lại.',
    });
    // Such a cell reads as empty text but the row is never taken for blank.
    expect(cellText({ formulaWithoutValue: 'A1' })).toBe('');
    expect(isBlankRow([null, { formulaWithoutValue: 'A1' }])).toBe(false);
  });

  it('lists every broken cell of a row, and ignores the STT column, which is not stored', () => {
    const { rows, problems } = validate(rowsOf({ ordinal: '#REF!', email: '#NAME?', phone: { formulaWithoutValue: 'B1' } }));
    expect(rows).toEqual([]);
    expect(problems.map((p) => [p.column, p.code])).toEqual([
      ['Email', Code.ExcelErrorValue],
      ['Điện thoại', Code.FormulaNotCalculated],
    ]);
    // Text that merely starts with "#" is data.
    expect(expectValid({ position: '#1 Chuyên viên' }).position).toBe('#1 Chuyên viên');
  });
});

describe('problem codes', () => {
  // Runs last: every code must have been produced by at least one test above.
  it('are all exercised by this file', () => {
    const headerCodes = [Code.HeaderNotRecognised, Code.MissingColumn, Code.DuplicateColumn];
    const rowCodes = Object.values(Code).filter((c) => !headerCodes.includes(c));
    expect(rowCodes.filter((c) => !seenCodes.has(c))).toEqual([]);
  });

  it('name a template column, for every row problem tied to a column', () => {
    const headers = new Set(STAFF_IMPORT_COLUMNS.map((c) => c.header));
    const { problems } = validate(rowsOf({ staffCode: '', fullName: '', unitCode: '', category: '', gender: 'x' }));
    for (const p of problems) expect(headers.has(p.column!)).toBe(true);
    expect(staffColumn('phone').header).toBe('Điện thoại');
  });
});
