import { QuestionType } from './question';
import { checkParsedQuestions } from './question-import';
import { QUESTION_SHEET_COLUMNS, questionSheetValues, readQuestionSheet } from './question-sheet';

const HEADER = QUESTION_SHEET_COLUMNS.map((c) => c.header);
const row = (values: Record<string, string>) => QUESTION_SHEET_COLUMNS.map((c) => values[c.key] ?? '');

describe('readQuestionSheet', () => {
  it('reads each type and accepts Vietnamese labels with or without diacritics', () => {
    const r = readQuestionSheet(HEADER, 1, [
      { row: 2, cells: row({ topicCode: 'asean', type: 'Một đáp án đúng', difficulty: 'Dễ', stem: 'S1', optionA: 'x', optionB: 'y', correct: 'B', explanation: 'E', tags: 'a, b' }) },
      { row: 3, cells: row({ topicCode: 'VHCV', type: 'nhieu dap an dung', difficulty: 'kho', stem: 'S2', optionA: 'x', optionB: 'y', optionC: 'z', correct: 'a; c' }) },
      { row: 4, cells: row({ topicCode: 'KNHC', type: 'Đúng / Sai', difficulty: 'Trung bình', stem: 'S3', correct: 'Sai' }) },
      { row: 5, cells: row({}) },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.questions.map((q) => [q.position, q.topicCode, q.type, q.difficulty, q.correct, q.tags])).toEqual([
      [2, 'ASEAN', QuestionType.Single, 'easy', ['b'], ['a', 'b']],
      [3, 'VHCV', QuestionType.Multiple, 'hard', ['a', 'c'], []],
      [4, 'KNHC', QuestionType.TrueFalse, 'medium', ['false'], []],
    ]);
  });

  it('reports every bad row with its number', () => {
    const r = readQuestionSheet(HEADER, 1, [
      { row: 2, cells: row({ type: 'Một đáp án đúng', difficulty: 'Dễ', stem: 'S', optionA: 'x', optionB: 'y', correct: 'A' }) },
      { row: 3, cells: row({ topicCode: 'A', type: 'Tự luận', difficulty: 'Dễ', stem: 'S', correct: 'A' }) },
      { row: 4, cells: row({ topicCode: 'A', type: 'Một đáp án đúng', difficulty: 'rất khó', stem: 'S', optionA: 'x', optionB: 'y', correct: 'A' }) },
      { row: 5, cells: row({ topicCode: 'A', type: 'Một đáp án đúng', difficulty: 'Dễ', stem: 'S', optionA: 'x', optionB: 'y', correct: 'D' }) },
      { row: 6, cells: row({ topicCode: 'A', type: 'Một đáp án đúng', difficulty: 'Dễ', stem: 'S', optionA: 'x', optionC: 'y', correct: 'A' }) },
      { row: 7, cells: row({ topicCode: 'A', type: 'Đúng/Sai', difficulty: 'Dễ', stem: 'S', correct: 'Có lẽ' }) },
      { row: 8, cells: row({ topicCode: 'A', type: 'Một đáp án đúng', difficulty: 'Dễ', stem: 'S', optionA: 'x', optionB: 'y' }) },
      { row: 9, cells: row({ topicCode: 'A', type: 'Một đáp án đúng', difficulty: 'Dễ', stem: '', optionA: 'x', optionB: 'x', correct: 'A,B' }) },
    ]);
    expect(r.problems.map((p) => [p.position, p.code])).toEqual([
      [2, 'TOPIC_REQUIRED'],
      [3, 'TYPE_UNKNOWN'],
      [4, 'DIFFICULTY_UNKNOWN'],
      [5, 'CORRECT_OUT_OF_RANGE'],
      [6, 'OPTION_GAP'],
      [7, 'CORRECT_INVALID'],
      [8, 'CORRECT_REQUIRED'],
    ]);
    expect(checkParsedQuestions(r).filter((p) => p.position === 9).map((p) => p.code)).toEqual(['STEM_EMPTY', 'DUPLICATE_OPTION_TEXT', 'NOT_EXACTLY_ONE_CORRECT']);
    expect(r.problems[0].message).toBe('Dòng 2: thiếu mã chủ đề.');
  });

  it('reports missing columns at the header row, and an empty sheet', () => {
    expect(readQuestionSheet(['STT', 'Nội dung câu hỏi'], 1, []).problems[0]).toMatchObject({ position: 1, code: 'MISSING_COLUMNS' });
    expect(readQuestionSheet(HEADER, 1, []).problems).toEqual([{ position: 2, code: 'EMPTY_FILE', message: 'Tệp không có câu hỏi nào.' }]);
  });

  it('an exported row reads back the same', () => {
    const q = { code: 'CH1', topicCode: 'ASEAN', type: QuestionType.Multiple, difficulty: 'hard' as never, stem: 'S', options: [{ id: 'a', text: 'x' }, { id: 'b', text: 'y' }, { id: 'c', text: 'z' }], correct: ['a', 'c'], explanation: 'E', tags: ['t1', 't2'] };
    const tf = { ...q, type: QuestionType.TrueFalse, options: [{ id: 'true', text: 'Đúng' }, { id: 'false', text: 'Sai' }], correct: ['true'] };
    const r = readQuestionSheet(HEADER, 1, [
      { row: 2, cells: questionSheetValues(q, 1) },
      { row: 3, cells: questionSheetValues(tf, 2) },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.questions.map(({ topicCode, type, difficulty, stem, options, correct, explanation, tags }) => ({ topicCode, type, difficulty, stem, options, correct, explanation, tags }))).toEqual(
      [q, tf].map(({ code: _c, ...rest }) => rest),
    );
  });
});
