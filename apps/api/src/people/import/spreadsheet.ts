/**
 * Reading an uploaded staff list (.xlsx or .csv) into plain rows, and writing the import template and people exports.
 * What the rows mean is decided in libs/shared (staff-import.ts); this file only deals with bytes.
 */
import { HttpStatus } from '@nestjs/common';
import { type CellValue, type DataValidation, Workbook, type Worksheet } from 'exceljs';
import { errorFactory } from '@api/common/errors';
import {
  PERSON_CATEGORY_LABELS,
  PERSON_STATUS_LABELS,
  PersonCategory,
  type PersonDetailDto,
  PersonStatus,
  STAFF_IMPORT_COLUMNS,
  STAFF_IMPORT_MAX_ROWS,
  type FormulaWithoutValue,
  type SpreadsheetRow,
  type StaffColumnKey,
  cellText,
  columnLetter,
  formatDateVi,
  isBlankRow,
} from '@cchc/shared';

// ---------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------

export enum SpreadsheetErrorCode {
  Empty = 'FILE_EMPTY',
  Malformed = 'FILE_MALFORMED',
  Unsupported = 'FILE_UNSUPPORTED',
  TooManyRows = 'FILE_TOO_MANY_ROWS',
}

/** The HTTP answer for a SpreadsheetError: every one is a file the user must fix. */
export const spreadsheetError = errorFactory<SpreadsheetErrorCode>({
  [SpreadsheetErrorCode.Empty]: HttpStatus.BAD_REQUEST,
  [SpreadsheetErrorCode.Malformed]: HttpStatus.BAD_REQUEST,
  [SpreadsheetErrorCode.Unsupported]: HttpStatus.BAD_REQUEST,
  [SpreadsheetErrorCode.TooManyRows]: HttpStatus.BAD_REQUEST,
});

/** A file the user must fix; `message` is Vietnamese and safe to show. Never wraps a library's own error text. */
export class SpreadsheetError extends Error {
  constructor(
    readonly code: SpreadsheetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SpreadsheetError';
  }
}

const SAVE_AS_HINT = 'Hãy mở tệp bằng Excel và lưu lại dạng "Excel Workbook (.xlsx)" hoặc "CSV UTF-8".';

// ---------------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------------

export interface SpreadsheetContent {
  header: unknown[];
  /** Usually 1; later when the file starts with blank rows. */
  headerRow: number;
  /** Non-blank rows below the header. */
  rows: SpreadsheetRow[];
}

export interface ReadSpreadsheetOptions {
  /** Most data rows accepted; defaults to STAFF_IMPORT_MAX_ROWS. */
  maxRows?: number;
}

/**
 * Reads the first worksheet of an .xlsx, or a CSV. The format is decided by the bytes, not the file name: a renamed
 * file must neither crash the reader nor slip past it. Every failure is a SpreadsheetError.
 */
export async function readSpreadsheet(
  buffer: Buffer,
  fileName: string,
  options: ReadSpreadsheetOptions = {},
): Promise<SpreadsheetContent> {
  const maxRows = options.maxRows ?? STAFF_IMPORT_MAX_ROWS;
  if (buffer.length === 0) throw emptyFile(fileName);

  const kind = sniffFormat(buffer);
  if (kind.unsupported) {
    throw new SpreadsheetError(SpreadsheetErrorCode.Unsupported, `Tệp "${fileName}" ${kind.unsupported}. ${SAVE_AS_HINT}`);
  }
  const records = kind.xlsx ? await readXlsxRows(buffer, fileName) : readCsvRows(decodeText(buffer, fileName), fileName);
  return splitHeader(records, fileName, maxRows);
}

