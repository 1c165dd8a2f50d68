import { QuestionType, TRUE_FALSE_OPTIONS } from './question';
import { gradeAnswer, optionsFromTexts, QUESTION_TYPE_RULES, questionSearchText, QuestionShape, validateQuestion } from './question-rules';

const single = (over: Partial<QuestionShape> = {}): QuestionShape => ({
  type: QuestionType.Single,
  stem: 'Cộng đồng ASEAN chính thức hình thành năm nào?',
  options: optionsFromTexts(['2010', '2015', '2020']),
  correct: ['b'],
  ...over,
});
const codes = (q: QuestionShape) => validateQuestion(q).map((p) => p.code);

describe('validateQuestion', () => {
  it('accepts a valid question of every type', () => {
    expect(validateQuestion(single())).toEqual([]);
    expect(validateQuestion(single({ type: QuestionType.Multiple, correct: ['a', 'c'] }))).toEqual([]);
    expect(validateQuestion(single({ type: QuestionType.Multiple, correct: ['a'] }))).toEqual([]);
    expect(validateQuestion({ type: QuestionType.TrueFalse, stem: 'Đúng hay sai?', options: TRUE_FALSE_OPTIONS, correct: ['false'] })).toEqual([]);
  });

  it('needs a stem that is not blank', () => {
    expect(codes(single({ stem: '' }))).toEqual(['STEM_EMPTY']);
    expect(codes(single({ stem: '   \n ' }))).toEqual(['STEM_EMPTY']);
    expect(codes(single({ stem: 'x'.repeat(4001) }))).toEqual(['STEM_TOO_LONG']);
    expect(validateQuestion(single({ stem: '' }))[0].message).toBe('Nội dung câu hỏi không được để trống.');
  });

  it('single: exactly one correct', () => {
    expect(codes(single({ correct: [] }))).toEqual(['NO_CORRECT_ANSWER']);
    expect(codes(single({ correct: ['a', 'b'] }))).toEqual(['NOT_EXACTLY_ONE_CORRECT']);
    expect(validateQuestion(single({ correct: ['a', 'b'] }))[0].message).toContain('đang có 2');
  });

  it('multiple: at least one correct and at least two options', () => {
    expect(codes(single({ type: QuestionType.Multiple, correct: [] }))).toEqual(['NO_CORRECT_ANSWER']);
    expect(codes(single({ type: QuestionType.Multiple, options: optionsFromTexts(['Một']), correct: ['a'] }))).toEqual(['TOO_FEW_OPTIONS']);
    expect(codes(single({ type: QuestionType.Multiple, correct: ['a', 'b', 'c'] }))).toEqual([]);
  });

  it('2 to 8 options for choice questions', () => {
    expect(codes(single({ options: optionsFromTexts(['A']), correct: ['a'] }))).toEqual(['TOO_FEW_OPTIONS']);
    expect(codes(single({ options: [], correct: [] }))).toEqual(['TOO_FEW_OPTIONS', 'NO_CORRECT_ANSWER']);
    expect(codes(single({ options: optionsFromTexts(['1', '2']), correct: ['a'] }))).toEqual([]);
    expect(codes(single({ options: optionsFromTexts(['1', '2', '3', '4', '5', '6', '7', '8']), correct: ['h'] }))).toEqual([]);
    const nine = [...optionsFromTexts(['1', '2', '3', '4', '5', '6', '7', '8']), { id: 'i', text: '9' }];
    expect(codes(single({ options: nine, correct: ['a'] }))).toEqual(['TOO_MANY_OPTIONS']);
  });

  it('no empty or duplicate options: case and spaces do not matter, diacritics do', () => {
    expect(codes(single({ options: optionsFromTexts(['Có', ' ']), correct: ['a'] }))).toEqual(['OPTION_EMPTY']);
    const dup = validateQuestion(single({ options: optionsFromTexts(['Sở Nội vụ', 'Sở Tư pháp', 'sở  nội VỤ']), correct: ['a'] }));
    expect(dup.map((p) => [p.code, p.message])).toEqual([['DUPLICATE_OPTION_TEXT', 'Phương án C trùng nội dung với phương án A.']]);
    expect(codes(single({ options: optionsFromTexts(['bán', 'bạn']), correct: ['a'] }))).toEqual([]);
    expect(codes(single({ options: [{ id: 'a', text: 'X' }, { id: 'a', text: 'Y' }], correct: ['a'] }))).toEqual(['DUPLICATE_OPTION_ID']);
    expect(codes(single({ options: optionsFromTexts(['x'.repeat(1001), 'y']), correct: ['b'] }))).toEqual(['OPTION_TOO_LONG']);
  });

  it('correct answers must be options', () => {
    expect(codes(single({ correct: ['z'] }))).toEqual(['CORRECT_NOT_AN_OPTION']);
  });

  it('true/false: fixed options and exactly one correct', () => {
    const tf = (over: Partial<QuestionShape>) => single({ type: QuestionType.TrueFalse, options: TRUE_FALSE_OPTIONS, correct: ['true'], ...over });
    expect(codes(tf({}))).toEqual([]);
    expect(codes(tf({ options: optionsFromTexts(['Đúng', 'Sai']), correct: ['a'] }))).toEqual(['TRUE_FALSE_FIXED_OPTIONS']);
    expect(codes(tf({ options: [TRUE_FALSE_OPTIONS[1], TRUE_FALSE_OPTIONS[0]] }))).toEqual(['TRUE_FALSE_FIXED_OPTIONS']);
    expect(codes(tf({ options: [...TRUE_FALSE_OPTIONS, { id: 'x', text: 'Không rõ' }] }))).toEqual(['TOO_MANY_OPTIONS', 'TRUE_FALSE_FIXED_OPTIONS']);
    expect(codes(tf({ correct: ['true', 'false'] }))).toEqual(['NOT_EXACTLY_ONE_CORRECT']);
    expect(codes(tf({ correct: [] }))).toEqual(['NO_CORRECT_ANSWER']);
  });

  it('has rules for every question type', () => {
    expect(Object.keys(QUESTION_TYPE_RULES).sort()).toEqual(Object.values(QuestionType).sort());
  });
});

describe('gradeAnswer', () => {
  it('all or nothing, order-free', () => {
    expect(gradeAnswer({ type: QuestionType.Single, correct: ['b'] }, ['b'])).toBe(true);
    expect(gradeAnswer({ type: QuestionType.Single, correct: ['b'] }, ['a'])).toBe(false);
    expect(gradeAnswer({ type: QuestionType.Single, correct: ['b'] }, [])).toBe(false);
    expect(gradeAnswer({ type: QuestionType.Multiple, correct: ['a', 'c'] }, ['c', 'a'])).toBe(true);
    expect(gradeAnswer({ type: QuestionType.Multiple, correct: ['a', 'c'] }, ['a'])).toBe(false);
    expect(gradeAnswer({ type: QuestionType.Multiple, correct: ['a', 'c'] }, ['a', 'b', 'c'])).toBe(false);
    expect(gradeAnswer({ type: QuestionType.TrueFalse, correct: ['false'] }, ['false'])).toBe(true);
  });
});

describe('questionSearchText', () => {
  it('folds code, stem and options', () => {
    expect(questionSearchText('CH000001', 'Thủ tục hành chính', optionsFromTexts(['Đúng hạn']))).toBe('ch000001 thu tuc hanh chinh dung han');
  });
});
