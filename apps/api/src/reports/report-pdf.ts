import PDFDocument from 'pdfkit';
import { drawLetterhead, drawSignature, numberPages, registerNd30Fonts, rule, signatureHeight } from '@api/common/documents';
import { FlowItem, layoutFlow } from './layout/flow-layout';
import { fmtNum, missingTitle, notApplicableNote, placeDate, ReportData, reportColumns, rowTexts, sectionLead } from './report-data';

type Doc = PDFKit.PDFDocument;

const PAD = 3;
const HEADER_FILL = '#e6e6e6';
/** Black as pdfkit's RGB triple: the same colour as '#000', without parsing the hex string for each of ≈ 45,000 cells. */
const BLACK: [number, number, number] = [0, 0, 0];

/** pdfkit's own placement of one line of text at (x, y) in the current font (what `text()` does for a line it does not wrap). */
type FragmentWriter = { _fragment(text: string, x: number, y: number, options: object): void };

interface Column {
  width: number;
  align: 'left' | 'center' | 'right';
}

/** A table: column widths, optional group row (label, first column, span), header titles, body rows. */
interface TableSpec {
  columns: Column[];
  groups: { label: string; from: number; span: number }[];
  titles: string[];
  rows: { cells: string[]; bold?: boolean }[];
}

/** One thing on the page flow and how to draw it at a given y. */
type Piece =
  | { flow: FlowItem & { kind: 'block' }; draw(y: number): void }
  | { flow: FlowItem & { kind: 'table' }; table: TableSpec; groupHeight: number };

/**
 * The yearly report in the layout of NĐ 30/2020 (landscape A4 for its wide tables): letterhead, tên loại and trích
 * yếu, a lead paragraph, one table per target (training and testing columns in separate labelled groups), the list of
 * who is not yet trained, "Nơi nhận" and the signature block. Every height is measured with the embedded fonts and the
 * page flow (`layoutFlow`) decides page breaks: headers repeat on continuation pages, no row is cut, no page holds
 * only a header. Pages are numbered "Trang n/N" from page 2.
 */