const MAGIC: readonly { bytes: readonly number[]; unsupported?: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04] }, // zip: .xlsx (or another zip, found out when loading)
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    // Excel 97–2003 files and password-protected .xlsx both use this container.
    unsupported: 'là tệp Excel cũ (.xls) hoặc tệp đã đặt mật khẩu, hệ thống không đọc được',
  },
  { bytes: [0x25, 0x50, 0x44, 0x46], unsupported: 'là tệp PDF, không phải bảng tính' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], unsupported: 'là tệp ảnh, không phải bảng tính' },
  { bytes: [0xff, 0xd8, 0xff], unsupported: 'là tệp ảnh, không phải bảng tính' },
  { bytes: [0x47, 0x49, 0x46, 0x38], unsupported: 'là tệp ảnh, không phải bảng tính' },
  { bytes: [0x52, 0x61, 0x72, 0x21], unsupported: 'là tệp nén RAR, không phải bảng tính' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], unsupported: 'là tệp nén 7z, không phải bảng tính' },
  { bytes: [0x1f, 0x8b], unsupported: 'là tệp nén gzip, không phải bảng tính' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], unsupported: 'là văn bản RTF, không phải bảng tính' },
];

function sniffFormat(buffer: Buffer): { xlsx: boolean; unsupported?: string } {
  for (const magic of MAGIC) {
    if (magic.bytes.every((byte, i) => buffer[i] === byte)) return { xlsx: !magic.unsupported, unsupported: magic.unsupported };
  }
  return { xlsx: false };
}

function emptyFile(fileName: string): SpreadsheetError {
  return new SpreadsheetError(SpreadsheetErrorCode.Empty, `Tệp "${fileName}" không có dữ liệu.`);
}

function malformed(fileName: string, why: string): SpreadsheetError {
  return new SpreadsheetError(SpreadsheetErrorCode.Malformed, `Không đọc được tệp "${fileName}": ${why}. ${SAVE_AS_HINT}`);
}

/** The first non-blank record is the header; blank records after it are dropped (their numbers are kept by the rest). */
function splitHeader(records: SpreadsheetRow[], fileName: string, maxRows: number): SpreadsheetContent {
  const nonBlank = records.filter((r) => !isBlankRow(r.cells));
  if (nonBlank.length === 0) throw emptyFile(fileName);
  const [header, ...rows] = nonBlank;
  if (rows.length > maxRows) {
    throw new SpreadsheetError(
      SpreadsheetErrorCode.TooManyRows,
      `Tệp "${fileName}" có ${rows.length} dòng dữ liệu, vượt quá giới hạn ${maxRows} dòng mỗi lần nhập; hãy chia thành nhiều tệp.`,
    );
  }
  return { header: header.cells, headerRow: header.row, rows };
}

// --- xlsx ---------------------------------------------------------------------------------------------------------

async function readXlsxRows(buffer: Buffer, fileName: string): Promise<SpreadsheetRow[]> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    // exceljs and its zip reader throw English internals ("end of central directory"): not for users.
    throw malformed(fileName, 'tệp .xlsx bị hỏng hoặc tải lên chưa hết');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    // A zip without a workbook: .docx, .ods, .zip renamed to .xlsx.
    throw new SpreadsheetError(
      SpreadsheetErrorCode.Unsupported,
      `Tệp "${fileName}" là tệp nén nhưng không phải bảng tính Excel (.xlsx). ${SAVE_AS_HINT}`,
    );
  }
  const rows: SpreadsheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as CellValue[];
    const cells: unknown[] = [];
    for (let c = 1; c < values.length; c++) cells.push(plainCellValue(values[c]));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/**
 * exceljs cell values as plain values: rich text and hyperlinks as their text, formulas as their cached result, an
 * error value as its text ("#N/A"), and a formula saved without a result as a FormulaWithoutValue marker (never as
 * an empty cell: the rules in libs/shared refuse both with a message naming the cell).
 */
export function plainCellValue(value: CellValue | unknown): string | number | boolean | Date | FormulaWithoutValue | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((part) => String(part.text ?? '')).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    if (v.result === undefined || v.result === null) return { formulaWithoutValue: String(v.formula ?? v.sharedFormula ?? '') };
    return plainCellValue(v.result);
  }
  if ('hyperlink' in v) return plainCellValue(v.text);
  if (typeof v.error === 'string') return v.error;
  return null;
}

// --- csv ----------------------------------------------------------------------------------------------------------

