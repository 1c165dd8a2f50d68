import { readFileSync } from 'node:fs';
import path from 'node:path';
import { htmlToText, QuestionType } from '@cchc/shared';
import { parseMoodleXml } from './moodle-xml';

const fixture = readFileSync(path.join(__dirname, '../../../../test/support/fixtures/moodle/moodle-export.xml'), 'utf8');

describe('parseMoodleXml (a Moodle 4.x "Moodle XML" export)', () => {
  const { questions, problems } = parseMoodleXml(fixture);
  const byTitle = (title: string) => questions.find((q) => q.title === title)!;

  it('reads the choice questions with their category, line, name and tags', () => {
    expect(questions.map((q) => [q.title, q.type, q.category])).toEqual([
      ['Bộ phận một cửa', QuestionType.Single, '$course$/top/Default for CCHC-2024'],
      ['Các lĩnh vực CCHC', QuestionType.Multiple, '$course$/top/Default for CCHC-2024/Văn hóa công vụ'],
      ['Thẻ công chức', QuestionType.TrueFalse, '$course$/top/Default for CCHC-2024/Văn hóa công vụ'],
      ['Sơ đồ quy trình', QuestionType.Single, '$course$/top/Default for CCHC-2024/Văn hóa công vụ'],
    ]);
    expect(byTitle('Bộ phận một cửa').position).toBe(fixture.split('\n').findIndex((l) => l.includes('<question type="multichoice">')) + 1);
    expect(byTitle('Bộ phận một cửa').tags).toEqual(['một cửa', 'NĐ 61']);
    // The last segment of the category is no topic code here: the importer's mapping step decides.
    expect(byTitle('Bộ phận một cửa').topicCode).toBe('Default for CCHC-2024');
  });

  it('keeps HTML as HTML (the importer sanitises it and stores text-only HTML as text) and the key; per-answer feedback stays with its option', () => {
    const q = byTitle('Bộ phận một cửa');
    expect(q.format).toBe('html');
    expect(q.stem).toBe('<p>Theo <strong>Nghị định 61/2018/NĐ-CP</strong>, bộ phận một cửa cấp tỉnh được tổ chức tại đâu?</p>');
    expect(q.options.map((o) => htmlToText(o.text))).toEqual(['Trung tâm Phục vụ hành chính công tỉnh', 'Văn phòng Sở Nội vụ', 'UBND cấp xã & phường']);
    expect(q.correct).toEqual(['a']);
    expect(htmlToText(q.explanation!)).toBe('Xem Điều 7.');
    expect(q.options.map((o) => (o.feedback ? htmlToText(o.feedback) : null))).toEqual(['Đúng: Điều 7 Nghị định 61.', 'Chưa đúng.', null]);
  });

  it('multiple answer: positive fractions are the key; true/false keeps its answer and feedback', () => {
    const multi = byTitle('Các lĩnh vực CCHC');
    expect(multi.correct).toEqual(['a', 'b']);
    expect(multi.stem).toBe('Chọn <strong>hai</strong> lĩnh vực thuộc chương trình CCHC');
    expect(multi.explanation).toBeNull();
    expect(htmlToText(multi.options[2].feedback!)).toBe('Không thuộc 6 nội dung của Chương trình tổng thể.');
    const tf = byTitle('Thẻ công chức');
    expect(tf.correct).toEqual(['true']);
    expect(tf.explanation).toBeNull();
    expect(tf.options.map((o) => [o.id, o.text, o.feedback && htmlToText(o.feedback)])).toEqual([['true', 'Đúng', 'Theo Quyết định 1847/QĐ-TTg.'], ['false', 'Sai', undefined]]);
  });

  it('refuses partial credit in a single-choice question by line, never changing the key; an image is no longer refused', () => {
    const refused = problems.filter((p) => !p.unsupportedKind).map((p) => [p.code, p.message.slice(0, 40)]);
    expect(refused).toEqual([['MOODLE_PARTIAL_CREDIT', expect.stringContaining('Thời hạn giải quyết')]]);
    expect(problems.find((p) => p.code === 'MOODLE_PARTIAL_CREDIT')!.message).toContain('"Ngày làm việc, trừ ngày lễ" được tính 50% điểm');
    // The embedded file travels with the text as a data: URL, for the importer to store.
    expect(byTitle('Sơ đồ quy trình').stem).toContain('<img src="data:image/png;base64,iVBORw0KGgo');
  });

  it('lists the other types with their kind', () => {
    expect(problems.filter((p) => p.unsupportedKind).map((p) => p.unsupportedKind)).toEqual(['essay', 'essay', 'matching', 'shortanswer', 'description']);
  });

  it('a file that is not XML, or XML that is no Moodle quiz, or a quiz without questions: one clear problem', () => {
    expect(parseMoodleXml('<quiz><question type="multichoice"></quiz>').problems[0].code).toBe('MOODLE_XML_MALFORMED');
    expect(parseMoodleXml('<?xml version="1.0"?><unit><name>Xã</name></unit>').problems[0]).toMatchObject({ code: 'MOODLE_XML_NOT_QUIZ' });
    expect(parseMoodleXml('<quiz></quiz>').problems[0].code).toBe('EMPTY_FILE');
    const noKey = parseMoodleXml('<quiz><question type="multichoice"><questiontext><text>Câu?</text></questiontext><single>true</single><answer fraction="0"><text>A</text></answer><answer fraction="0"><text>B</text></answer></question></quiz>');
    expect(noKey.problems[0].code).toBe('MOODLE_NO_CORRECT');
    const twoFull = parseMoodleXml('<quiz><question type="multichoice"><questiontext><text>Câu?</text></questiontext><answer fraction="100"><text>A</text></answer><answer fraction="100"><text>B</text></answer></question></quiz>');
    expect(twoFull.problems[0].code).toBe('MOODLE_SINGLE_TWO_CORRECT');
  });
});

