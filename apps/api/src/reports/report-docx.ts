import {
  AlignmentType, BorderStyle, Document, Footer, Header, Packer, PageNumber, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableLayoutType,
  TableRow, TextRun, UnderlineType, VerticalAlign, WidthType,
} from 'docx';
import { fmtNum, missingTitle, notApplicableNote, placeDate, ReportData, ReportTargetSection, reportColumns, rowTexts, sectionLead } from './report-data';

const FONT = 'Times New Roman';
const MM = 56.7; // twips per millimetre
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
}

const run = (text: string, s: RunStyle = {}) =>
  new TextRun({ text, font: FONT, bold: s.bold, italics: s.italics, size: (s.size ?? 13) * 2, underline: s.underline ? { type: UnderlineType.SINGLE } : undefined });

const para = (text: string, s: RunStyle & { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number; indent?: boolean } = {}) =>
  new Paragraph({
    children: [run(text, s)],
    alignment: s.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: s.before ?? 0, after: s.after ?? 60 },
    indent: s.indent ? { firstLine: 10 * MM } : undefined,
  });

const centre = (text: string, s: RunStyle = {}) => para(text, { ...s, align: AlignmentType.CENTER, after: 0 });

/** The two-column letterhead of NĐ 30 as a borderless table. */
function letterhead(data: ReportData): Table {
  const left = [
    ...(data.issuer.parent ? [centre(data.issuer.parent.toUpperCase(), { size: 12 })] : []),
    centre(data.issuer.name.toUpperCase(), { size: 12, bold: true }),
    centre('───────', { size: 8 }),
    centre(`Số: ${data.number}`, { size: 12 }),
  ];
  const right = [
    centre('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
    centre('Độc lập - Tự do - Hạnh phúc', { size: 13, bold: true, underline: true }),
    centre(' ', { size: 6 }),
    centre(placeDate(data.place, data.date), { size: 13, italics: true }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [new TableCell({ children: left, width: { size: 42, type: WidthType.PERCENTAGE } }), new TableCell({ children: right, width: { size: 58, type: WidthType.PERCENTAGE } })] })],
  });
}

function cell(text: string, opts: { bold?: boolean; header?: boolean; align?: 'left' | 'center' | 'right'; columnSpan?: number; rowSpan?: number }) {
  return new TableCell({
    children: [new Paragraph({ children: [run(text, { size: 10, bold: opts.bold || opts.header })], alignment: opts.align === 'right' ? AlignmentType.RIGHT : opts.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT })],
    columnSpan: opts.columnSpan,
    rowSpan: opts.rowSpan,
    verticalAlign: opts.header ? VerticalAlign.CENTER : VerticalAlign.TOP,
    shading: opts.header ? { type: ShadingType.CLEAR, fill: 'E6E6E6', color: 'auto' } : undefined,
    margins: { top: 30, bottom: 30, left: 60, right: 60 },
  });
}

/** A target's unit table: two header rows marked as repeating on every page, rows that cannot split across pages. */
function unitTable(data: ReportData, s: ReportTargetSection): Table {
  const cols = reportColumns(s.counts, data.bands);
  const align: ('left' | 'center' | 'right')[] = ['center', 'left', 'right', 'right', 'right', 'center', 'right', 'right', 'right', 'right', ...data.bands.map(() => 'right' as const)];
  const header1 = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      cell('STT', { header: true, rowSpan: 2 }),
      cell('Đơn vị', { header: true, rowSpan: 2 }),
      cell(cols.trainingGroup, { header: true, columnSpan: 4 }),
      cell(cols.testingGroup, { header: true, columnSpan: 4 + data.bands.length }),
    ],
  });
  const header2 = new TableRow({ tableHeader: true, cantSplit: true, children: [...cols.training, ...cols.testing].map((t) => cell(t, { header: true, align: 'center' })) });
  const body = [...s.rows.map((u, i) => ({ cells: rowTexts(u, String(i + 1), data.bands), bold: false })), { cells: rowTexts(s.total, '', data.bands), bold: true }].map(
    (r) => new TableRow({ cantSplit: true, children: r.cells.map((c, i) => cell(c, { bold: r.bold, align: align[i] })) }),
  );
  const widths = [5, 22, 8, 8, 7, 10, 6, 6, 7, 6, ...data.bands.map(() => 5)];
  const sum = widths.reduce((a, b) => a + b, 0);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    columnWidths: widths.map((w) => Math.round((w / sum) * 252 * MM)),
    rows: [header1, header2, ...body],
  });
}