/**
 * UTF-8 (with or without BOM) and UTF-16 with BOM, which Excel writes as "Unicode Text". Legacy Vietnamese encodings
 * (Windows-1258, TCVN3) cannot be told apart from garbage reliably, so they are refused with a hint instead of guessed.
 */
function decodeText(buffer: Buffer, fileName: string): string {
  let text: string;
  try {
    if (buffer[0] === 0xff && buffer[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(buffer.subarray(2));
    else if (buffer[0] === 0xfe && buffer[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(buffer.subarray(2));
    else text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    throw malformed(fileName, 'tệp không phải .xlsx và cũng không phải văn bản CSV mã hoá UTF-8');
  }
  // Control characters other than tab and line breaks do not occur in text a person typed.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) {
    throw malformed(fileName, 'tệp chứa dữ liệu nhị phân, không phải bảng tính');
  }
  if (/^\s*<(?:!doctype|html|\?xml|table)/i.test(text)) {
    // Some systems export an HTML or XML page named .xls; Excel opens it, we do not.
    throw new SpreadsheetError(
      SpreadsheetErrorCode.Unsupported,
      `Tệp "${fileName}" là trang HTML/XML chứ không phải bảng tính .xlsx hay .csv. ${SAVE_AS_HINT}`,
    );
  }
  return text;
}

function readCsvRows(text: string, fileName: string): SpreadsheetRow[] {
  let body = text;
  let delimiter: string | undefined;
  // Excel honours a first line "sep=;" and hides it; so do we, and row numbers start after it as Excel shows them.
  const sep = /^sep=(.)\r?\n/i.exec(body);
  if (sep) {
    delimiter = sep[1];
    body = body.slice(sep[0].length);
  }
  delimiter ??= sniffDelimiter(body);
  const records = parseCsv(body, delimiter, fileName);
  return records.map((cells, i) => ({ row: i + 1, cells }));
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter used most often, outside quotes, on the first non-empty line; a comma when there is none. */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  let seenContent = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (seenContent) break;
    } else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
    if (ch.trim() !== '') seenContent = true;
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * RFC 4180 records: fields may be quoted, a quoted field may hold the delimiter, line breaks and "" for a quote.
 * Lenient where Excel is (a quote inside an unquoted field is kept as text); a quote never closed is an error, since
 * it would silently swallow the rest of the file into one cell.
 */
export function parseCsv(text: string, delimiter: string, fileName = 'CSV'): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };

  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      const start = records.length + 1;
      i++;
      for (;;) {
        if (i >= text.length) throw malformed(fileName, `dấu ngoặc kép mở ở dòng ${start} không được đóng`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      // Text after the closing quote (`"a"b`) is kept, as Excel does.
      while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  // A final line break ends the last record; it does not start an empty one.
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------------------

const COLUMN_WIDTHS: Record<StaffColumnKey, number> = {
  ordinal: 6,
  staffCode: 14,
  fullName: 28,
  unitCode: 14,
  category: 18,
  position: 24,
  doesCchcWork: 18,
  isLeader: 11,
  dateOfBirth: 13,
  gender: 10,
  email: 30,
  phone: 16,
  status: 16,
};

/**
 * Stored as text so Excel keeps what was typed: the leading 0 of a phone number or of a code, and a birth date
 * typed day-first, which an English-locale Excel would otherwise turn into the wrong date or leave half-parsed.
 */
const TEXT_COLUMNS: ReadonlySet<StaffColumnKey> = new Set(['staffCode', 'unitCode', 'dateOfBirth', 'phone']);

const YES = 'Có';
const NO = 'Không';
const GENDER_LABELS = { male: 'Nam', female: 'Nữ' } as const;
export const UNIT_NAME_HEADER = 'Tên đơn vị';
export const STAFF_SHEET_NAME = 'Danh sách cán bộ';
export const GUIDE_SHEET_NAME = 'Hướng dẫn';

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;

/** The staff sheet of both the template and an export: same columns in the same order, so an export re-imports. */
function addStaffSheet(workbook: Workbook, name: string, extraHeaders: string[] = []): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...STAFF_IMPORT_COLUMNS.map((c) => ({
      header: c.header,
      key: c.key,
      width: COLUMN_WIDTHS[c.key],
      style: TEXT_COLUMNS.has(c.key) ? { numFmt: '@' } : {},
    })),
    ...extraHeaders.map((header) => ({ header, key: header, width: 36 })),
  ];
  const headerRow = sheet.getRow(1);
  headerRow.font = { bold: true };
  headerRow.alignment = { vertical: 'middle', wrapText: true };
  headerRow.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  STAFF_IMPORT_COLUMNS.forEach((c, i) => {
    if (c.required) headerRow.getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  return sheet;
}

/** A dropdown on the whole data range of a column. */
function addListValidation(sheet: Worksheet, key: StaffColumnKey, choices: string[]): void {
  const letter = columnLetter(STAFF_IMPORT_COLUMNS.findIndex((c) => c.key === key));
  const validation: DataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [`"${choices.join(',')}"`],
    showErrorMessage: true,
    errorTitle: 'Giá trị không hợp lệ',
    error: `Chọn một trong: ${choices.join(', ')}.`,
  };
  // exceljs accepts a range address here, but its typings do not declare `dataValidations`.
  const withValidations = sheet as unknown as { dataValidations: { add(range: string, v: DataValidation): void } };
  withValidations.dataValidations.add(`${letter}2:${letter}${STAFF_IMPORT_MAX_ROWS + 1}`, validation);
}

const SECOND_EXAMPLE: Record<StaffColumnKey, string> = {
  ordinal: '2',
  staffCode: 'VD0002',
  fullName: 'Trần Thị Bình',
  unitCode: 'VD-SNV',
  category: PERSON_CATEGORY_LABELS[PersonCategory.VienChuc].vi,
  position: 'Phó Trưởng phòng',
  doesCchcWork: NO,
  isLeader: YES,
  dateOfBirth: '02/09/1978',
  gender: GENDER_LABELS.female,
  email: 'tranthibinh@example.gov.vn',
  phone: '0243 812 345',
  status: PERSON_STATUS_LABELS[PersonStatus.Active].vi,
};

/** The import template: header, two example rows in grey italics, dropdowns, and a guide sheet. */
export async function buildStaffTemplate(): Promise<Buffer> {
  const workbook = newWorkbook('Mẫu danh sách cán bộ, công chức, viên chức');
  const sheet = addStaffSheet(workbook, STAFF_SHEET_NAME);
  STAFF_IMPORT_COLUMNS.forEach((c, i) => {
    sheet.getRow(1).getCell(i + 1).note = c.description;
  });
  for (const example of [Object.fromEntries(STAFF_IMPORT_COLUMNS.map((c) => [c.key, c.example])), SECOND_EXAMPLE]) {
    const row = sheet.addRow(example);
    row.font = { italic: true, color: { argb: 'FF808080' } };
  }

  const categories = Object.values(PERSON_CATEGORY_LABELS).map((l) => l.vi);
  addListValidation(sheet, 'category', categories);
  addListValidation(sheet, 'doesCchcWork', [YES, NO]);
  addListValidation(sheet, 'isLeader', [YES, NO]);
  addListValidation(sheet, 'gender', [GENDER_LABELS.male, GENDER_LABELS.female]);
  addListValidation(sheet, 'status', Object.values(PERSON_STATUS_LABELS).map((l) => l.vi));

  addGuideSheet(workbook);
  return toBuffer(workbook);
}

const GUIDE_NOTES = [
  'Dòng 1 của trang "Danh sách cán bộ" là tiêu đề: giữ nguyên tên các cột; có thể bỏ các cột không bắt buộc hoặc đổi thứ tự cột.',
  'Các cột chữ đỏ là bắt buộc.',
  'Hai dòng chữ nghiêng màu xám là ví dụ: hãy xoá trước khi nhập.',
  `Mỗi tệp tối đa ${STAFF_IMPORT_MAX_ROWS.toLocaleString('vi-VN')} dòng; danh sách lớn hơn hãy chia thành nhiều tệp.`,
  'Khi tải lên, hệ thống kiểm tra toàn bộ tệp và liệt kê mọi lỗi theo số dòng; chỉ khi không còn lỗi mới ghi, và ghi tất cả hoặc không ghi dòng nào.',
  'Nhập lại tệp có cùng mã cán bộ sẽ cập nhật thông tin người đó, không tạo người trùng. Cột nào không có trong tệp thì giữ nguyên thông tin cũ.',
  'Có thể lưu tệp dạng .xlsx hoặc CSV UTF-8 (dấu phân cách là dấu phẩy, dấu chấm phẩy hoặc tab).',
];

function addGuideSheet(workbook: Workbook): void {
  const guide = workbook.addWorksheet(GUIDE_SHEET_NAME);
  guide.columns = [
    { header: 'Cột', key: 'letter', width: 6 },
    { header: 'Tiêu đề cột', key: 'header', width: 22 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Nội dung và giá trị được chấp nhận', key: 'description', width: 90 },
    { header: 'Ví dụ', key: 'example', width: 28 },
  ];
  guide.getRow(1).font = { bold: true };
  guide.getRow(1).eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  STAFF_IMPORT_COLUMNS.forEach((c, i) => {
    const row = guide.addRow({
      letter: columnLetter(i),
      header: c.header,
      required: c.required ? YES : NO,
      description: c.description,
      example: c.example,
    });
    row.alignment = { vertical: 'top', wrapText: true };
  });
  guide.addRow([]);
  guide.addRow(['', 'Lưu ý']).font = { bold: true };
  for (const note of GUIDE_NOTES) guide.addRow(['', '', '', note]).alignment = { wrapText: true };
}

/** One person as exported: the template's columns plus the unit's name, which the import ignores. */
export type PersonExportRow = Pick<
  PersonDetailDto,
  | 'staffCode'
  | 'fullName'
  | 'unitCode'
  | 'unitName'
  | 'category'
  | 'position'
  | 'doesCchcWork'
  | 'isLeader'
  | 'dateOfBirth'
  | 'gender'
  | 'email'
  | 'phone'
  | 'status'
>;

/**
 * A people list in the template's layout, header on row 1, so it can be edited and imported back. The title goes
 * into the sheet name and document properties rather than a row above the header, which would break re-import.
 */
export async function buildPeopleExport(rows: readonly PersonExportRow[], title: string): Promise<Buffer> {
  const workbook = newWorkbook(title);
  const sheet = addStaffSheet(workbook, sheetName(title), [UNIT_NAME_HEADER]);
  rows.forEach((person, i) => sheet.addRow(exportValues(person, i + 1)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: STAFF_IMPORT_COLUMNS.length + 1 } };
  return toBuffer(workbook);
}

function exportValues(person: PersonExportRow, ordinal: number): Record<string, string | number | null> {
  const values: Record<StaffColumnKey, string | number | null> = {
    ordinal,
    staffCode: person.staffCode,
    fullName: person.fullName,
    unitCode: person.unitCode,
    category: PERSON_CATEGORY_LABELS[person.category].vi,
    position: person.position,
    doesCchcWork: person.doesCchcWork ? YES : NO,
    isLeader: person.isLeader ? YES : NO,
    dateOfBirth: person.dateOfBirth ? formatDateVi(person.dateOfBirth.slice(0, 10)) : null,
    gender: person.gender ? GENDER_LABELS[person.gender] : null,
    email: person.email,
    phone: person.phone,
    status: PERSON_STATUS_LABELS[person.status].vi,
  };
  return { ...values, [UNIT_NAME_HEADER]: person.unitName };
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], not blank. */
export function sheetName(title: string): string {
  const cleaned = cellText(title).replace(/[:\\/?*[\]]/g, '-').replace(/^'+|'+$/g, '').slice(0, 31).trim();
  return cleaned || STAFF_SHEET_NAME;
}

function newWorkbook(title: string): Workbook {
  const workbook = new Workbook();
  workbook.creator = 'cchc-learn';
  workbook.title = title;
  workbook.created = new Date();
  return workbook;
}

async function toBuffer(workbook: Workbook): Promise<Buffer> {
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
