import { parseAiken, writeAiken } from './aiken';
import { checkParsedQuestions } from './question-import';

describe('parseAiken', () => {
  it('reads A. and A) options, multi-line stems, with or without blank lines', () => {
    const r = parseAiken(
      ['Cộng đồng ASEAN được hình thành', 'vào năm nào?', 'A. 2010', 'B) 2015', 'C. 2020', 'ANSWER: B', 'Câu thứ hai?', 'A. Có', 'B. Không', 'ANSWER:A'].join('\n'),
    );
    expect(r.problems).toEqual([]);
    expect(r.questions.map((q) => [q.position, q.type, q.stem, q.options.map((o) => o.text), q.correct])).toEqual([
      [1, 'single', 'Cộng đồng ASEAN được hình thành\nvào năm nào?', ['2010', '2015', '2020'], ['b']],
      [7, 'single', 'Câu thứ hai?', ['Có', 'Không'], ['a']],
    ]);
  });

  it('accepts lower-case option letters and answers', () => {
    const r = parseAiken('Câu?\na) Có\nb) Không\nANSWER: b');
    expect(r.problems).toEqual([]);
    expect(r.questions[0].correct).toEqual(['b']);
  });

  it('reports an ANSWER letter out of range at the ANSWER line', () => {
    const r = parseAiken('Q1\nA. x\nB. y\nANSWER: A\n\nQ2\nA. x\nB. y\nANSWER: E');
    expect(r.questions).toHaveLength(1);
    expect(r.problems).toEqual([{ position: 9, code: 'AIKEN_ANSWER_OUT_OF_RANGE', message: 'Dòng 9: đáp án E không có trong các phương án A–B.' }]);
  });

  it('reports missing ANSWER, options out of order, no options, several letters', () => {
    const r = parseAiken(['Q1', 'A. x', 'B. y', '', 'Q2', 'A. x', 'C. y', 'ANSWER: A', '', 'Q3', 'ANSWER: A', '', 'Q4', 'A. x', 'B. y', 'ANSWER: A,B', '', 'Q5', 'A. x'].join('\n'));
    expect(r.questions).toEqual([]);
    expect(r.problems.map((p) => [p.position, p.code])).toEqual([
      [1, 'AIKEN_NO_ANSWER'],
      [7, 'AIKEN_OPTION_ORDER'],
      [10, 'AIKEN_NO_OPTIONS'],
      [16, 'AIKEN_BAD_ANSWER'],
      [18, 'AIKEN_NO_ANSWER'],
    ]);
    for (const p of r.problems) expect(p.message).toMatch(new RegExp(`^Dòng ${p.position}: `));
  });

  it('reports a stray ANSWER and an empty file', () => {
    expect(parseAiken('ANSWER: A').problems).toEqual([{ position: 1, code: 'AIKEN_ANSWER_WITHOUT_QUESTION', message: 'Dòng 1: dòng ANSWER không thuộc câu hỏi nào.' }]);
    expect(parseAiken('\n \n').problems).toEqual([{ position: 1, code: 'EMPTY_FILE', message: 'Tệp không có câu hỏi nào.' }]);
  });

  it('duplicate options are reported by the content rules at the question line', () => {
    const r = parseAiken('\nQ\nA. Có\nB. có\nANSWER: A');
    expect(checkParsedQuestions(r)).toEqual([{ position: 2, code: 'DUPLICATE_OPTION_TEXT', message: 'Phương án B trùng nội dung với phương án A.' }]);
  });

  it('writeAiken round-trips', () => {
    const qs = [{ stem: 'Câu?', options: [{ id: 'a', text: 'X' }, { id: 'b', text: 'Y' }], correct: ['b'] }];
    const back = parseAiken(writeAiken(qs));
    expect(back.questions.map((q) => ({ stem: q.stem, options: q.options, correct: q.correct }))).toEqual(qs);
  });
});
