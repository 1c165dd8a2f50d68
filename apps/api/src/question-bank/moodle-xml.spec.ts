import { readFileSync } from 'node:fs';
import path from 'node:path';
import { QuestionType } from '@cchc/shared';
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
    ]);
    expect(byTitle('Bộ phận một cửa').position).toBe(fixture.split('\n').findIndex((l) => l.includes('<question type="multichoice">')) + 1);
    expect(byTitle('Bộ phận một cửa').tags).toEqual(['một cửa', 'NĐ 61']);
    // The last segment of the category is no topic code here: the importer's mapping step decides.
    expect(byTitle('Bộ phận một cửa').topicCode).toBe('Default for CCHC-2024');
  });

  it('turns HTML into text (entities, CDATA) and keeps the key; per-answer feedback stays with its option', () => {
    const q = byTitle('Bộ phận một cửa');
    expect(q.stem).toBe('Theo Nghị định 61/2018/NĐ-CP, bộ phận một cửa cấp tỉnh được tổ chức tại đâu?');
    expect(q.options.map((o) => o.text)).toEqual(['Trung tâm Phục vụ hành chính công tỉnh', 'Văn phòng Sở Nội vụ', 'UBND cấp xã & phường']);
    expect(q.correct).toEqual(['a']);
    expect(q.explanation).toBe('Xem Điều 7.');
    expect(q.options.map((o) => o.feedback ?? null)).toEqual(['Đúng: Điều 7 Nghị định 61.', 'Chưa đúng.', null]);
  });

  it('multiple answer: positive fractions are the key; true/false keeps its answer and feedback', () => {
    const multi = byTitle('Các lĩnh vực CCHC');
    expect(multi.correct).toEqual(['a', 'b']);
    expect(multi.stem).toBe('Chọn **hai** lĩnh vực thuộc chương trình CCHC');
    expect(multi.explanation).toBeNull();
    expect(multi.options[2].feedback).toBe('Không thuộc 6 nội dung của Chương trình tổng thể.');
    const tf = byTitle('Thẻ công chức');
    expect(tf.correct).toEqual(['true']);
    expect(tf.explanation).toBeNull();
    expect(tf.options).toEqual([{ id: 'true', text: 'Đúng', feedback: 'Theo Quyết định 1847/QĐ-TTg.' }, { id: 'false', text: 'Sai' }]);
  });

  it('refuses, by line and never changing the key: partial credit in a single-choice question and a question with an image', () => {
    const refused = problems.filter((p) => !p.unsupportedKind).map((p) => [p.code, p.message.slice(0, 40)]);
    expect(refused).toEqual([
      ['MOODLE_PARTIAL_CREDIT', expect.stringContaining('Thời hạn giải quyết')],
      ['MOODLE_IMAGE', expect.stringContaining('Sơ đồ quy trình')],
    ]);
    expect(problems.find((p) => p.code === 'MOODLE_PARTIAL_CREDIT')!.message).toContain('"Ngày làm việc, trừ ngày lễ" được tính 50% điểm');
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