export function buildReportPdf(data: ReportData): Promise<Buffer> {
  const margins = { top: 57, bottom: 50, left: 70, right: 42 };
  const doc: Doc = new PDFDocument({ size: 'A4', layout: 'landscape', margins, bufferPages: true, info: { Title: `Báo cáo ${data.title}`, Author: data.issuer.name } });
  registerNd30Fonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => (doc.on('end', () => resolve(Buffer.concat(chunks))), doc.on('error', reject)));

  const left = margins.left;
  const width = doc.page.width - margins.left - margins.right;
  const bottom = doc.page.height - margins.bottom;

  // Page 1: letterhead, tên loại, trích yếu.
  let y = drawLetterhead(doc, { parent: data.issuer.parent, name: data.issuer.name, number: data.number, placeDate: placeDate(data.place, data.date) }, left, margins.top, width);
  doc.font('B').fontSize(14).text('BÁO CÁO', left, y + 18, { width, align: 'center' });
  doc.font('B').fontSize(13).text(data.title, left + 90, doc.y + 2, { width: width - 180, align: 'center' });
  y = doc.y + 4;
  rule(doc, left + width / 2, y, 120);
  const firstPageStart = y + 14;

  const pieces: Piece[] = [];
  const text = (t: string, font: string, size: number, opts: { indent?: number; gapBefore?: number; keepWithNext?: boolean; align?: 'left' | 'justify' } = {}) => {
    const w = width - (opts.indent ?? 0);
    doc.font(font).fontSize(size);
    const height = doc.heightOfString(t, { width: w, align: opts.align ?? 'justify' }) + 2;
    pieces.push({
      flow: { kind: 'block', height, gapBefore: opts.gapBefore ?? 4, keepWithNext: opts.keepWithNext },
      draw: (yy) => doc.font(font).fontSize(size).fillColor('#000').text(t, left + (opts.indent ?? 0), yy, { width: w, align: opts.align ?? 'justify' }),
    });
  };
  const table = (spec: TableSpec) => {
    const titleH = measureRow(doc, spec.titles, spec.columns, 'B', 8.5);
    const groupH = spec.groups.length ? Math.max(...spec.groups.map((g) => cellHeight(doc, g.label, spanWidth(spec.columns, g.from, g.span), 'B', 8.5))) : 0;
    const rowHeights = spec.rows.map((r) => measureRow(doc, r.cells, spec.columns, r.bold ? 'B' : 'R', 9));
    pieces.push({ flow: { kind: 'table', headerHeight: groupH + titleH, rowHeights, gapBefore: 4 }, table: spec, groupHeight: groupH });
  };

  text(`${data.issuer.name} báo cáo kết quả bồi dưỡng, kiểm tra kiến thức cải cách hành chính của cán bộ, công chức ${data.kind === 'province' ? 'trên địa bàn' : 'thuộc'} ${data.unitName} ${data.periodLabel} theo từng chỉ tiêu như sau:`, 'R', 12, { indent: 0, gapBefore: 0 });

  data.sections.forEach((s, si) => {
    text(`${si + 1}. ${s.target.name}`, 'B', 12, { keepWithNext: true, gapBefore: 12, align: 'left' });
    text(sectionLead(s), 'R', 11, { keepWithNext: true });
    const note = notApplicableNote(s);
    if (note) text(note, 'I', 10.5, { keepWithNext: true });
    const cols = reportColumns(s.counts, data.bands);
    const bandW = data.bands.length ? Math.min(44, 170 / data.bands.length) : 0;
    const fixedW = [26, 0, 56, 56, 44, 92, 40, 40, 46, 38, ...data.bands.map(() => bandW)];
    fixedW[1] = width - fixedW.reduce((a, b) => a + b, 0);
    const align: Column['align'][] = ['center', 'left', 'right', 'right', 'right', 'center', 'right', 'right', 'right', 'right', ...data.bands.map(() => 'right' as const)];
    table({
      columns: fixedW.map((w, i) => ({ width: w, align: align[i] })),
      groups: [
        { label: '', from: 0, span: 2 },
        { label: cols.trainingGroup, from: 2, span: 4 },
        { label: cols.testingGroup, from: 6, span: 4 + data.bands.length },
      ],
      titles: [...cols.fixed, ...cols.training, ...cols.testing],
      rows: [
        ...s.rows.map((u, i) => ({ cells: rowTexts(u, String(i + 1), data.bands) })),
        { cells: rowTexts(s.total, '', data.bands), bold: true },
      ],
    });
    if (s.missing.length) {
      text(missingTitle(s), 'B', 11, { keepWithNext: true, gapBefore: 10, align: 'left' });
      const people = s.counts === 'people';
      const widths = people ? [34, 170, 72, 190, 0] : [34, 260, 0];
      widths[widths.length - 1] = width - widths.reduce((a, b) => a + b, 0);
      table({
        columns: widths.map((w, i) => ({ width: w, align: i === 0 ? 'center' : 'left' })),
        groups: [],
        titles: people ? ['STT', 'Họ và tên', 'Mã cán bộ', 'Đơn vị', 'Lý do'] : ['STT', 'Đơn vị', 'Lý do'],
        rows: s.missing.map((m, i) => ({ cells: people ? [fmtNum(i + 1), m.fullName ?? '', m.staffCode ?? '', m.unitName, m.reason] : [fmtNum(i + 1), m.unitName, m.reason] })),
      });
    }
  });

  const sig = { recipients: data.recipients, title: data.signer.title, name: data.signer.name };
  pieces.push({ flow: { kind: 'block', height: signatureHeight(doc, sig, width), gapBefore: 18 }, draw: (yy) => drawSignature(doc, sig, left, yy, width) });

  const pages = layoutFlow(pieces.map((p) => p.flow), { top: margins.top, bottom, firstPageStart });
  pages.forEach((page, pi) => {
    if (pi > 0) doc.addPage();
    for (const pl of page.placements) {
      const piece = pieces[pl.item];
      if ('draw' in piece) piece.draw(pl.y);
      else if (pl.kind === 'header') drawHeader(doc, piece.table, piece.groupHeight, left, pl.y, piece.flow.headerHeight);
      else if (pl.kind === 'row') {
        const r = piece.table.rows[pl.row];
        drawRow(doc, r.cells, piece.table.columns, left, pl.y, piece.flow.rowHeights[pl.row], r.bold ? 'B' : 'R', 9);
      }
    }
  });
  numberPages(doc, margins.top);
  doc.end();
  return done;
}

