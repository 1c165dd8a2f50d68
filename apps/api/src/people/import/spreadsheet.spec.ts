import { Workbook } from 'exceljs';
import {
  ExistingPersonSnapshot,
  ImportUnit,
  PersonCategory,
  PersonStatus,
  STAFF_IMPORT_COLUMNS,
  mapHeader,
  validateStaffRows,
} from '@cchc/shared';
import {
  GUIDE_SHEET_NAME,
  PersonExportRow,
  STAFF_SHEET_NAME,
  SpreadsheetError,
  SpreadsheetErrorCode,
  UNIT_NAME_HEADER,
  buildPeopleExport,
  buildStaffTemplate,
  parseCsv,
  plainCellValue,
  readSpreadsheet,
  sheetName,
  sniffDelimiter,
} from './spreadsheet';

const HEADERS = STAFF_IMPORT_COLUMNS.map((c) => c.header);
const TODAY = new Date(Date.UTC(2025, 5, 15));

async function loadWorkbook(buffer: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

async function toBuffer(workbook: Workbook): Promise<Buffer> {
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

async function xlsxOf(rows: unknown[][], configure?: (workbook: Workbook) => void): Promise<Buffer> {
  const workbook = new Workbook();
  configure?.(workbook);
  const sheet = workbook.addWorksheet('Sheet1');
  rows.forEach((values, i) => {
    if (values.length > 0) sheet.getRow(i + 1).values = values as never;
  });
  return toBuffer(workbook);
}

async function readError(buffer: Buffer, fileName = 'danh-sach.xlsx', maxRows?: number): Promise<SpreadsheetError> {
  try {
    await readSpreadsheet(buffer, fileName, { maxRows });
  } catch (error) {
    expect(error).toBeInstanceOf(SpreadsheetError);
    return error as SpreadsheetError;
  }
  throw new Error('readSpreadsheet did not throw');
}

const csv = (text: string) => Buffer.from(text, 'utf8');
const BOM = '\ufeff';

/** Deterministic bytes, so a failure can be reproduced. */
function pseudoRandomBytes(length: number, seed = 42): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x >> 16;
  }
  return bytes;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A valid zip of uncompressed files: a stand-in for a .docx or .zip renamed to .xlsx. */
function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const UNITS = new Map<string, ImportUnit>([
  ['SNV', { id: 'u-snv', inScope: true, active: true }],
  ['UBND-XA-AN-PHU', { id: 'u-xa', inScope: true, active: true }],
]);

function validate(content: { header: unknown[]; headerRow: number; rows: { row: number; cells: unknown[] }[] }, existing: ExistingPersonSnapshot[] = []) {
  const header = mapHeader(content.header, content.headerRow);
  expect(header.problems).toEqual([]);
  return validateStaffRows(content.rows, header.columnIndex, {
    unitsByCode: UNITS,
    existingByStaffCode: new Map(existing.map((p) => [p.staffCode, p])),
    today: TODAY,
  });
}

describe('buildStaffTemplate', () => {
  let workbook: Workbook;
  beforeAll(async () => {
    workbook = await loadWorkbook(await buildStaffTemplate());
  });

  it('has the staff sheet first and the guide second', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([STAFF_SHEET_NAME, GUIDE_SHEET_NAME]);
  });

  it('has the header on row 1, bold, frozen, with widths', () => {
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.getRow(1).getCell(2).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    for (let c = 1; c <= HEADERS.length; c++) expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(6);
  });

  it('explains each column in a note on its header', () => {
    const cell = workbook.worksheets[0].getRow(1).getCell(2);
    expect(JSON.stringify(cell.note)).toContain('Bắt buộc');
  });

  it('has two example rows, each reported as an example to delete if left in the file', async () => {
    const content = await readSpreadsheet(await buildStaffTemplate(), 'mau.xlsx');
    expect(content.rows.map((r) => r.row)).toEqual([2, 3]);
    const { problems } = validate(content);
    expect(problems.map((p) => [p.row, p.code])).toEqual([
      [2, 'TEMPLATE_EXAMPLE_ROW'],
      [3, 'TEMPLATE_EXAMPLE_ROW'],
    ]);
  });

  it('keeps codes, birth dates and phones as text so Excel does not reformat them', () => {
    const sheet = workbook.worksheets[0];
    for (const key of ['staffCode', 'unitCode', 'dateOfBirth', 'phone']) {
      const index = STAFF_IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1;
      expect(sheet.getRow(3).getCell(index).numFmt).toBe('@');
    }
  });

  it('offers dropdowns for category, the yes/no flags, gender and status', () => {
    const sheet = workbook.worksheets[0] as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } };
    const model = sheet.dataValidations.model;
    expect(model.E2.formulae).toEqual(['"Cán bộ,Công chức,Viên chức,Người lao động"']);
    expect(model.G10.formulae).toEqual(['"Có,Không"']);
    expect(model.H500.formulae).toEqual(['"Có,Không"']);
    expect(model.J2.formulae).toEqual(['"Nam,Nữ"']);
    expect(model.M20001.formulae).toEqual(['"Đang công tác,Tạm nghỉ,Đã nghỉ hưu,Đã nghỉ việc"']);
    expect(model.B2).toBeUndefined();
  });

  it('has a guide row per column, in Vietnamese, with the accepted values', () => {
    const guide = workbook.getWorksheet(GUIDE_SHEET_NAME)!;
    const headersInGuide = STAFF_IMPORT_COLUMNS.map((_, i) => guide.getRow(i + 2).getCell(2).value);
    expect(headersInGuide).toEqual(HEADERS);
    const categoryRow = guide.getRow(STAFF_IMPORT_COLUMNS.findIndex((c) => c.key === 'category') + 2);
    expect(categoryRow.getCell(3).value).toBe('Có');
    expect(String(categoryRow.getCell(4).value)).toContain('Cán bộ, Công chức, Viên chức, Người lao động');
    const text = JSON.stringify(guide.getSheetValues());
    expect(text).toContain('20.000');
    expect(text).toContain('cập nhật');
  });
});

