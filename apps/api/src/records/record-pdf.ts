import PDFDocument from 'pdfkit';
import {
  formatDateVi, formatNumberVi, LEARNING_STATUS_LABELS, PERSON_CATEGORY_LABELS, PERSON_STATUS_LABELS,
  type PersonCategory, type PersonRecordDto, type PersonStatus,
} from '@cchc/shared';
import { drawLetterhead, drawSignature, numberPages, placeDateLine, registerNd30Fonts, signatureHeight } from '@api/common/documents';

type Doc = PDFKit.PDFDocument;

interface Column {
  title: string;
  /** Share of the table's width. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

const RECORD_STATE = { met: 'Đạt', not_met: 'Chưa đạt', not_applicable: 'Không áp dụng' } as const;

/**
 * The training record for the personnel file, on A4 portrait in the layout of NĐ 30/2020: the person's unit (and the
 * unit above it) as issuing body, Quốc hiệu and tiêu ngữ, place and date; then the person, courses, test results,
 * in-person sessions, targets with reasons, remedial work; "Nơi nhận" and the head of unit's signature block.
 * Tables repeat their header on a new page and never cut a row.
 */
export function renderRecordPdf(r: PersonRecordDto): Promise<Buffer> {
  const margins = { top: 57, bottom: 57, left: 85, right: 42 };
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins,
    bufferPages: true,
    info: { Title: `Hồ sơ bồi dưỡng - ${r.person.fullName}`, Author: r.person.unitName, Subject: r.person.staffCode },
  });
  registerNd30Fonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = margins.left;
  const width = doc.page.width - margins.left - margins.right;
  const bottom = doc.page.height - margins.bottom;
  const at = new Date(r.generatedAt);
  const trail = r.person.unitTrail;
  const province = (trail[0] ?? '').replace(/^(UBND\s+)?(tỉnh|thành phố)\s+/i, '');

  let y = drawLetterhead(
    doc,
    { parent: trail.length > 1 ? trail[trail.length - 2] : '', name: r.person.unitName, number: '', placeDate: placeDateLine(province, at) },
    left,
    margins.top,
    width,
  );
  y += 18;
  doc.font('B').fontSize(14).fillColor('#000').text('HỒ SƠ BỒI DƯỠNG, KIỂM TRA KIẾN THỨC', left, y, { width, align: 'center' });
  doc.font('B').fontSize(13).text(`của ông/bà ${r.person.fullName}`, left, doc.y + 2, { width, align: 'center' });
  doc.font('I').fontSize(12).text(`(Số liệu tính đến ngày ${formatDateVi(at)})`, left, doc.y + 2, { width, align: 'center' });
  y = doc.y + 12;

  const ensure = (h: number) => {
    if (y + h > bottom) {
      doc.addPage();
      y = margins.top;
    }
  };
  const heading = (text: string) => {
    ensure(40);
    doc.font('B').fontSize(13).text(text, left, y, { width });
    y = doc.y + 4;
  };
  const line = (label: string, value: string) => {
    doc.font('R').fontSize(12);
    const h = doc.heightOfString(`${label}: ${value}`, { width });
    ensure(h);
    doc.font('R').fontSize(12).text(`${label}: `, left, y, { width, continued: true }).font('B').text(value);
    y = doc.y + 1;
  };
  const note = (text: string) => {
    ensure(18);
    doc.font('I').fontSize(11).text(text, left, y, { width });
    y = doc.y + 6;
  };

  const table = (columns: Column[], rows: string[][]) => {
    const widths = columns.map((c) => c.width * width);
    const pad = 3;
    const rowHeight = (cells: string[], font: string) => {
      doc.font(font).fontSize(10);
      return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad;
    };
    const drawRow = (cells: string[], font: string, h: number) => {
      let x = left;
      cells.forEach((c, i) => {
        doc.rect(x, y, widths[i], h).lineWidth(0.5).strokeColor('#000').stroke();
        doc.font(font).fontSize(10).fillColor('#000').text(c, x + pad, y + pad, { width: widths[i] - 2 * pad, align: font === 'B' ? 'center' : columns[i].align ?? 'left' });
        x += widths[i];
      });
      y += h;
    };
    const header = columns.map((c) => c.title);
    const headerH = rowHeight(header, 'B');
    const drawHeader = () => drawRow(header, 'B', headerH);
    // The header never sits alone at the foot of a page.
    ensure(headerH + (rows.length ? rowHeight(rows[0], 'R') : 0));
    drawHeader();
    for (const cells of rows) {
      const h = rowHeight(cells, 'R');
      if (y + h > bottom) {
        doc.addPage();
        y = margins.top;
        drawHeader();
      }
      drawRow(cells, 'R', h);
    }
    y += 8;
  };

  heading('I. THÔNG TIN CÁN BỘ');
  line('Họ và tên', r.person.fullName);
  line('Mã cán bộ', r.person.staffCode);
  line('Đơn vị công tác', trail.length ? trail.join(' – ') : r.person.unitName);
  line('Chức vụ', r.person.position ?? '—');
  line('Phân loại', PERSON_CATEGORY_LABELS[r.person.category as PersonCategory]?.vi ?? r.person.category);
  line('Tình trạng', PERSON_STATUS_LABELS[r.person.status as PersonStatus]?.vi ?? r.person.status);
  y += 6;

  heading('II. CÁC KHÓA BỒI DƯỠNG TRỰC TUYẾN');
  if (r.courses.length)
    table(
      [
        { title: 'STT', width: 0.07, align: 'center' },
        { title: 'Khóa học', width: 0.33 },
        { title: 'Tình trạng', width: 0.16 },
        { title: 'Hạn hoàn thành', width: 0.13, align: 'center' },
        { title: 'Ngày hoàn thành', width: 0.13, align: 'center' },
        { title: 'Mã chứng nhận', width: 0.18, align: 'center' },
      ],
      r.courses.map((c, i) => [
        String(i + 1),
        `${c.title}${c.assigned ? ' (được giao)' : ''}`,
        c.status === 'completed' ? LEARNING_STATUS_LABELS[c.status].vi : `${LEARNING_STATUS_LABELS[c.status].vi} (${formatNumberVi(c.percent, 0)}%)`,
        formatDateVi(c.dueDate) || '—',
        formatDateVi(c.completedAt) || '—',
        c.certificateCode ?? '—',
      ]),
    );
  else note('Chưa tham gia khóa học nào.');

  heading('III. KẾT QUẢ CÁC KỲ KIỂM TRA');
  if (r.rounds.length)
    table(
      [
        { title: 'STT', width: 0.07, align: 'center' },
        { title: 'Kỳ kiểm tra', width: 0.3 },
        { title: 'Ngày làm bài', width: 0.13, align: 'center' },
        { title: 'Điểm', width: 0.09, align: 'center' },
        { title: 'Xếp loại', width: 0.12, align: 'center' },
        { title: 'Chủ đề cần ôn lại', width: 0.29 },
      ],
      r.rounds.map((x, i) => [
        String(i + 1),
        x.name,
        x.result ? formatDateVi(x.result.finishedAt) : x.phase === 'open' ? `Chưa làm (hạn ${formatDateVi(x.closesAt)})` : x.phase === 'scheduled' ? `Mở ngày ${formatDateVi(x.opensAt)}` : 'Không làm bài',
        x.result ? formatNumberVi(x.result.score) : '—',
        x.result?.band ?? '—',
        x.topics.filter((t) => t.weak).map((t) => `${t.topicName} (${formatNumberVi(t.score)})`).join('; ') || '—',
      ]),
    );
  else note('Chưa thuộc đối tượng kỳ kiểm tra nào.');

  heading('IV. CÁC LỚP TẬP HUẤN TRỰC TIẾP ĐÃ THAM DỰ');
  if (r.sessions.length)
    table(
      [
        { title: 'STT', width: 0.07, align: 'center' },
        { title: 'Lớp tập huấn', width: 0.37 },
        { title: 'Chủ đề', width: 0.2 },
        { title: 'Thời gian', width: 0.24, align: 'center' },
        { title: 'Số giờ', width: 0.12, align: 'center' },
      ],
      r.sessions.map((s, i) => [
        String(i + 1),
        `${s.title}${s.place ? ` — ${s.place}` : ''}`,
        s.topicName,
        s.startsOn === s.endsOn ? formatDateVi(s.startsOn) : `${formatDateVi(s.startsOn)} – ${formatDateVi(s.endsOn)}`,
        formatNumberVi(s.hours, 1),
      ]),
    );
  else note('Chưa tham dự lớp tập huấn trực tiếp nào.');

  heading('V. MỨC ĐỘ ĐÁP ỨNG CHỈ TIÊU');
  if (r.targets.length)
    table(
      [
        { title: 'STT', width: 0.06, align: 'center' },
        { title: 'Chỉ tiêu', width: 0.31 },
        { title: 'Năm', width: 0.08, align: 'center' },
        { title: 'Kết quả', width: 0.17, align: 'center' },
        { title: 'Căn cứ', width: 0.38 },
      ],
      r.targets.map((t, i) => [String(i + 1), `${t.name} (${t.legalBasisNumber})`, String(t.year), RECORD_STATE[t.state], t.reasons.join('; ')]),
    );
  else note('Không có chỉ tiêu nào áp dụng.');

  heading('VI. ÔN TẬP BỔ SUNG SAU KIỂM TRA');
  if (r.remedial.length)
    table(
      [
        { title: 'STT', width: 0.07, align: 'center' },
        { title: 'Sau kỳ kiểm tra', width: 0.4 },
        { title: 'Hạn', width: 0.14, align: 'center' },
        { title: 'Đã học', width: 0.14, align: 'center' },
        { title: 'Tình trạng', width: 0.25 },
      ],
      r.remedial.map((a, i) => [
        String(i + 1),
        a.roundName,
        formatDateVi(a.dueDate),
        `${a.itemsDone}/${a.itemsTotal}`,
        a.status === 'closed' || a.itemsDone >= a.itemsTotal ? 'Đã hoàn thành' : a.overdue ? 'Quá hạn' : 'Đang ôn tập',
      ]),
    );
  else note('Không có nội dung ôn tập bổ sung.');

  const signature = { recipients: ['- Cán bộ được bồi dưỡng;', '- Lưu: hồ sơ cán bộ.'], title: 'THỦ TRƯỞNG ĐƠN VỊ', name: '' };
  const h = signatureHeight(doc, signature, width);
  ensure(h + 12);
  drawSignature(doc, signature, left, y + 12, width);
  numberPages(doc, margins.top);
  doc.end();
  return done;
}
