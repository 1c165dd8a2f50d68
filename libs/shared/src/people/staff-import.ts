/**
 * Rules of the staff-list import (danh sách cán bộ, công chức, viên chức): which columns a file may have,
 * how each cell is read, and every problem a row can have. Pure: the API reads the file and loads units and
 * existing people, this module decides; the web can show the same column guide.
 */
import type { ImportProblemDto } from '../api-types';
import { foldVietnamese, normalizeName } from '../text/fold';
import { formatDateVi } from '../text/vi-format';
import {
  PERSON_CATEGORY_LABELS,
  PERSON_STATUS_LABELS,
  PersonCategory,
  PersonStatus,
} from './person';

// ---------------------------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------------------------

export type StaffColumnKey =
  | 'ordinal'
  | 'staffCode'
  | 'fullName'
  | 'unitCode'
  | 'category'
  | 'position'
  | 'doesCchcWork'
  | 'isLeader'
  | 'dateOfBirth'
  | 'gender'
  | 'email'
  | 'phone'
  | 'status';

export interface StaffImportColumn {
  key: StaffColumnKey;
  /** The header as the template writes it. */
  header: string;
  required: boolean;
  /** Other spellings accepted in a user's own file; compared after normalizeHeader, like the header itself. */
  aliases: readonly string[];
  /** The first example row of the template. */
  example: string;
  /** What the column means and which values it accepts (the template's "Hướng dẫn" sheet). */
  description: string;
}

export const STAFF_IMPORT_COLUMNS: readonly StaffImportColumn[] = [
  {
    key: 'ordinal',
    header: 'STT',
    required: false,
    aliases: ['số thứ tự', 'tt', 'no', '#'],
    example: '1',
    description: 'Số thứ tự, chỉ để tiện theo dõi; hệ thống bỏ qua cột này.',
  },
  {
    key: 'staffCode',
    header: 'Mã cán bộ',
    required: true,
    aliases: ['mã cb', 'mã cbccvc', 'mã cán bộ công chức', 'mã nhân viên', 'mã nv', 'staff code', 'staff id', 'staffcode'],
    example: 'VD0001',
    description:
      'Bắt buộc. Mã riêng của mỗi người, không trùng trong toàn tỉnh: 2–30 ký tự gồm chữ cái không dấu, chữ số và . - _ ' +
      '(không phân biệt hoa thường). Nhập lại tệp có cùng mã sẽ cập nhật thông tin người đó, không tạo người mới.',
  },
  {
    key: 'fullName',
    header: 'Họ và tên',
    required: true,
    aliases: ['họ tên', 'họ & tên', 'full name', 'fullname', 'name'],
    example: 'Nguyễn Văn An',
    description: 'Bắt buộc. Họ và tên đầy đủ, có dấu, tối đa 120 ký tự, không chứa chữ số.',
  },
  {
    key: 'unitCode',
    header: 'Mã đơn vị',
    required: true,
    aliases: ['mã dv', 'mã cơ quan', 'mã cơ quan đơn vị', 'unit code', 'unitcode'],
    example: 'VD-SNV',
    description:
      'Bắt buộc. Mã của đơn vị người đó đang công tác, đúng như trong danh mục đơn vị. ' +
      'Chỉ nhập được vào đơn vị của bạn và các đơn vị trực thuộc; đơn vị đã giải thể hoặc sáp nhập không nhận người mới.',
  },
  {
    key: 'category',
    header: 'Phân loại',
    required: true,
    aliases: ['loại', 'đối tượng', 'loại cán bộ', 'category'],
    example: PERSON_CATEGORY_LABELS[PersonCategory.CongChuc].vi,
    description: 'Bắt buộc. Một trong: Cán bộ, Công chức, Viên chức, Người lao động (có dấu hoặc không dấu đều được).',
  },
  {
    key: 'position',
    header: 'Chức vụ',
    required: false,
    aliases: ['chức danh', 'chức vụ chức danh', 'position'],
    example: 'Chuyên viên',
    description: 'Không bắt buộc. Chức vụ hoặc chức danh, tối đa 150 ký tự.',
  },
  {
    key: 'doesCchcWork',
    header: 'Làm công tác CCHC',
    required: false,
    aliases: ['công tác cchc', 'làm cchc', 'cchc', 'does cchc work', 'cchc work'],
    example: 'Có',
    description: 'Người làm công tác cải cách hành chính: Có hoặc Không (cũng nhận x, 1/0, yes/no). Để trống là Không.',
  },
  {
    key: 'isLeader',
    header: 'Lãnh đạo',
    required: false,
    aliases: ['là lãnh đạo', 'lãnh đạo quản lý', 'leader', 'is leader'],
    example: 'Không',
    description: 'Người giữ chức vụ lãnh đạo, quản lý: Có hoặc Không (cũng nhận x, 1/0, yes/no). Để trống là Không.',
  },
  {
    key: 'dateOfBirth',
    header: 'Ngày sinh',
    required: false,
    aliases: ['ngày tháng năm sinh', 'ngày, tháng, năm sinh', 'date of birth', 'dob', 'birth date', 'birthday'],
    example: '15/03/1985',
    description: 'Không bắt buộc. Dạng ngày/tháng/năm (15/03/1985 hoặc 5/3/1985) hoặc năm-tháng-ngày (1985-03-15); tuổi từ 16 đến 80.',
  },
  {
    key: 'gender',
    header: 'Giới tính',
    required: false,
    aliases: ['phái', 'gender', 'sex'],
    example: 'Nam',
    description: 'Không bắt buộc. Nam hoặc Nữ.',
  },
  {
    key: 'email',
    header: 'Email',
    required: false,
    aliases: ['e-mail', 'thư điện tử', 'địa chỉ email', 'mail'],
    example: 'nguyenvanan@example.gov.vn',
    description: 'Không bắt buộc. Địa chỉ thư điện tử.',
  },
  {
    key: 'phone',
    header: 'Điện thoại',
    required: false,
    aliases: ['số điện thoại', 'sđt', 'số đt', 'đt', 'di động', 'phone', 'mobile'],
    example: '0912 345 678',
    description: 'Không bắt buộc. 10 chữ số bắt đầu bằng 0, hoặc dạng +84; được có dấu cách hoặc dấu chấm.',
  },
  {
    key: 'status',
    header: 'Trạng thái',
    required: false,
    aliases: ['tình trạng', 'trạng thái công tác', 'status'],
    example: PERSON_STATUS_LABELS[PersonStatus.Active].vi,
    description:
      'Không bắt buộc. Một trong: Đang công tác, Tạm nghỉ, Đã nghỉ hưu, Đã nghỉ việc. ' +
      'Để trống: người mới là Đang công tác, người đã có giữ nguyên trạng thái.',
  },
];