describe('readSpreadsheet: xlsx', () => {
  it('round-trips the template filled in with exceljs', async () => {
    const workbook = await loadWorkbook(await buildStaffTemplate());
    const sheet = workbook.worksheets[0];
    // Typed over the two example rows, as a user does.
    sheet.getRow(2).values = ['1', 'cb0101', 'Phạm Thị Lan', 'SNV', 'Công chức', 'Chuyên viên', 'Có', 'Không', '05/11/1990', 'Nữ', 'lan@snv.gov.vn', '0912 000 111', ''];
    const row = sheet.getRow(3);
    row.values = [2, 'CB0102', 'Hoàng Văn Minh', 'ubnd-xa-an-phu', 'nguoi lao dong', null, 'x', null, null, 'Nam', null, null, 'Tạm nghỉ'];
    row.getCell(9).value = new Date(Date.UTC(1979, 0, 31));
    row.getCell(12).value = 987654321; // a phone typed into a number cell loses its 0
    row.getCell(3).value = { richText: [{ text: 'Hoàng ', font: { bold: true } }, { text: 'Văn Minh' }] };
    row.getCell(11).value = { text: 'minh@xa.gov.vn', hyperlink: 'mailto:minh@xa.gov.vn' };
    row.getCell(5).value = { formula: '"Người lao động"', result: 'Người lao động' };

    const content = await readSpreadsheet(await toBuffer(workbook), 'danh-sach.xlsx');
    expect(content.headerRow).toBe(1);
    expect(content.header).toEqual(HEADERS);
    const { rows, problems } = validate(content);
    expect(problems).toEqual([]);
    expect(rows).toMatchObject([
      {
        row: 2,
        staffCode: 'CB0101',
        fullName: 'Phạm Thị Lan',
        unitId: 'u-snv',
        category: PersonCategory.CongChuc,
        position: 'Chuyên viên',
        doesCchcWork: true,
        isLeader: false,
        dateOfBirth: '1990-11-05',
        gender: 'female',
        email: 'lan@snv.gov.vn',
        phone: '0912000111',
        status: PersonStatus.Active,
        action: 'create',
      },
      {
        row: 3,
        staffCode: 'CB0102',
        fullName: 'Hoàng Văn Minh',
        unitId: 'u-xa',
        category: PersonCategory.NguoiLaoDong,
        position: null,
        doesCchcWork: true,
        isLeader: false,
        dateOfBirth: '1979-01-31',
        gender: 'male',
        email: 'minh@xa.gov.vn',
        phone: '0987654321',
        status: PersonStatus.OnLeave,
        action: 'create',
      },
    ]);
  });

  it('normalises exceljs cell values', () => {
    const date = new Date(Date.UTC(1990, 0, 1));
    expect(plainCellValue({ richText: [{ text: 'Ng' }, { text: 'uyễn' }] })).toBe('Nguyễn');
    expect(plainCellValue({ formula: 'A1*2', result: 4 })).toBe(4);
    expect(plainCellValue({ formula: 'TODAY()', result: date })).toBe(date);
    // A formula saved without its value is marked, not read as an empty cell.
    expect(plainCellValue({ formula: 'A1' })).toEqual({ formulaWithoutValue: 'A1' });
    expect(plainCellValue({ sharedFormula: 'B2' })).toEqual({ formulaWithoutValue: 'B2' });
    expect(plainCellValue({ error: '#REF!' })).toBe('#REF!');
    expect(plainCellValue({ sharedFormula: 'B2', result: 'x' })).toBe('x');
    expect(plainCellValue({ formula: 'VLOOKUP()', result: { error: '#N/A' } })).toBe('#N/A');
    expect(plainCellValue({ text: 'trang chủ', hyperlink: 'https://example.gov.vn' })).toBe('trang chủ');
    expect(plainCellValue({ text: { richText: [{ text: 'a@b.vn' }] }, hyperlink: 'mailto:a@b.vn' })).toBe('a@b.vn');
    expect(plainCellValue({ error: '#REF!' })).toBe('#REF!');
    expect(plainCellValue(date)).toBe(date);
    expect(plainCellValue(true)).toBe(true);
    expect(plainCellValue(undefined)).toBeNull();
    expect(plainCellValue({ unexpected: 1 })).toBeNull();
  });

  it('takes the first non-empty row as the header and keeps the sheet row numbers', async () => {
    const buffer = await xlsxOf([[], [], ['Mã cán bộ', 'Họ và tên'], ['A1', 'Một'], [], [null, '  '], ['A2', 'Hai']]);
    const content = await readSpreadsheet(buffer, 'x.xlsx');
    expect(content.headerRow).toBe(3);
    expect(content.header).toEqual(['Mã cán bộ', 'Họ và tên']);
    expect(content.rows).toEqual([
      { row: 4, cells: ['A1', 'Một'] },
      { row: 7, cells: ['A2', 'Hai'] },
    ]);
  });

  it('keeps empty cells in their column', async () => {
    const buffer = await xlsxOf([['a', 'b', 'c', 'd'], [null, 'x', null, 'y']]);
    expect((await readSpreadsheet(buffer, 'x.xlsx')).rows).toEqual([{ row: 2, cells: [null, 'x', null, 'y'] }]);
  });

  it('reads the first worksheet only', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('Danh sách').addRows([['Mã cán bộ'], ['A1']]);
    workbook.addWorksheet('Khác').addRows([['x'], ['y']]);
    const content = await readSpreadsheet(await toBuffer(workbook), 'x.xlsx');
    expect(content.header).toEqual(['Mã cán bộ']);
    expect(content.rows).toEqual([{ row: 2, cells: ['A1'] }]);
  });

  it('trusts the bytes, not the name: an .xlsx called .csv is read as .xlsx', async () => {
    const buffer = await xlsxOf([['Mã cán bộ'], ['A1']]);
    expect((await readSpreadsheet(buffer, 'danh-sach.csv')).rows).toEqual([{ row: 2, cells: ['A1'] }]);
  });

  it('FILE_EMPTY for a workbook whose first sheet has no values', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('Trống');
    workbook.addWorksheet('Dữ liệu').addRow(['Mã cán bộ']);
    const error = await readError(await toBuffer(workbook));
    expect(error.code).toBe(SpreadsheetErrorCode.Empty);
    expect(error.message).toContain('không có dữ liệu');
  });

  it('FILE_TOO_MANY_ROWS above the limit, blank rows not counted', async () => {
    const rows = [['Mã cán bộ'], ['A1'], [], ['A2'], ['A3']];
    expect((await readSpreadsheet(await xlsxOf(rows), 'x.xlsx', { maxRows: 3 })).rows).toHaveLength(3);
    const error = await readError(await xlsxOf([...rows, ['A4']]), 'x.xlsx', 3);
    expect(error.code).toBe(SpreadsheetErrorCode.TooManyRows);
    expect(error.message).toContain('4 dòng');
    expect(error.message).toContain('giới hạn 3');
  });
});

