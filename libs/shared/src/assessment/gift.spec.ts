import { readFileSync } from 'node:fs';
import path from 'node:path';
import { QuestionType } from './question';
import { parseGift, writeGift, escapeGift, giftCategoryTopicCode, GiftExportQuestion, markdownToHtml } from './gift';
import { checkParsedQuestions } from './question-import';

describe('parseGift', () => {
  it('reads single choice with title, comments, category and feedback', () => {
    const r = parseGift(
      [
        '// Câu hỏi ASEAN',
        '$CATEGORY: $course$/top/ASEAN',
        '',
        '::Q1::Cộng đồng ASEAN hình thành năm nào? {',
        '  ~2010',
        '  =2015 # Tuyên bố Kuala Lumpur',
        '  ~2020',
        '}',
      ].join('\n'),
    );
    expect(r.problems).toEqual([]);
    expect(r.questions).toEqual([
      {
        position: 4,
        title: 'Q1',
        topicCode: 'ASEAN',
        category: '$course$/top/ASEAN',
        type: QuestionType.Single,
        difficulty: null,
        stem: 'Cộng đồng ASEAN hình thành năm nào?',
        options: [
          { id: 'a', text: '2010' },
          { id: 'b', text: '2015', feedback: 'Tuyên bố Kuala Lumpur' },
          { id: 'c', text: '2020' },
        ],
        correct: ['b'],
        // The answer's feedback stays with its option (shown in review beside it), not in the explanation.
        explanation: null,
        tags: [],
      },
    ]);
  });

  it('title is optional; general feedback #### wins as explanation', () => {
    const [q] = parseGift('Câu hỏi? {=Có ~Không ####Vì luật quy định}').questions;
    expect(q).toMatchObject({ title: null, stem: 'Câu hỏi?', correct: ['a'], explanation: 'Vì luật quy định' });
  });

  it('multiple response from weights: positive weights are correct', () => {
    const [q] = parseGift('Chọn các lĩnh vực CCHC {~%50%Cải cách thể chế ~%50%Cải cách TTHC ~%-100%Du lịch}').questions;
    expect(q.type).toBe(QuestionType.Multiple);
    expect(q.correct).toEqual(['a', 'b']);
    expect(q.options.map((o) => o.text)).toEqual(['Cải cách thể chế', 'Cải cách TTHC', 'Du lịch']);
  });

  it('true/false in all spellings', () => {
    const r = parseGift('A {T}\n\nB {F}\n\nC {TRUE}\n\nD {false#Sai vì...}\n\nE {TRUE ####Giải thích}');
    expect(r.problems).toEqual([]);
    expect(r.questions.map((q) => [q.type, q.correct[0], q.explanation])).toEqual([
      ['true_false', 'true', null],
      ['true_false', 'false', null],
      ['true_false', 'true', null],
      ['true_false', 'false', null],
      ['true_false', 'true', 'Giải thích'],
    ]);
    expect(r.questions[0].options).toEqual([{ id: 'true', text: 'Đúng' }, { id: 'false', text: 'Sai' }]);
    // One feedback: shown to who answered wrong, so it goes with the wrong option.
    expect(r.questions[3].options).toEqual([{ id: 'true', text: 'Đúng', feedback: 'Sai vì...' }, { id: 'false', text: 'Sai' }]);
    // Moodle's two feedbacks: shown for a wrong answer, then for the right one; escapes kept.
    expect(parseGift('X {T#Chưa đúng#Đúng vậy: mục \\#3}').questions[0].options).toEqual([
      { id: 'true', text: 'Đúng', feedback: 'Đúng vậy: mục #3' },
      { id: 'false', text: 'Sai', feedback: 'Chưa đúng' },
    ]);
  });

  it('unescapes \\= \\~ \\{ \\} \\# \\: and \\n', () => {
    const [q] = parseGift('::T\\:1::Tỷ lệ 1\\=1 \\{a\\} \\#3 \\~x {=Giá trị \\= 100\\% ~Khác\\nnữa}').questions;
    expect(q.title).toBe('T:1');
    expect(q.stem).toBe('Tỷ lệ 1=1 {a} #3 ~x');
    expect(q.options.map((o) => o.text)).toEqual(['Giá trị = 100\\%', 'Khác\nnữa']);
  });

  it('missing-word questions keep the text after the braces', () => {
    const [q] = parseGift('Đề án 1439 đặt mục tiêu {=100% ~80%} cán bộ được bồi dưỡng về ASEAN.').questions;
    expect(q.stem).toBe('Đề án 1439 đặt mục tiêu _____ cán bộ được bồi dưỡng về ASEAN.');
  });

  it('reports an unclosed brace at the line of the "{", and keeps reading the next question', () => {
    const r = parseGift('Q1 {=a ~b}\n\n// x\nQ2 dòng một\ndòng hai {=a\n~b\n\nQ3 {=c ~d}');
    expect(r.problems).toEqual([{ position: 5, code: 'GIFT_UNCLOSED_BRACE', message: expect.stringContaining('Dòng 5: thiếu dấu "}"') }]);
    expect(r.questions.map((q) => [q.position, q.stem])).toEqual([
      [1, 'Q1'],
      [8, 'Q3'],
    ]);
  });

  it('reports a question with no correct answer at its first line (via the content rules)', () => {
    const r = parseGift('\n\nCâu 1 {~a ~b}');
    expect(r.problems).toEqual([]);
    expect(checkParsedQuestions(r)).toEqual([{ position: 3, code: 'NO_CORRECT_ANSWER', message: 'Chưa chọn đáp án đúng.' }]);
  });

  it('reports duplicate options at the question line', () => {
    const r = parseGift('Q1 {=a ~b}\n\nQ2 {\n=Sở Nội vụ\n~sở nội vụ\n}');
    expect(checkParsedQuestions(r)).toEqual([{ position: 3, code: 'DUPLICATE_OPTION_TEXT', message: 'Phương án B trùng nội dung với phương án A.' }]);
  });

  it('reports an empty file (or only comments) at line 1', () => {
    for (const input of ['', '   \n\n', '// chỉ có chú thích\n$CATEGORY: ASEAN\n']) {
      expect(parseGift(input).problems).toEqual([{ position: 1, code: 'EMPTY_FILE', message: 'Tệp không có câu hỏi nào.' }]);
    }
  });

  it('reports unsupported and malformed questions with their lines', () => {
    const r = parseGift(
      ['Không có đáp án', '', 'Tự luận {}', '', 'Số {#5:1}', '', 'Ghép {=a -> 1 =b -> 2 =c -> 3}', '', 'Ngắn {=Hà Nội}', '', '::Tiêu đề Câu {=a ~b}', '', 'Rác {x =a ~b}', '', 'Hai {=a ~b} và {=c ~d}', '', 'Dư } {=a ~b}'].join(
        '\n',
      ),
    );
    expect(r.questions).toEqual([]);
    expect(r.problems.map((p) => [p.position, p.code])).toEqual([
      [1, 'GIFT_NO_ANSWERS'],
      [3, 'GIFT_UNSUPPORTED'],
      [5, 'GIFT_UNSUPPORTED'],
      [7, 'GIFT_UNSUPPORTED'],
      [9, 'GIFT_UNSUPPORTED'],
      [11, 'GIFT_TITLE_UNCLOSED'],
      [13, 'GIFT_BAD_ANSWER'],
      [15, 'GIFT_EXTRA_BRACE'],
      [17, 'GIFT_EXTRA_BRACE'],
    ]);
    for (const p of r.problems) expect(p.message).toMatch(new RegExp(`^Dòng ${p.position}: `));
  });

  it('handles CRLF line endings and a BOM', () => {
    const r = parseGift('\ufeff// c\r\nQ1 {=a ~b}\r\n\r\nQ2 {T}');
    expect(r.questions.map((q) => q.position)).toEqual([2, 4]);
  });

  it('category to topic code', () => {
    expect(giftCategoryTopicCode('$course$/top/CCHC.TTHC')).toBe('CCHC.TTHC');
    expect(giftCategoryTopicCode('VHCV')).toBe('VHCV');
    expect(giftCategoryTopicCode('$course$/top')).toBeNull();
    expect(giftCategoryTopicCode(null)).toBeNull();
  });
});