const COLUMN_BY_KEY = new Map(STAFF_IMPORT_COLUMNS.map((c) => [c.key, c]));

export function staffColumn(key: StaffColumnKey): StaffImportColumn {
  return COLUMN_BY_KEY.get(key)!;
}

/** Most rows one import accepts: larger lists are split, so one bad file never holds a transaction for minutes. */
export const STAFF_IMPORT_MAX_ROWS = 20_000;

export const STAFF_CODE_PATTERN = /^[A-Z0-9._-]{2,30}$/;
export const FULL_NAME_MAX_LENGTH = 120;
export const POSITION_MAX_LENGTH = 150;
export const EMAIL_MAX_LENGTH = 254;
export const MIN_AGE = 16;
export const MAX_AGE = 80;

// ---------------------------------------------------------------------------------------------------------------
// Problem codes
// ---------------------------------------------------------------------------------------------------------------

export enum StaffImportProblemCode {
  HeaderNotRecognised = 'HEADER_NOT_RECOGNISED',
  MissingColumn = 'MISSING_COLUMN',
  DuplicateColumn = 'DUPLICATE_COLUMN',
  NoDataRows = 'NO_DATA_ROWS',
  TooManyRows = 'TOO_MANY_ROWS',
  StaffCodeRequired = 'STAFF_CODE_REQUIRED',
  StaffCodeInvalid = 'STAFF_CODE_INVALID',
  StaffCodeDuplicate = 'STAFF_CODE_DUPLICATE',
  StaffCodeOutOfScope = 'STAFF_CODE_OUT_OF_SCOPE',
  FullNameRequired = 'FULL_NAME_REQUIRED',
  FullNameTooLong = 'FULL_NAME_TOO_LONG',
  FullNameInvalid = 'FULL_NAME_INVALID',
  UnitCodeRequired = 'UNIT_CODE_REQUIRED',
  UnitNotFound = 'UNIT_NOT_FOUND',
  UnitInactive = 'UNIT_INACTIVE',
  UnitOutOfScope = 'UNIT_OUT_OF_SCOPE',
  CategoryRequired = 'CATEGORY_REQUIRED',
  CategoryInvalid = 'CATEGORY_INVALID',
  PositionTooLong = 'POSITION_TOO_LONG',
  YesNoInvalid = 'YES_NO_INVALID',
  DateOfBirthInvalid = 'DATE_OF_BIRTH_INVALID',
  DateOfBirthImpossible = 'DATE_OF_BIRTH_IMPOSSIBLE',
  DateOfBirthOutOfRange = 'DATE_OF_BIRTH_OUT_OF_RANGE',
  GenderInvalid = 'GENDER_INVALID',
  EmailInvalid = 'EMAIL_INVALID',
  PhoneInvalid = 'PHONE_INVALID',
  StatusInvalid = 'STATUS_INVALID',
  /** A grey example row of the downloaded template, left in the file. */
  TemplateExampleRow = 'TEMPLATE_EXAMPLE_ROW',
  /** A cell holding one of Excel's error values (#N/A, #REF!, ...), computed by a formula or typed as text. */
  ExcelErrorValue = 'EXCEL_ERROR_VALUE',
  /** A formula cell saved without its computed value (by a program that does not calculate). */
  FormulaNotCalculated = 'FORMULA_NOT_CALCULATED',
}

