/** The question-bank workbook: the import template and the export share one sheet layout, so an export re-imports. */
import { CellValue, Workbook, Worksheet } from 'exceljs';
import { DIFFICULTY_LABELS, QUESTION_SHEET_COLUMNS, QUESTION_TYPE_LABELS, QuestionSheetRow, questionSheetValues, QuestionType, Difficulty } from '@cchc/shared';

export const QUESTION_SHEET_NAME = 'Câu hỏi';
export const QUESTION_GUIDE_SHEET_NAME = 'Hướng dẫn';
export const QUESTION_MAX_ROWS = 5000;
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDEBF7' } };
const LAST_ROW = QUESTION_MAX_ROWS + 1;

export class QuestionSheetError extends Error {}

const columnLetter = (i: number) => String.fromCharCode(65 + i);

export interface TopicForSheet {
  code: string;
  name: string;
}

function newWorkbook(title: string): Workbook {
  const workbook = new Workbook();
  workbook.creator = 'cchc-learn';
  workbook.title = title;
  return workbook;
}

function addQuestionSheet(workbook: Workbook, topicCount: number): Worksheet {
  const sheet = workbook.addWorksheet(QUESTION_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = QUESTION_SHEET_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { alignment: { vertical: 'top', wrapText: true } } }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  QUESTION_SHEET_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = HEADER_FILL;
    cell.note = c.description;
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });
  const list = (key: string, formula: string) => {
    const col = columnLetter(QUESTION_SHEET_COLUMNS.findIndex((c) => c.key === key));
    const validations = (sheet as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations;
    validations.add(`${col}2:${col}${LAST_ROW}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorTitle: 'Giá trị không hợp lệ',
      error: 'Hãy chọn một giá trị trong danh sách.',
    });
  };
  list('type', `"${Object.values(QUESTION_TYPE_LABELS).map((l) => l.vi).join(',')}"`);
  list('difficulty', `"${Object.values(DIFFICULTY_LABELS).map((l) => l.vi).join(',')}"`);
  if (topicCount) list('topicCode', `'${QUESTION_GUIDE_SHEET_NAME}'!$B$${TOPIC_LIST_START + 1}:$B$${TOPIC_LIST_START + topicCount}`);
  return sheet;
}

const GUIDE_NOTES = [
  'Mỗi dòng của trang "Câu hỏi" là một câu hỏi. Giữ nguyên dòng tiêu đề (dòng 1); có thể đổi thứ tự cột.',
  'Các cột chữ đỏ là bắt buộc. Loại câu hỏi, độ khó và mã chủ đề chọn trong danh sách thả xuống.',
  'Câu "Một đáp án đúng": đúng một chữ cái ở cột Đáp án đúng. Câu "Nhiều đáp án đúng": một hoặc nhiều chữ cái, cách nhau bằng dấu phẩy (ví dụ A,C).',
  'Câu "Đúng / Sai": để trống các cột phương án, ghi "Đúng" hoặc "Sai" ở cột Đáp án đúng.',
  'Mỗi câu có từ 2 đến 8 phương án, điền liên tục từ A, không trùng nhau.',
  'Ba dòng chữ nghiêng màu xám là ví dụ: hãy xoá hoặc ghi đè trước khi nhập.',
  `Mỗi tệp tối đa ${QUESTION_MAX_ROWS.toLocaleString('vi-VN')} câu hỏi. Hệ thống kiểm tra toàn bộ tệp và liệt kê mọi lỗi theo số dòng; chỉ khi không còn lỗi mới ghi, và ghi tất cả hoặc không ghi câu nào.`,
  'Câu hỏi nhập vào ở trạng thái Nháp, trừ khi chọn "Duyệt ngay" khi nhập.',
];
const TOPIC_LIST_START = QUESTION_SHEET_COLUMNS.length + GUIDE_NOTES.length + 5;

function addGuideSheet(workbook: Workbook, topics: readonly TopicForSheet[]): void {
  const guide = workbook.addWorksheet(QUESTION_GUIDE_SHEET_NAME);
  guide.columns = [
    { header: 'Cột', key: 'letter', width: 6 },
    { header: 'Tiêu đề cột', key: 'header', width: 22 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Nội dung và giá trị được chấp nhận', key: 'description', width: 100 },
  ];
  guide.getRow(1).font = { bold: true };
  QUESTION_SHEET_COLUMNS.forEach((c, i) => {
    guide.addRow({ letter: columnLetter(i), header: c.header, required: c.required ? 'Có' : 'Không', description: c.description }).alignment = { vertical: 'top', wrapText: true };
  });
  guide.addRow([]);
  guide.addRow(['', 'Lưu ý']).font = { bold: true };
  for (const note of GUIDE_NOTES) guide.addRow(['', '', '', note]).alignment = { wrapText: true };
  while (guide.rowCount < TOPIC_LIST_START - 1) guide.addRow([]);
  const head = guide.addRow(['', 'Mã chủ đề', '', 'Tên chủ đề']);
  head.font = { bold: true };
  for (const t of topics) guide.addRow(['', t.code, '', t.name]);
}

const EXAMPLES: QuestionSheetRow[] = [
  {
    code: '',
    topicCode: 'ASEAN',
    type: QuestionType.Single,
    difficulty: Difficulty.Easy,
    stem: 'Cộng đồng ASEAN chính thức được thành lập vào thời điểm nào?',
    options: [
      { id: 'a', text: 'Ngày 31/12/2015' },
      { id: 'b', text: 'Ngày 08/8/1967' },
      { id: 'c', text: 'Ngày 28/7/1995' },
    ],
    correct: ['a'],
    explanation: 'Cộng đồng ASEAN chính thức hình thành ngày 31/12/2015 (Tuyên bố Kuala Lumpur).',
    tags: ['Ví dụ'],
  },
  {
    code: '',
    topicCode: 'CCHC',
    type: QuestionType.Multiple,
    difficulty: Difficulty.Medium,
    stem: 'Những nội dung nào thuộc chương trình cải cách hành chính nhà nước?',
    options: [
      { id: 'a', text: 'Cải cách thể chế' },
      { id: 'b', text: 'Cải cách thủ tục hành chính' },
      { id: 'c', text: 'Phát triển du lịch' },
    ],
    correct: ['a', 'b'],
    explanation: 'Cải cách thể chế và cải cách TTHC là hai trong sáu nội dung CCHC.',
    tags: ['Ví dụ'],
  },
  {
    code: '',
    topicCode: 'VHCV',
    type: QuestionType.TrueFalse,
    difficulty: Difficulty.Easy,
    stem: 'Công chức được phép hẹn người dân đến "cà phê" để trao đổi hồ sơ ngoài trụ sở.',
    options: [],
    correct: ['false'],
    explanation: 'Sai: giao dịch hồ sơ phải thực hiện tại nơi làm việc, công khai, minh bạch.',
    tags: ['Ví dụ'],
  },
];

async function toBuffer(workbook: Workbook): Promise<Buffer> {
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function buildQuestionTemplate(topics: readonly TopicForSheet[]): Promise<Buffer> {
  const workbook = newWorkbook('Mẫu nhập ngân hàng câu hỏi');
  const sheet = addQuestionSheet(workbook, topics.length);
  EXAMPLES.forEach((q, i) => {
    const row = sheet.addRow(questionSheetValues(q, i + 1));
    row.font = { italic: true, color: { argb: 'FF808080' } };
  });
  addGuideSheet(workbook, topics);
  return toBuffer(workbook);
}

export async function buildQuestionExport(rows: readonly QuestionSheetRow[], topics: readonly TopicForSheet[]): Promise<Buffer> {
  const workbook = newWorkbook('Ngân hàng câu hỏi');
  const sheet = addQuestionSheet(workbook, topics.length);
  rows.forEach((q, i) => sheet.addRow(questionSheetValues(q, i + 1)));
  addGuideSheet(workbook, topics);
  return toBuffer(workbook);
}

function plain(value: CellValue | unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((p) => String(p.text ?? '')).join('');
  if ('formula' in v || 'sharedFormula' in v) return plain(v.result);
  if ('hyperlink' in v) return plain(v.text);
  return null;
}

/** The question sheet (by name, else the first sheet): header row 1 and the rows under it. */
export async function readQuestionWorkbook(buffer: Buffer): Promise<{ header: unknown[]; rows: { row: number; cells: unknown[] }[] }> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw new QuestionSheetError('Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx. Hãy lưu lại dưới dạng "Excel Workbook (.xlsx)".');
  }
  const sheet = workbook.getWorksheet(QUESTION_SHEET_NAME) ?? workbook.worksheets[0];
  if (!sheet) throw new QuestionSheetError('Tệp Excel không có trang tính nào.');
  if (sheet.actualRowCount > QUESTION_MAX_ROWS + 1) throw new QuestionSheetError(`Tệp có quá ${QUESTION_MAX_ROWS.toLocaleString('vi-VN')} câu hỏi; hãy chia thành nhiều tệp.`);
  const cellsOf = (values: unknown) => (Array.isArray(values) ? values.slice(1).map(plain) : []);
  const header = cellsOf(sheet.getRow(1).values);
  const rows: { row: number; cells: unknown[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    if (n > 1) rows.push({ row: n, cells: cellsOf(row.values) });
  });
  return { header, rows };
}