function missingTable(s: ReportTargetSection): Table {
  const people = s.counts === 'people';
  const titles = people ? ['STT', 'Họ và tên', 'Mã cán bộ', 'Đơn vị', 'Lý do'] : ['STT', 'Đơn vị', 'Lý do'];
  const widths = people ? [6, 22, 10, 24, 38] : [6, 34, 60];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    columnWidths: widths.map((w) => Math.round((w / 100) * 252 * MM)),
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: titles.map((t) => cell(t, { header: true, align: 'center' })) }),
      ...s.missing.map(
        (m, i) =>
          new TableRow({
            cantSplit: true,
            children: (people ? [fmtNum(i + 1), m.fullName ?? '', m.staffCode ?? '', m.unitName, m.reason] : [fmtNum(i + 1), m.unitName, m.reason]).map((c, ci) => cell(c, { align: ci === 0 ? 'center' : 'left' })),
          }),
      ),
    ],
  });
}

function signature(data: ReportData): Table {
  const left = [para('Nơi nhận:', { bold: true, italics: true, size: 12, align: AlignmentType.LEFT, after: 0 }), ...data.recipients.map((r) => para(r, { size: 11, align: AlignmentType.LEFT, after: 0 }))];
  const right = [
    centre(data.signer.title, { bold: true }),
    centre('(Ký, ghi rõ họ tên và đóng dấu)', { italics: true, size: 12 }),
    ...Array.from({ length: 4 }, () => centre(' ')),
    centre(data.signer.name || '……………………………', { bold: true }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [new TableCell({ children: left, width: { size: 50, type: WidthType.PERCENTAGE } }), new TableCell({ children: right, width: { size: 50, type: WidthType.PERCENTAGE } })] })],
  });
}

/**
 * The yearly report as an editable Word document in the layout of NĐ 30/2020, so the narrative parts (general
 * assessment, proposals) can be written before signing. Same figures and words as the PDF; the tables' header rows
 * repeat on every page and no row splits across pages (Word does the pagination); page numbers from page 2.
 */
export async function buildReportDocx(data: ReportData): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    letterhead(data),
    para('BÁO CÁO', { bold: true, size: 14, align: AlignmentType.CENTER, before: 240, after: 0 }),
    para(data.title, { bold: true, align: AlignmentType.CENTER, after: 0 }),
    centre('──────────', { size: 8 }),
    para(`${data.issuer.name} báo cáo kết quả bồi dưỡng, kiểm tra kiến thức cải cách hành chính của cán bộ, công chức ${data.kind === 'province' ? 'trên địa bàn' : 'thuộc'} ${data.unitName} ${data.periodLabel} như sau:`, { indent: true, before: 200 }),
    para('I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', { bold: true, before: 120 }),
  ];
  data.sections.forEach((s, i) => {
    body.push(para(`${i + 1}. ${s.target.name}`, { bold: true, before: 160, align: AlignmentType.LEFT }));
    body.push(para(sectionLead(s), { indent: true }));
    const note = notApplicableNote(s);
    if (note) body.push(para(note, { italics: true, size: 12 }));
    body.push(unitTable(data, s));
    if (s.missing.length) {
      body.push(para(missingTitle(s), { bold: true, size: 12, before: 120, align: AlignmentType.LEFT }));
      body.push(missingTable(s));
    }
  });
  body.push(
    para('II. ĐÁNH GIÁ CHUNG', { bold: true, before: 240 }),
    para('1. Kết quả đạt được: ……………………………………………………………………………', { indent: true }),
    para('2. Hạn chế, nguyên nhân: ………………………………………………………………………', { indent: true }),
    para('III. KIẾN NGHỊ, ĐỀ XUẤT', { bold: true, before: 160 }),
    para('……………………………………………………………………………………………………', { indent: true }),
    para(' ', { after: 120 }),
    signature(data),
  );
  const doc = new Document({
    creator: 'cchc-learn',
    title: `Báo cáo ${data.title}`,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { orientation: PageOrientation.LANDSCAPE, width: 297 * MM, height: 210 * MM },
            margin: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
          },
        },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ font: FONT, size: 24, children: ['Trang ', PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES] })] })] }),
        },
        footers: { first: new Footer({ children: [] }), default: new Footer({ children: [] }) },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