describe('writeGift', () => {
  const questions: GiftExportQuestion[] = [
    {
      code: 'CH000001',
      topicCode: 'ASEAN',
      type: QuestionType.Single,
      stem: 'Tỷ lệ {a} = b: c # d ~ e \\ f\ndòng hai',
      options: [
        { id: 'a', text: '100%' },
        { id: 'b', text: '80% = tối thiểu' },
      ],
      correct: ['a'],
      explanation: 'Theo QĐ 1439/QĐ-TTg',
      note: 'CH000001 · Dễ',
    },
    {
      code: 'CH000002',
      topicCode: 'ASEAN',
      type: QuestionType.Multiple,
      stem: 'Chọn ba',
      options: [
        { id: 'a', text: 'Một' },
        { id: 'b', text: 'Hai' },
        { id: 'c', text: 'Ba' },
        { id: 'd', text: 'Bốn' },
      ],
      correct: ['a', 'b', 'd'],
      explanation: null,
    },
    { code: 'CH000003', topicCode: 'VHCV', type: QuestionType.TrueFalse, stem: 'Sai?', options: [{ id: 'true', text: 'Đúng' }, { id: 'false', text: 'Sai' }], correct: ['false'], explanation: 'x' },
  ];

  it('round-trips through parseGift', () => {
    const text = writeGift(questions, 'Xuất từ ngân hàng câu hỏi');
    expect(text).toContain('~%33.33333%Một');
    expect(text).toContain('~%-100%Ba');
    const r = parseGift(text);
    expect(checkParsedQuestions(r)).toEqual([]);
    expect(r.questions.map(({ title, topicCode, type, stem, options, correct, explanation }) => ({ code: title, topicCode, type, stem, options, correct, explanation }))).toEqual(
      questions.map(({ note: _note, ...q }) => q),
    );
  });

  it('escapes every special character', () => {
    expect(escapeGift('a{b}c=d~e#f:g\\h\ni')).toBe('a\\{b\\}c\\=d\\~e\\#f\\:g\\\\h\\ni');
  });
});