describe('readSpreadsheet: csv', () => {
  it('reads UTF-8 with a BOM and commas', async () => {
    const content = await readSpreadsheet(csv(`${BOM}Mã cán bộ,Họ và tên\r\nA1,Nguyễn Văn An\r\n`), 'ds.csv');
    expect(content).toEqual({ header: ['Mã cán bộ', 'Họ và tên'], headerRow: 1, rows: [{ row: 2, cells: ['A1', 'Nguyễn Văn An'] }] });
  });

  it('reads UTF-8 without a BOM', async () => {
    const content = await readSpreadsheet(csv('Mã cán bộ,Họ và tên\nA1,Trần Thị Bình'), 'ds.csv');
    expect(content.rows).toEqual([{ row: 2, cells: ['A1', 'Trần Thị Bình'] }]);
  });

  it('sniffs semicolons (Excel in a Vietnamese locale) from the header line', async () => {
    const content = await readSpreadsheet(csv(`${BOM}Mã cán bộ;Họ và tên;Chức vụ\nA1;Lê Văn Cường;Trưởng phòng, kiêm nhiệm`), 'ds.csv');
    expect(content.header).toEqual(['Mã cán bộ', 'Họ và tên', 'Chức vụ']);
    expect(content.rows[0].cells).toEqual(['A1', 'Lê Văn Cường', 'Trưởng phòng, kiêm nhiệm']);
  });

  it('sniffs tabs', async () => {
    const content = await readSpreadsheet(csv('Mã cán bộ\tHọ và tên\nA1\tLê, Cường'), 'ds.txt');
    expect(content.rows[0].cells).toEqual(['A1', 'Lê, Cường']);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, numbering rows as Excel does', async () => {
    const text = [
      'Mã cán bộ,Họ và tên,Chức vụ',
      'A1,"Nguyễn Văn An","Trưởng phòng, Phòng ""Một cửa"""',
      'A2,"Trần Thị\nBình","dòng 1\r\ndòng 2"',
      '',
      'A3,Lê Văn Cường,',
    ].join('\r\n');
    const content = await readSpreadsheet(csv(text), 'ds.csv');
    expect(content.rows).toEqual([
      { row: 2, cells: ['A1', 'Nguyễn Văn An', 'Trưởng phòng, Phòng "Một cửa"'] },
      { row: 3, cells: ['A2', 'Trần Thị\nBình', 'dòng 1\r\ndòng 2'] },
      { row: 5, cells: ['A3', 'Lê Văn Cường', ''] },
    ]);
  });

  it('honours a "sep=" first line, as Excel does', async () => {
    const content = await readSpreadsheet(csv('sep=;\r\nMã cán bộ;Họ và tên, đệm\r\nA1;An'), 'ds.csv');
    expect(content).toEqual({ header: ['Mã cán bộ', 'Họ và tên, đệm'], headerRow: 1, rows: [{ row: 2, cells: ['A1', 'An'] }] });
  });

  it('reads UTF-16 text with a BOM (Excel "Unicode Text")', async () => {
    const buffer = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Mã cán bộ\tHọ và tên\r\nA1\tĐặng Thị Hà\r\n', 'utf16le')]);
    const content = await readSpreadsheet(buffer, 'ds.txt');
    expect(content.rows).toEqual([{ row: 2, cells: ['A1', 'Đặng Thị Hà'] }]);
  });

  it('skips leading blank lines and takes the first non-empty one as the header', async () => {
    const content = await readSpreadsheet(csv('\n;;\n  \nMã cán bộ;Họ và tên\nA1;An\n\n\n'), 'ds.csv');
    expect(content.headerRow).toBe(4);
    expect(content.rows).toEqual([{ row: 5, cells: ['A1', 'An'] }]);
  });

  it('trusts the bytes, not the name: CSV text called .xlsx is read as CSV', async () => {
    const content = await readSpreadsheet(csv('Mã cán bộ,Họ và tên\nA1,An'), 'ds.xlsx');
    expect(content.rows).toEqual([{ row: 2, cells: ['A1', 'An'] }]);
  });

  it('feeds the rules end to end', async () => {
    const text = `${BOM}Mã CB;Ho va ten;Ma don vi;Phan loai;Ngay sinh;Dien thoai\n cb7 ;Vu Thi Mai;snv;vien chuc;1/2/1988;+84 912 345 678\n`;
    const { rows, problems } = validate(await readSpreadsheet(csv(text), 'ds.csv'));
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      row: 2,
      staffCode: 'CB7',
      fullName: 'Vu Thi Mai',
      unitId: 'u-snv',
      category: PersonCategory.VienChuc,
      dateOfBirth: '1988-02-01',
      phone: '0912345678',
    });
  });

  it('FILE_MALFORMED for a quote never closed, naming the line', async () => {
    const error = await readError(csv('Mã cán bộ,Họ và tên\nA1,An\nA2,"Bình\nA3,Cường\n'), 'ds.csv');
    expect(error.code).toBe(SpreadsheetErrorCode.Malformed);
    expect(error.message).toContain('dòng 3');
  });

  it('FILE_MALFORMED for text in a legacy encoding (Windows-1258)', async () => {
    const buffer = Buffer.from([0x4d, 0xe3, 0x20, 0x63, 0xe1, 0x6e, 0x20, 0x62, 0xf4, 0x2c, 0x0a]); // "Mã cán bô,"
    const error = await readError(buffer, 'ds.csv');
    expect(error.code).toBe(SpreadsheetErrorCode.Malformed);
    expect(error.message).toContain('UTF-8');
  });
});