describe('parseMoodleXml: a rich Moodle export (formatting, tables, images in the text and in an answer)', () => {
  const rich = readFileSync(path.join(__dirname, '../../../../test/support/fixtures/moodle/moodle-rich.xml'), 'utf8');
  const { questions, problems } = parseMoodleXml(rich);
  const diagram = questions.find((q) => q.title === 'Quy trình một cửa (sơ đồ)')!;

  it('reads both questions without a problem', () => {
    expect(problems).toEqual([]);
    expect(questions.map((q) => [q.title, q.type, q.format])).toEqual([
      ['Quy trình một cửa (sơ đồ)', QuestionType.Single, 'html'],
      ['Chỉ là đoạn văn', QuestionType.TrueFalse, 'html'],
    ]);
  });

  it('resolves @@PLUGINFILE@@ against the files of the same field, URL-encoded Vietnamese names included', () => {
    expect(diagram.stem).toMatch(/<img src="data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/=]+" alt="Sơ đồ quy trình 3 bước"/);
    // The answer's own file (not the feedback's file of another name).
    expect(diagram.options[1].text).toMatch(/^<p>Lưu trữ hồ sơ <img src="data:image\/png;base64,/);
    expect(diagram.stem).not.toContain('@@PLUGINFILE@@');
  });

  it('keeps lists, tables, sub/superscript and per-answer feedback; a plain-text answer is escaped', () => {
    expect(diagram.stem).toContain('<ul><li>Bước 1: <em>tiếp nhận</em></li>');
    expect(diagram.stem).toContain('<td>H<sub>2</sub> + m<sup>2</sup></td>');
    expect(diagram.options.map((o) => htmlToText(o.text))).toEqual(['Giải quyết hồ sơ', 'Lưu trữ hồ sơ [Hình: con dấu]', 'Thu phí < 50.000 đồng']);
    expect(diagram.options[2].text).toBe('Thu phí &lt; 50.000 đồng');
    expect(diagram.options[0].feedback).toBe('<p>Đúng: sau khi <em>tiếp nhận</em> là giải quyết.</p>');
    expect(diagram.options[2].feedback).toBeUndefined();
    expect(diagram.explanation).toBe('<p>Theo <u>Điều 19</u> Nghị định 61/2018/NĐ-CP.</p>');
  });

  it('a missing file stays a @@PLUGINFILE@@ reference (the importer reports it)', () => {
    const broken = readFileSync(path.join(__dirname, '../../../../test/support/fixtures/moodle/moodle-broken-images.xml'), 'utf8');
    const r = parseMoodleXml(broken);
    expect(r.problems).toEqual([]);
    expect(r.questions.find((q) => q.title === 'Thiếu tệp hình')!.stem).toContain('@@PLUGINFILE@@/thieu.png');
  });
});