/** Problems of the option "tạo tài khoản cho người mới", found by the API against the accounts (not by these rules). */
export enum StaffImportAccountProblemCode {
  /** The staff code cannot be a username. */
  StaffCodeUnusable = 'ACCOUNT_STAFF_CODE_UNUSABLE',
  /** The username is already an account's. */
  UsernameTaken = 'ACCOUNT_USERNAME_TAKEN',
  /** Two people of the file would get the same username. */
  UsernameClash = 'ACCOUNT_USERNAME_CLASH',
}

// ---------------------------------------------------------------------------------------------------------------
// Header
// ---------------------------------------------------------------------------------------------------------------

export type StaffColumnIndex = Partial<Record<StaffColumnKey, number>>;

export interface HeaderMapping {
  /** 0-based position of each recognised column in the row's cells. */
  columnIndex: StaffColumnIndex;
  problems: ImportProblemDto[];
}

/**
 * "Mã cán bộ (*)", "MA_CAN_BO", "Ngày sinh (dd/mm/yyyy)" and "ma can bo" all become "ma can bo": users mark required
 * columns, add format hints and drop diacritics, and none of that should cost them a failed import.
 */
export function normalizeHeader(text: string): string {
  return foldVietnamese(text)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[*:.,;_\-/\\&]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const KEY_BY_HEADER: ReadonlyMap<string, StaffColumnKey> = (() => {
  const map = new Map<string, StaffColumnKey>();
  for (const column of STAFF_IMPORT_COLUMNS) {
    for (const spelling of [column.header, ...column.aliases]) map.set(normalizeHeader(spelling), column.key);
  }
  return map;
})();

/** Spreadsheet column letter of a 0-based index: 0 -> A, 26 -> AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Finds each known column in the header row; unknown extra columns (e.g. "Tên đơn vị" in an export) are ignored. */
export function mapHeader(headerCells: unknown[], headerRow = 1): HeaderMapping {
  const columnIndex: StaffColumnIndex = {};
  const problems: ImportProblemDto[] = [];

  headerCells.forEach((cell, index) => {
    const key = KEY_BY_HEADER.get(normalizeHeader(cellText(cell)));
    if (!key) return;
    const first = columnIndex[key];
    if (first === undefined) {
      columnIndex[key] = index;
      return;
    }
    const header = staffColumn(key).header;
    problems.push({
      row: headerRow,
      column: header,
      code: StaffImportProblemCode.DuplicateColumn,
      message: `Cột "${header}" xuất hiện hai lần (cột ${columnLetter(first)} và cột ${columnLetter(index)}); hãy xoá một cột.`,
    });
  });

  if (Object.keys(columnIndex).length === 0) {
    // Nothing recognised usually means a title row above the header, or the wrong file: say that, not "11 columns missing".
    problems.push({
      row: headerRow,
      column: null,
      code: StaffImportProblemCode.HeaderNotRecognised,
      message:
        `Dòng ${headerRow} không phải dòng tiêu đề của danh sách cán bộ. Dòng đầu tiên của tệp phải là tiêu đề các cột ` +
        `(Mã cán bộ, Họ và tên, Mã đơn vị, Phân loại, ...) như trong tệp mẫu.`,
    });
    return { columnIndex, problems };
  }

  for (const column of STAFF_IMPORT_COLUMNS) {
    if (column.required && columnIndex[column.key] === undefined) {
      problems.push({
        row: headerRow,
        column: column.header,
        code: StaffImportProblemCode.MissingColumn,
        message: `Thiếu cột bắt buộc "${column.header}".`,
      });
    }
  }
  return { columnIndex, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------------------------------------------

/**
 * A formula cell that a file carries without its computed value: programs that write .xlsx without calculating
 * (scripts, some HR exports, "manual calculation" workbooks) save only the formula. It reads as an empty cell
 * (`cellText` gives '') but is never blank, so a row of such cells is reported, not skipped.
 */
export interface FormulaWithoutValue {
  readonly formulaWithoutValue: string;
}

export function isFormulaWithoutValue(value: unknown): value is FormulaWithoutValue {
  return typeof value === 'object' && value !== null && typeof (value as FormulaWithoutValue).formulaWithoutValue === 'string';
}

/** Excel's error values and what each usually means, in the words of the import's messages. */
export const EXCEL_ERROR_VALUES: Readonly<Record<string, string>> = {
  '#N/A': 'không tìm thấy giá trị, thường do hàm VLOOKUP/MATCH không tìm ra',
  '#REF!': 'công thức tham chiếu đến ô, cột hoặc trang đã bị xoá',
  '#VALUE!': 'công thức dùng sai kiểu dữ liệu',
  '#DIV/0!': 'công thức chia cho 0',
  '#NAME?': 'công thức có tên hàm hoặc tên vùng không đúng',
  '#NULL!': 'công thức lấy giao của hai vùng không giao nhau',
  '#NUM!': 'công thức cho số không hợp lệ',
  '#SPILL!': 'kết quả công thức mảng bị chặn',
  '#CALC!': 'công thức không tính được',
  '#GETTING_DATA': 'ô chưa lấy xong dữ liệu',
};

/** The Excel error value a cell holds (as Excel computed it or as someone typed or pasted it), or null. */
export function excelErrorValue(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().toUpperCase();
  return Object.prototype.hasOwnProperty.call(EXCEL_ERROR_VALUES, text) ? text : null;
}

/**
 * A cell as trimmed NFC text with single spaces. Zero-width characters come along when lists are copied from web
 * pages or Word and are invisible to the user, so they are dropped.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (isFormulaWithoutValue(value)) return '';
  return String(value)
    .normalize('NFC')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function isBlankRow(cells: readonly unknown[]): boolean {
  return cells.every((cell) => !isFormulaWithoutValue(cell) && cellText(cell) === '');
}

export function normalizeStaffCode(value: unknown): string {
  return cellText(value).toUpperCase();
}

/** Folded and with "_"/"-" as spaces, so "Công chức", "cong chuc", "CONG_CHUC" and "cong_chuc" all match. */
function foldChoice(text: string): string {
  return foldVietnamese(text.replace(/[_-]/g, ' '));
}

function choiceTable<T>(entries: [T, readonly string[]][]): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [value, spellings] of entries) for (const s of spellings) map.set(foldChoice(s), value);
  return map;
}

const CATEGORY_BY_TEXT = choiceTable(
  Object.values(PersonCategory).map((c) => [c, [c, PERSON_CATEGORY_LABELS[c].vi, PERSON_CATEGORY_LABELS[c].en]]),
);

const STATUS_BY_TEXT = choiceTable(
  Object.values(PersonStatus).map((s) => [s, [s, PERSON_STATUS_LABELS[s].vi, PERSON_STATUS_LABELS[s].en]]),
);

export type Gender = 'male' | 'female';

const GENDER_BY_TEXT = choiceTable<Gender>([
  ['male', ['nam', 'male', 'm']],
  ['female', ['nữ', 'female', 'f']],
]);

// "x" and ticks are what people type in a checkbox-like column; TRUE/FALSE is what Excel shows for a boolean cell.
const YES_NO_BY_TEXT = choiceTable<boolean>([
  [true, ['có', 'x', '1', 'yes', 'y', 'true', '✓', '✔', '√']],
  [false, ['không', '0', 'no', 'n', 'false', '']],
]);

export function parseCategory(value: unknown): PersonCategory | undefined {
  return CATEGORY_BY_TEXT.get(foldChoice(cellText(value)));
}

export function parseStatus(value: unknown): PersonStatus | undefined {
  return STATUS_BY_TEXT.get(foldChoice(cellText(value)));
}

export function parseGender(value: unknown): Gender | undefined {
  return GENDER_BY_TEXT.get(foldChoice(cellText(value)));
}

/** Empty means "Không": the column is a flag, and an unticked flag is the common case. */
export function parseYesNo(value: unknown): boolean | undefined {
  return YES_NO_BY_TEXT.get(foldChoice(cellText(value)));
}

const DAY_MS = 86_400_000;
/** Day 0 of Excel's 1900 date system, counting its phantom 29/02/1900 (irrelevant for birth dates). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export type DateParseResult = { ok: true; iso: string } | { ok: false; reason: 'format' | 'impossible' };

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fromYmd(year: number, month: number, day: number): DateParseResult {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return { ok: false, reason: 'impossible' };
  return { ok: true, iso: isoDate(year, month, day) };
}

function fromEpochMs(ms: number): DateParseResult {
  const d = new Date(ms);
  return fromYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A calendar date as "yyyy-mm-dd". Text is read day-first, as Vietnamese write it. A Date is rounded to the nearest
 * UTC midnight: exceljs hands over UTC midnight, and a Date made at local midnight in Vietnam (UTC+7) is 17:00 the day
 * before in UTC, so rounding gives the intended day for both.
 */
export function parseDate(value: unknown): DateParseResult {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, reason: 'format' };
    return fromEpochMs(Math.round(value.getTime() / DAY_MS) * DAY_MS);
  }
  if (typeof value === 'number') {
    // An Excel serial day number, when a date cell reaches us without its date format.
    if (!Number.isFinite(value) || value < 1 || value >= 2_958_466) return { ok: false, reason: 'format' };
    return fromEpochMs(EXCEL_EPOCH_MS + Math.floor(value) * DAY_MS);
  }
  const text = cellText(value);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return fromYmd(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (dmy) return fromYmd(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  return { ok: false, reason: 'format' };
}

/** Whole years between a "yyyy-mm-dd" birth date and a day. */
export function ageOn(isoBirthDate: string, today: Date): number {
  const [y, m, d] = isoBirthDate.split('-').map(Number);
  const ty = today.getUTCFullYear();
  const tm = today.getUTCMonth() + 1;
  const td = today.getUTCDate();
  const hadBirthday = tm > m || (tm === m && td >= d);
  return ty - y - (hadBirthday ? 0 : 1);
}

/**
 * Vietnamese phone numbers as "0xxxxxxxxx". A numeric cell of 9 digits is a number whose leading 0 Excel dropped.
 */
export function normalizePhone(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1e8 && value < 1e9) return `0${value}`;
  const compact = cellText(value).replace(/[\s.-]/g, '');
  if (/^0\d{9}$/.test(compact)) return compact;
  if (/^\+84\d{9}$/.test(compact)) return `0${compact.slice(3)}`;
  return undefined;
}