describe('parseCsv and sniffDelimiter', () => {
  it('parses RFC 4180 records', () => {
    expect(parseCsv('a,b\r\n"c,d","e""f"\n"g\nh",\n', ',')).toEqual([
      ['a', 'b'],
      ['c,d', 'e"f'],
      ['g\nh', ''],
    ]);
  });

  it('keeps empty fields and blank lines as records', () => {
    expect(parseCsv(',,\n\nx', ',')).toEqual([['', '', ''], [''], ['x']]);
  });

  it('handles a lone CR as a line break and no trailing break', () => {
    expect(parseCsv('a;b\rc;d', ';')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('is lenient where Excel is: quotes inside unquoted fields, text after a closing quote', () => {
    expect(parseCsv('5" đĩa,"a"b,c', ',')).toEqual([['5" đĩa', 'ab', 'c']]);
  });

  it('returns nothing for an empty text', () => {
    expect(parseCsv('', ',')).toEqual([]);
  });

  it.each([
    ['a,b,c\n1;2;3;4;5', ','],
    ['a;b;c\n1,2', ';'],
    ['a\tb;c\td', '\t'],
    ['"a;b;c",d\n', ','],
    ['\n\na;b\n', ';'],
    ['single', ','],
  ])('sniffs %j as %j', (text, delimiter) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
  });
});

describe('readSpreadsheet: files it must refuse', () => {
  it('FILE_EMPTY for an empty buffer', async () => {
    const error = await readError(Buffer.alloc(0));
    expect(error.code).toBe(SpreadsheetErrorCode.Empty);
    expect(error.message).toBe('Tệp "danh-sach.xlsx" không có dữ liệu.');
  });

  it.each([BOM, '  \r\n\r\n', ',,,\n, ,\n', ';;;\n;;\n', `${BOM}\n\t\n`])('FILE_EMPTY for a text with no values (%j)', async (text) => {
    expect((await readError(csv(text), 'ds.csv')).code).toBe(SpreadsheetErrorCode.Empty);
  });

  it('FILE_MALFORMED for a zip header followed by garbage, without the zip library’s words', async () => {
    const error = await readError(Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), pseudoRandomBytes(2000)]));
    expect(error.code).toBe(SpreadsheetErrorCode.Malformed);
    expect(error.message).toContain('bị hỏng');
    expect(error.message).not.toMatch(/central directory|zip/i);
  });

  it('FILE_MALFORMED for a truncated .xlsx upload', async () => {
    const whole = await buildStaffTemplate();
    const error = await readError(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(error.code).toBe(SpreadsheetErrorCode.Malformed);
  });

  it('FILE_MALFORMED for random bytes', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const bytes = pseudoRandomBytes(4096, seed);
      expect((await readError(bytes, 'x.csv')).code).toBe(SpreadsheetErrorCode.Malformed);
    }
  });

  it('FILE_MALFORMED for binary data that happens to be valid UTF-8', async () => {
    const error = await readError(Buffer.from('Mã cán bộ\u0000\u0001\u0002,x\n', 'utf8'), 'ds.csv');
    expect(error.code).toBe(SpreadsheetErrorCode.Malformed);
  });

  it('FILE_UNSUPPORTED for a PDF, whatever its name', async () => {
    const error = await readError(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), 'danh-sach.xlsx');
    expect(error.code).toBe(SpreadsheetErrorCode.Unsupported);
    expect(error.message).toContain('PDF');
    expect(error.message).toContain('.xlsx');
  });

  it('FILE_UNSUPPORTED for an old .xls (or password-protected) file', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), pseudoRandomBytes(512)]);
    const error = await readError(ole, 'danh-sach.xls');
    expect(error.code).toBe(SpreadsheetErrorCode.Unsupported);
    expect(error.message).toContain('.xls');
    expect(error.message).toContain('"danh-sach.xls"');
  });

  it.each([
    ['an image', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pseudoRandomBytes(100)])],
    ['a JPEG', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), pseudoRandomBytes(100)])],
    ['a gzip', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08]), pseudoRandomBytes(100)])],
    ['an HTML page named .xls', Buffer.from('<html><body><table><tr><td>Mã cán bộ</td></tr></table></body></html>')],
    ['an XML spreadsheet 2003', Buffer.from('\ufeff<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>')],
  ])('FILE_UNSUPPORTED for %s', async (_, buffer) => {
    expect((await readError(buffer, 'ds.xls')).code).toBe(SpreadsheetErrorCode.Unsupported);
  });

  it('FILE_UNSUPPORTED for a zip that holds no workbook (.docx, .ods or .zip renamed)', async () => {
    const docx = storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    const error = await readError(docx, 'danh-sach.xlsx');
    expect(error.code).toBe(SpreadsheetErrorCode.Unsupported);
    expect(error.message).toContain('không phải bảng tính Excel');
  });

  it('FILE_TOO_MANY_ROWS for CSV too', async () => {
    const text = ['Mã cán bộ', ...Array.from({ length: 11 }, (_, i) => `A${i}`)].join('\n');
    expect((await readError(csv(text), 'ds.csv', 10)).code).toBe(SpreadsheetErrorCode.TooManyRows);
  });

  it('is a real Error with a name, for logs', async () => {
    const error = await readError(Buffer.alloc(0));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SpreadsheetError');
  });
});