function spanWidth(cols: Column[], from: number, span: number): number {
  return cols.slice(from, from + span).reduce((a, c) => a + c.width, 0);
}

/**
 * The width of a text that fits on one line of the given width (pdfkit's line wrapper would not break it), else null.
 * Most cells (numbers, statuses, names) are one line: they are measured and drawn without the line wrapper, which is
 * most of a large report's time; what pdfkit would have placed is placed (the wrapper's one line starts at the same
 * x for left-aligned text, at width minus the text for right-aligned, and centred on it for centred).
 */
function oneLineWidth(doc: Doc, text: string, width: number): number | null {
  if (text.includes('\n')) return null;
  const w = doc.widthOfString(text);
  return w <= width - 0.01 ? w : null;
}

function cellHeight(doc: Doc, text: string, width: number, font: string, size: number): number {
  doc.font(font).fontSize(size);
  if (!text) return doc.currentLineHeight() + 2 * PAD;
  // One line: what heightOfString answers for one line (the line height with its gap), without wrapping.
  if (oneLineWidth(doc, text, width - 2 * PAD) !== null) return doc.currentLineHeight(true) + 2 * PAD;
  return doc.heightOfString(text, { width: width - 2 * PAD }) + 2 * PAD;
}

function measureRow(doc: Doc, cells: string[], cols: Column[], font: string, size: number): number {
  return Math.max(...cells.map((c, i) => cellHeight(doc, c, cols[i].width, font, size)));
}

function drawCell(doc: Doc, text: string, x: number, y: number, w: number, h: number, font: string, size: number, align: Column['align'], fill?: string) {
  if (fill) doc.rect(x, y, w, h).fillAndStroke(fill, BLACK);
  else doc.rect(x, y, w, h).lineWidth(0.6).stroke(BLACK);
  if (!text) return;
  doc.font(font).fontSize(size);
  const inner = w - 2 * PAD;
  const single = fill ? null : oneLineWidth(doc, text, inner);
  if (single !== null) {
    // A body cell of one line, drawn at its top where pdfkit's wrapper would have put it.
    const tx = align === 'right' ? x + PAD + inner - doc.widthOfString(text.replace(/\s+$/, '')) : align === 'center' ? x + PAD + inner / 2 - single / 2 : x + PAD;
    (doc.fillColor(BLACK) as unknown as FragmentWriter)._fragment(text, tx, y + PAD, {});
    return;
  }
  // Header cells are centred vertically; body cells start at the top like a printed table.
  const ty = fill ? y + Math.max(PAD, (h - doc.heightOfString(text, { width: w - 2 * PAD, align })) / 2) : y + PAD;
  doc.fillColor(BLACK).text(text, x + PAD, ty, { width: w - 2 * PAD, align, height: h - PAD, ellipsis: false });
}

function drawRow(doc: Doc, cells: string[], cols: Column[], x: number, y: number, h: number, font: string, size: number) {
  let cx = x;
  cells.forEach((c, i) => {
    drawCell(doc, c, cx, y, cols[i].width, h, font, size, cols[i].align);
    cx += cols[i].width;
  });
}

function drawHeader(doc: Doc, t: TableSpec, groupH: number, x: number, y: number, h: number) {
  const titleH = h - groupH;
  // Columns not under a labelled group take the full header height (STT, Đơn vị).
  const grouped = new Set<number>();
  for (const g of t.groups) {
    if (!g.label) continue;
    drawCell(doc, g.label, x + spanWidth(t.columns, 0, g.from), y, spanWidth(t.columns, g.from, g.span), groupH, 'B', 8.5, 'center', HEADER_FILL);
    for (let i = g.from; i < g.from + g.span; i++) grouped.add(i);
  }
  let cx = x;
  t.titles.forEach((title, i) => {
    const w = t.columns[i].width;
    if (grouped.has(i)) drawCell(doc, title, cx, y + groupH, w, titleH, 'B', 8.5, 'center', HEADER_FILL);
    else drawCell(doc, title, cx, y, w, h, 'B', 8.5, 'center', HEADER_FILL);
    cx += w;
  });
}