describe('parseGift reads Moodle exports as Moodle does', () => {
  // Mirrors a real Moodle 4.x "Export questions → GIFT" file: category line first, [html] / [moodle] / [plain] /
  // [markdown] markers on stems, answers and feedback, partial credit beside an "=" answer.
  const moodle = readFileSync(path.join(__dirname, '../../../../test/support/fixtures/moodle/moodle-export.gift.txt'), 'utf8');
  const r = parseGift(moodle);
  const byTitle = (t: string) => r.questions.find((q) => q.title === t)!;

  it('treats [html] as a format: an HTML question keeps its markup (the server sanitises it), never the marker', () => {
    const q = byTitle('Bộ phận một cửa');
    expect(q.format).toBe('html');
    expect(q.stem).toBe('<p>Theo <strong>Nghị định 61/2018/NĐ-CP</strong>, bộ phận một cửa cấp tỉnh được tổ chức tại đâu?</p>');
    expect(q.options.map((o) => o.text)).toEqual(['<p>Trung tâm Phục vụ hành chính công tỉnh</p>', '<p>Văn phòng Sở Nội vụ</p>', '<p>UBND cấp xã &amp; phường</p>']);
    expect(q.options[0].feedback).toBe('<p>Đúng: Điều 7 Nghị định 61.</p>');
    expect(q.correct).toEqual(['a']);
    expect(q.explanation).toBe('<p>Xem <em>Điều 7</em>.</p>');
    const tf = byTitle('Văn hóa công vụ');
    expect(tf.stem).toBe('<ul><li>Chuẩn mực ứng xử</li><li>Đạo đức công vụ</li></ul>là nội dung của QĐ 1847/QĐ-TTg.');
    expect(tf.correct).toEqual(['true']);
  });

  it('never keeps [plain] / [markdown] markers inside texts; Markdown becomes HTML', () => {
    const q = byTitle('Các lĩnh vực CCHC');
    expect(q.format).toBe('html');
    expect(q.stem).toBe('Chọn <strong>hai</strong> lĩnh vực thuộc chương trình CCHC');
    expect(q.options.map((o) => o.text)).toEqual(['Cải cách thể chế', 'Cải cách tài chính công', 'Phát triển du lịch']);
    expect(q.type).toBe(QuestionType.Multiple);
    expect(q.correct).toEqual(['a', 'b']);
  });

  it('a question without markers is plain text, markup-looking text included', () => {
    const [q] = parseGift('Thẻ <b> dùng để làm gì? {=In đậm ~In nghiêng}').questions;
    expect(q.format).toBeUndefined();
    expect(q.stem).toBe('Thẻ <b> dùng để làm gì?');
  });

  it('[plain] pieces of an HTML question are escaped; [moodle] keeps its line breaks', () => {
    const [q] = parseGift('[moodle]Dòng 1\\nDòng <i>2</i> {=[plain]a < b ~[html]<b>c</b>}').questions;
    expect(q.format).toBe('html');
    expect(q.stem).toBe('Dòng 1<br>Dòng <i>2</i>');
    expect(q.options.map((o) => o.text)).toEqual(['a &lt; b', '<b>c</b>']);
  });

  it('refuses "=A ~%50%B ~C" with a clear message instead of changing its key', () => {
    expect(r.questions.find((q) => q.title === 'Thời hạn giải quyết')).toBeUndefined();
    const problem = r.problems.find((p) => p.code === 'GIFT_PARTIAL_CREDIT')!;
    expect(problem.message).toContain('Ngày làm việc, trừ ngày lễ');
    expect(problem.message).toContain('đáp án không bị đổi');
    expect(problem.position).toBe(moodle.split('\n').findIndex((l) => l.includes('~%50%[plain]')) + 1);
  });

  it('keeps the category line from blocking: it applies to the questions after it', () => {
    expect(r.questions).toHaveLength(3);
    expect(r.questions.every((q) => q.topicCode === 'Default for CCHC-2024')).toBe(true);
  });

  it('a penalty on a wrong answer of a single-choice question keeps it single choice with its key', () => {
    const [q] = parseGift('Câu hỏi? {=Đúng ~%-25%Sai một ~Sai hai}').questions;
    expect(q.type).toBe(QuestionType.Single);
    expect(q.correct).toEqual(['a']);
  });
});

describe('markdownToHtml (GIFT and Moodle XML [markdown] texts)', () => {
  it('bold, italic, lists and line breaks; inline HTML stays text', () => {
    expect(markdownToHtml('Chọn **hai** ý _đúng_ và *một* ý:\n- một\n- hai\n1. ba\nHết <b>x</b>')).toBe(
      'Chọn <strong>hai</strong> ý <em>đúng</em> và <em>một</em> ý:<ul><li>một</li><li>hai</li></ul><ol><li>ba</li></ol>Hết &lt;b&gt;x&lt;/b&gt;',
    );
    expect(markdownToHtml('2 * 3 * 4 = 24\ndòng 2')).toBe('2 * 3 * 4 = 24<br>dòng 2');
  });
});