describe('buildPeopleExport', () => {
  const people: PersonExportRow[] = [
    {
      staffCode: 'CB0001',
      fullName: 'Nguyễn Văn An',
      unitCode: 'SNV',
      unitName: 'Sở Nội vụ',
      category: PersonCategory.CongChuc,
      position: 'Chuyên viên chính',
      doesCchcWork: true,
      isLeader: false,
      dateOfBirth: '1985-03-05',
      gender: 'male',
      email: 'an@snv.gov.vn',
      phone: '0912345678',
      status: PersonStatus.Active,
    },
    {
      staffCode: '00042',
      fullName: 'Đặng Thị Hà',
      unitCode: 'UBND-XA-AN-PHU',
      unitName: 'UBND xã An Phú',
      category: PersonCategory.NguoiLaoDong,
      position: null,
      doesCchcWork: false,
      isLeader: true,
      dateOfBirth: null,
      gender: null,
      email: null,
      phone: null,
      status: PersonStatus.Retired,
    },
  ];

  const asSnapshot = (p: PersonExportRow, i: number): ExistingPersonSnapshot => ({
    id: `p-${i}`,
    staffCode: p.staffCode,
    inScope: true,
    fullName: p.fullName,
    unitId: UNITS.get(p.unitCode)!.id,
    category: p.category,
    position: p.position,
    doesCchcWork: p.doesCchcWork,
    isLeader: p.isLeader,
    dateOfBirth: p.dateOfBirth,
    gender: p.gender,
    email: p.email,
    phone: p.phone,
    status: p.status,
  });

  it('reads back to the same people', async () => {
    const content = await readSpreadsheet(await buildPeopleExport(people, 'Danh sách Sở Nội vụ'), 'export.xlsx');
    expect(content.headerRow).toBe(1);
    expect(content.header).toEqual([...HEADERS, UNIT_NAME_HEADER]);
    const { rows, problems } = validate(content);
    expect(problems).toEqual([]);
    const readBack = rows.map((r) => ({
      staffCode: r.staffCode,
      fullName: r.fullName,
      unitCode: r.unitCode,
      unitName: content.rows.find((c) => c.row === r.row)!.cells[HEADERS.length],
      category: r.category,
      position: r.position,
      doesCchcWork: r.doesCchcWork,
      isLeader: r.isLeader,
      dateOfBirth: r.dateOfBirth,
      gender: r.gender,
      email: r.email,
      phone: r.phone,
      status: r.status,
    }));
    expect(readBack).toEqual(people);
  });

  it('re-imported as it is, changes nothing', async () => {
    const content = await readSpreadsheet(await buildPeopleExport(people, 'x'), 'export.xlsx');
    const { rows, problems } = validate(content, people.map(asSnapshot));
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.action)).toEqual(['unchanged', 'unchanged']);
  });

  it('writes labels people read and codes as text', async () => {
    const workbook = await loadWorkbook(await buildPeopleExport(people, 'x'));
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      1,
      'CB0001',
      'Nguyễn Văn An',
      'SNV',
      'Công chức',
      'Chuyên viên chính',
      'Có',
      'Không',
      '05/03/1985',
      'Nam',
      'an@snv.gov.vn',
      '0912345678',
      'Đang công tác',
      'Sở Nội vụ',
    ]);
    expect(sheet.getRow(3).getCell(2).value).toBe('00042');
    expect(sheet.getRow(3).getCell(13).value).toBe('Đã nghỉ hưu');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('puts the title in the sheet name and document properties, not above the header', async () => {
    const title = 'Danh sách cán bộ, công chức UBND xã An Phú năm 2025';
    const workbook = await loadWorkbook(await buildPeopleExport(people, title));
    expect(workbook.title).toBe(title);
    expect(workbook.worksheets[0].name).toBe(title.slice(0, 31).trim());
    expect(workbook.worksheets[0].getRow(1).getCell(2).value).toBe('Mã cán bộ');
  });

  it('exports an empty list as a header-only sheet', async () => {
    const content = await readSpreadsheet(await buildPeopleExport([], 'Trống'), 'export.xlsx');
    expect(content.header).toEqual([...HEADERS, UNIT_NAME_HEADER]);
    expect(content.rows).toEqual([]);
  });

  it.each([
    ['Báo cáo: quý 1/2025 [bản nháp]?', 'Báo cáo- quý 1-2025 -bản nháp--'],
    ["'Danh sách'", 'Danh sách'],
    ['   ', STAFF_SHEET_NAME],
    ['a'.repeat(40), 'a'.repeat(31)],
  ])('sheetName(%j) = %j', (title, name) => {
    expect(sheetName(title)).toBe(name);
  });
});