const EMAIL_PATTERN = /^[A-Za-z0-9._%+'-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

/** Lower-cased; a "mailto:" left over from a hyperlink cell is dropped. */
export function normalizeEmail(value: unknown): string | undefined {
  const text = cellText(value).replace(/^mailto:/i, '').toLowerCase();
  if (text.length > EMAIL_MAX_LENGTH || !EMAIL_PATTERN.test(text) || text.includes('..')) return undefined;
  return text;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------------------------

/** The person fields an import can set. Dates are "yyyy-mm-dd"; optional values are null when absent. */
export interface StaffPersonFields {
  fullName: string;
  unitId: string;
  category: PersonCategory;
  position: string | null;
  doesCchcWork: boolean;
  isLeader: boolean;
  dateOfBirth: string | null;
  gender: Gender | null;
  email: string | null;
  phone: string | null;
  status: PersonStatus;
}

export type StaffField = keyof StaffPersonFields;

/** A person already in the database whose staff code appears in the file. */
export interface ExistingPersonSnapshot extends StaffPersonFields {
  id: string;
  staffCode: string;
  /** Whether the person's current unit is within the importer's scope. */
  inScope: boolean;
}

export interface ImportUnit {
  id: string;
  /** Within the importer's scope: their unit and everything below it (the whole province for a coordinator). */
  inScope: boolean;
  /** False once the unit is closed or merged. */
  active: boolean;
}

export interface StaffImportContext {
  /** Units named in the file, keyed by code; codes are matched ignoring case. */
  unitsByCode: ReadonlyMap<string, ImportUnit>;
  /** Existing people with the file's staff codes, keyed by normalizeStaffCode(staffCode). */
  existingByStaffCode: ReadonlyMap<string, ExistingPersonSnapshot>;
  maxRows?: number;
  /** For the age check; defaults to now. */
  today?: Date;
}

export type StaffImportAction = 'create' | 'update' | 'unchanged';

export interface ValidStaffRow extends StaffPersonFields {
  row: number;
  staffCode: string;
  unitCode: string;
  action: StaffImportAction;
  /** The existing person for 'update' and 'unchanged'. */
  personId: string | null;
  /** For 'update': the fields whose value differs from the person's and that the service must write. */
  changedFields: StaffField[];
}

export interface StaffValidationResult {
  rows: ValidStaffRow[];
  problems: ImportProblemDto[];
  /** Non-blank data rows in the file, valid or not. */
  totalRows: number;
}

export interface SpreadsheetRow {
  row: number;
  cells: unknown[];
}

/** Columns the file does not have are left alone on update; a present column with an empty cell clears the value. */
const FIELD_COLUMN: Record<StaffField, StaffColumnKey> = {
  fullName: 'fullName',
  unitId: 'unitCode',
  category: 'category',
  position: 'position',
  doesCchcWork: 'doesCchcWork',
  isLeader: 'isLeader',
  dateOfBirth: 'dateOfBirth',
  gender: 'gender',
  email: 'email',
  phone: 'phone',
  status: 'status',
};

const STAFF_FIELDS = Object.keys(FIELD_COLUMN) as StaffField[];

/** Long values are cut in messages so one pasted paragraph does not fill the problem list. */
function quote(text: string): string {
  return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

/** Collects one row's problems; each check adds at most one. */
class RowProblems {
  readonly list: ImportProblemDto[] = [];
  /** Columns already reported for a broken cell: their other checks would only repeat it ("Thiếu mã cán bộ"). */
  private readonly reported = new Set<StaffColumnKey>();
  constructor(private readonly row: number) {}

  add(key: StaffColumnKey, code: StaffImportProblemCode, message: string): void {
    if (this.reported.has(key)) return;
    this.list.push({ row: this.row, column: staffColumn(key).header, code, message });
  }

  /** A cell that is an Excel error value or a formula without its value: reported once, naming the cell. */
  addBrokenCell(key: StaffColumnKey, cellAddress: string, value: unknown): boolean {
    const header = staffColumn(key).header;
    if (isFormulaWithoutValue(value)) {
      this.add(
        key,
        StaffImportProblemCode.FormulaNotCalculated,
        `Ô ${cellAddress} (cột "${header}") có công thức chưa được tính; hãy mở tệp bằng Excel và lưu lại rồi nhập lại.`,
      );
    } else {
      const error = excelErrorValue(value);
      if (!error) return false;
      this.add(
        key,
        StaffImportProblemCode.ExcelErrorValue,
        `Ô ${cellAddress} (cột "${header}") chứa giá trị lỗi ${error} của Excel (${EXCEL_ERROR_VALUES[error]}); ` +
          `hãy sửa ô này trong Excel (nhập giá trị thật thay cho công thức lỗi) rồi nhập lại.`,
      );
    }
    this.reported.add(key);
    return true;
  }
}

/** Columns whose value is stored: a broken cell there rejects the row. (STT is ignored, so it may hold anything.) */
const STORED_COLUMNS: readonly StaffColumnKey[] = STAFF_IMPORT_COLUMNS.map((c) => c.key).filter((k) => k !== 'ordinal');

/**
 * Validates every row and says what committing would do to each. Call it only when mapHeader found no problems.
 * Nothing stops at the first problem: the dry run must list all of them, with row numbers, in one pass.
 */
export function validateStaffRows(
  rows: readonly SpreadsheetRow[],
  columnIndex: StaffColumnIndex,
  ctx: StaffImportContext,
): StaffValidationResult {
  const dataRows = rows.filter((r) => !isBlankRow(r.cells));
  const maxRows = ctx.maxRows ?? STAFF_IMPORT_MAX_ROWS;
  if (dataRows.length > maxRows) return { rows: [], problems: [tooManyRows(dataRows, maxRows)], totalRows: dataRows.length };
  if (dataRows.length === 0) return { rows: [], problems: [noDataRows(rows)], totalRows: 0 };

  const units = new UnitLookup(ctx.unitsByCode);
  const today = ctx.today ?? new Date();
  const firstRowOfCode = new Map<string, number>();
  const valid: ValidStaffRow[] = [];
  const problems: ImportProblemDto[] = [];

  for (const { row, cells } of dataRows) {
    const read = (key: StaffColumnKey): unknown => {
      const index = columnIndex[key];
      return index === undefined ? undefined : cells[index];
    };
    const issues = new RowProblems(row);
    // An Excel error value or an uncalculated formula is never read as data (nor as a missing value): the row is refused.
    for (const key of STORED_COLUMNS) {
      const index = columnIndex[key];
      if (index !== undefined) issues.addBrokenCell(key, `${columnLetter(index)}${row}`, cells[index]);
    }
    // The template's example rows name a unit that does not exist; say what they are instead of listing their faults.
    const unitCode = cellText(read('unitCode'));
    if (unitCode === staffColumn('unitCode').example && !units.find(unitCode)) {
      issues.add('unitCode', StaffImportProblemCode.TemplateExampleRow, 'Đây là dòng ví dụ của tệp mẫu (chữ nghiêng màu xám): hãy xoá dòng này.');
      problems.push(...issues.list);
      continue;
    }
    const parsed = parseRow(read, issues, { units, today });
    const staffCode = parsed.staffCode;

    if (staffCode) {
      const firstRow = firstRowOfCode.get(staffCode);
      if (firstRow === undefined) firstRowOfCode.set(staffCode, row);
      else {
        issues.add(
          'staffCode',
          StaffImportProblemCode.StaffCodeDuplicate,
          `Mã cán bộ ${quote(staffCode)} bị trùng với dòng ${firstRow}; mỗi người chỉ được xuất hiện một lần.`,
        );
      }
    }
    const existing = staffCode ? ctx.existingByStaffCode.get(staffCode) : undefined;
    if (existing && !existing.inScope) {
      // Do not reveal who holds the code or where: the importer has no right to see that person.
      issues.add(
        'staffCode',
        StaffImportProblemCode.StaffCodeOutOfScope,
        `Mã cán bộ ${quote(staffCode!)} đã được dùng cho một người thuộc đơn vị ngoài phạm vi bạn quản lý; ` +
          `hãy kiểm tra lại mã hoặc liên hệ Sở Nội vụ để chuyển người đó.`,
      );
    }

    if (issues.list.length > 0 || !parsed.complete) {
      problems.push(...issues.list);
      continue;
    }
    valid.push(planRow(row, parsed.complete, existing, columnIndex));
  }

  return { rows: valid, problems, totalRows: dataRows.length };
}

function tooManyRows(dataRows: readonly SpreadsheetRow[], maxRows: number): ImportProblemDto {
  return {
    row: dataRows[maxRows].row,
    column: null,
    code: StaffImportProblemCode.TooManyRows,
    message: `Tệp có ${dataRows.length} dòng dữ liệu, vượt quá giới hạn ${maxRows} dòng mỗi lần nhập; hãy chia thành nhiều tệp.`,
  };
}

function noDataRows(rows: readonly SpreadsheetRow[]): ImportProblemDto {
  return {
    row: rows.length > 0 ? rows[0].row : 2,
    column: null,
    code: StaffImportProblemCode.NoDataRows,
    message: 'Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.',
  };
}

/** Exact code first, then ignoring case, so "snv" finds "SNV" without the caller normalising its keys. */
class UnitLookup {
  private readonly byUpper = new Map<string, ImportUnit>();
  constructor(private readonly byCode: ReadonlyMap<string, ImportUnit>) {
    for (const [code, unit] of byCode) this.byUpper.set(code.toUpperCase(), unit);
  }
  find(code: string): ImportUnit | undefined {
    return this.byCode.get(code) ?? this.byUpper.get(code.toUpperCase());
  }
}

/** A row's values once every check passed; status is null when the file leaves it blank. */
interface ParsedRow extends Omit<StaffPersonFields, 'status'> {
  staffCode: string;
  unitCode: string;
  status: PersonStatus | null;
}

type ReadCell = (key: StaffColumnKey) => unknown;

interface ParseEnv {
  units: UnitLookup;
  today: Date;
}

/**
 * Every check of one row. Returns the staff code as soon as it is well-formed (the duplicate and scope checks need it
 * even when other cells are wrong) and the complete values only when the row has no problem.
 */
function parseRow(
  read: ReadCell,
  issues: RowProblems,
  env: ParseEnv,
): { staffCode: string | null; complete: ParsedRow | null } {
  const staffCode = parseStaffCode(read('staffCode'), issues);
  const fullName = parseFullName(read('fullName'), issues);
  const unit = parseUnit(read('unitCode'), issues, env.units);
  const category = parseRequiredCategory(read('category'), issues);
  const position = parsePosition(read('position'), issues);
  const doesCchcWork = parseFlag('doesCchcWork', read('doesCchcWork'), issues);
  const isLeader = parseFlag('isLeader', read('isLeader'), issues);
  const dateOfBirth = parseBirthDate(read('dateOfBirth'), issues, env.today);
  const gender = parseOptional('gender', read('gender'), parseGender, issues, StaffImportProblemCode.GenderInvalid, (v) =>
    `Giới tính ${quote(v)} không hợp lệ; chỉ nhận Nam hoặc Nữ.`,
  );
  const email = parseOptional('email', read('email'), normalizeEmail, issues, StaffImportProblemCode.EmailInvalid, (v) =>
    `Email ${quote(v)} không hợp lệ; cần dạng ten@donvi.gov.vn.`,
  );
  const phone = parseOptional('phone', read('phone'), normalizePhone, issues, StaffImportProblemCode.PhoneInvalid, (v) =>
    `Số điện thoại ${quote(v)} không hợp lệ; cần 10 chữ số bắt đầu bằng 0 (ví dụ 0912 345 678) hoặc dạng +84.`,
  );
  const status = parseOptional('status', read('status'), parseStatus, issues, StaffImportProblemCode.StatusInvalid, (v) =>
    `Trạng thái ${quote(v)} không hợp lệ; chỉ nhận: ${Object.values(PERSON_STATUS_LABELS).map((l) => l.vi).join(', ')}.`,
  );

  if (
    issues.list.length > 0 ||
    !staffCode ||
    !fullName ||
    !unit ||
    !category ||
    position === undefined ||
    doesCchcWork === undefined ||
    isLeader === undefined ||
    dateOfBirth === undefined ||
    gender === undefined ||
    email === undefined ||
    phone === undefined ||
    status === undefined
  ) {
    return { staffCode, complete: null };
  }
  return {
    staffCode,
    complete: {
      staffCode,
      fullName,
      unitCode: unit.code,
      unitId: unit.id,
      category,
      position,
      doesCchcWork,
      isLeader,
      dateOfBirth,
      gender,
      email,
      phone,
      status,
    },
  };
}

function parseStaffCode(value: unknown, issues: RowProblems): string | null {
  const code = normalizeStaffCode(value);
  if (!code) {
    issues.add('staffCode', StaffImportProblemCode.StaffCodeRequired, 'Thiếu mã cán bộ.');
    return null;
  }
  if (!STAFF_CODE_PATTERN.test(code)) {
    issues.add(
      'staffCode',
      StaffImportProblemCode.StaffCodeInvalid,
      `Mã cán bộ ${quote(cellText(value))} không hợp lệ; chỉ gồm chữ cái không dấu, chữ số và các ký tự . - _, dài từ 2 đến 30 ký tự.`,
    );
    return null;
  }
  return code;
}

function parseFullName(value: unknown, issues: RowProblems): string | null {
  const name = normalizeName(cellText(value));
  if (!name) {
    issues.add('fullName', StaffImportProblemCode.FullNameRequired, 'Thiếu họ và tên.');
    return null;
  }
  if (name.length > FULL_NAME_MAX_LENGTH) {
    issues.add(
      'fullName',
      StaffImportProblemCode.FullNameTooLong,
      `Họ và tên ${quote(name)} dài ${name.length} ký tự, tối đa ${FULL_NAME_MAX_LENGTH} ký tự.`,
    );
    return null;
  }
  if (/\d/.test(name)) {
    issues.add('fullName', StaffImportProblemCode.FullNameInvalid, `Họ và tên ${quote(name)} không được chứa chữ số.`);
    return null;
  }
  return name;
}

function parseUnit(value: unknown, issues: RowProblems, units: UnitLookup): (ImportUnit & { code: string }) | null {
  const code = cellText(value);
  if (!code) {
    issues.add('unitCode', StaffImportProblemCode.UnitCodeRequired, 'Thiếu mã đơn vị.');
    return null;
  }
  const unit = units.find(code);
  if (!unit) {
    issues.add('unitCode', StaffImportProblemCode.UnitNotFound, `Không tìm thấy đơn vị có mã ${quote(code)}.`);
    return null;
  }
  if (!unit.inScope) {
    issues.add(
      'unitCode',
      StaffImportProblemCode.UnitOutOfScope,
      `Đơn vị ${quote(code)} không thuộc phạm vi bạn quản lý; bạn chỉ được nhập danh sách vào đơn vị của mình và các đơn vị trực thuộc.`,
    );
    return null;
  }
  if (!unit.active) {
    issues.add(
      'unitCode',
      StaffImportProblemCode.UnitInactive,
      `Đơn vị ${quote(code)} đã giải thể hoặc sáp nhập; hãy dùng mã của đơn vị đang hoạt động.`,
    );
    return null;
  }
  return { ...unit, code };
}

const CATEGORY_CHOICES = Object.values(PERSON_CATEGORY_LABELS).map((l) => l.vi).join(', ');

function parseRequiredCategory(value: unknown, issues: RowProblems): PersonCategory | null {
  const text = cellText(value);
  if (!text) {
    issues.add('category', StaffImportProblemCode.CategoryRequired, `Thiếu phân loại (${CATEGORY_CHOICES}).`);
    return null;
  }
  const category = parseCategory(text);
  if (!category) {
    issues.add(
      'category',
      StaffImportProblemCode.CategoryInvalid,
      `Phân loại ${quote(text)} không hợp lệ; chỉ nhận: ${CATEGORY_CHOICES}.`,
    );
    return null;
  }
  return category;
}

function parsePosition(value: unknown, issues: RowProblems): string | null | undefined {
  const text = cellText(value);
  if (text.length > POSITION_MAX_LENGTH) {
    issues.add(
      'position',
      StaffImportProblemCode.PositionTooLong,
      `Chức vụ ${quote(text)} dài ${text.length} ký tự, tối đa ${POSITION_MAX_LENGTH} ký tự.`,
    );
    return undefined;
  }
  return text || null;
}

function parseFlag(key: 'doesCchcWork' | 'isLeader', value: unknown, issues: RowProblems): boolean | undefined {
  const flag = parseYesNo(value);
  if (flag === undefined) {
    issues.add(
      key,
      StaffImportProblemCode.YesNoInvalid,
      `Giá trị ${quote(cellText(value))} ở cột "${staffColumn(key).header}" không hợp lệ; chỉ nhận Có hoặc Không ` +
        `(hoặc x, 1/0; để trống là Không).`,
    );
  }
  return flag;
}

/** null when blank, undefined when wrong (and a problem was added). */
function parseBirthDate(value: unknown, issues: RowProblems, today: Date): string | null | undefined {
  if (cellText(value) === '') return null;
  const shown = cellText(value);
  const parsed = parseDate(value);
  if (!parsed.ok) {
    if (parsed.reason === 'impossible') {
      issues.add(
        'dateOfBirth',
        StaffImportProblemCode.DateOfBirthImpossible,
        `Ngày sinh ${quote(shown)} không có thật trên lịch; hãy kiểm tra lại ngày và tháng.`,
      );
    } else {
      issues.add(
        'dateOfBirth',
        StaffImportProblemCode.DateOfBirthInvalid,
        `Ngày sinh ${quote(shown)} không đúng định dạng; hãy nhập ngày/tháng/năm, ví dụ 15/03/1985.`,
      );
    }
    return undefined;
  }
  const age = ageOn(parsed.iso, today);
  if (age < MIN_AGE || age > MAX_AGE) {
    issues.add(
      'dateOfBirth',
      StaffImportProblemCode.DateOfBirthOutOfRange,
      `Ngày sinh ${quote(formatDateVi(parsed.iso))} cho tuổi ${age}, ngoài khoảng ${MIN_AGE}–${MAX_AGE} tuổi; hãy kiểm tra lại năm sinh.`,
    );
    return undefined;
  }
  return parsed.iso;
}

/** null when blank, undefined when wrong (and a problem was added). */
function parseOptional<T>(
  key: StaffColumnKey,
  value: unknown,
  parse: (value: unknown) => T | undefined,
  issues: RowProblems,
  code: StaffImportProblemCode,
  message: (shown: string) => string,
): T | null | undefined {
  const text = cellText(value);
  if (!text) return null;
  const parsed = parse(value);
  if (parsed === undefined) issues.add(key, code, message(text));
  return parsed;
}

/** What committing a valid row would do: create the person, update the columns that differ, or nothing. */
function planRow(
  row: number,
  parsed: ParsedRow,
  existing: ExistingPersonSnapshot | undefined,
  columnIndex: StaffColumnIndex,
): ValidStaffRow {
  if (!existing) {
    return {
      ...parsed,
      row,
      status: parsed.status ?? PersonStatus.Active,
      action: 'create',
      personId: null,
      changedFields: [],
    };
  }
  // Values the file does not give (absent column, blank status) are the person's current ones.
  const fields = { ...parsed, status: parsed.status ?? existing.status };
  for (const field of STAFF_FIELDS) {
    if (columnIndex[FIELD_COLUMN[field]] === undefined) (fields as Record<StaffField, unknown>)[field] = existing[field];
  }
  const changedFields = STAFF_FIELDS.filter((field) => fields[field] !== existing[field]);
  return {
    ...fields,
    row,
    action: changedFields.length > 0 ? 'update' : 'unchanged',
    personId: existing.id,
    changedFields,
  };
}
