import { bandFor, DEFAULT_BANDS, validateBands } from './bands';
import { commendationList, countedAttempt, diagnose, gradeAttempt, GradableQuestion, round2, toTenPointScale } from './scoring';

const q = (id: string, topicId: string, correct: string[], lessonIds: string[] = [], documentIds: string[] = []): GradableQuestion => ({
  questionId: id,
  topicId,
  correct,
  lessonIds,
  documentIds,
});

describe('bands', () => {
  it.each([
    [10, 'Giỏi'],
    [9, 'Giỏi'],
    [8.99, 'Khá'],
    [7, 'Khá'],
    [6.99, 'Đạt'],
    [5, 'Đạt'],
    [4.99, 'Chưa đạt'],
    [0, 'Chưa đạt'],
  ])('%s → %s with the default bands', (score, band) => expect(bandFor(score, DEFAULT_BANDS)).toBe(band));

  it('uses configured bands', () => {
    const bands = [
      { label: 'Xuất sắc', min: 9.5 },
      { label: 'Hoàn thành', min: 6 },
      { label: 'Không hoàn thành', min: 0 },
    ];
    expect(bandFor(9.5, bands)).toBe('Xuất sắc');
    expect(bandFor(9.4, bands)).toBe('Hoàn thành');
    expect(bandFor(5.99, bands)).toBe('Không hoàn thành');
  });

  it('validates band lists', () => {
    expect(validateBands(DEFAULT_BANDS)).toEqual([]);
    expect(validateBands([])).toEqual(['Cần ít nhất một mức xếp loại.']);
    expect(validateBands([{ label: 'A', min: 5 }])).toEqual(['Cần một mức có ngưỡng 0 (cho điểm thấp nhất).']);
    expect(validateBands([{ label: 'A', min: 0 }, { label: 'A', min: 11 }])).toEqual(['Ngưỡng của mức "A" phải từ 0 đến 10.', 'Mức "A" bị trùng.']);
  });
});

describe('grading', () => {
  const questions = [
    q('1', 'ASEAN', ['a'], ['L1'], ['D1']),
    q('2', 'ASEAN', ['b'], ['L2']),
    q('3', 'ASEAN', ['a', 'c'], ['L1', 'L3']),
    q('4', 'VHCV', ['true'], [], ['D2']),
    q('5', 'VHCV', ['false']),
    q('6', 'VHCV', ['d']),
  ];

  it('scores on the 10-point scale with 2 decimals, per topic too, all-or-nothing for multiple response', () => {
    const answers = new Map<string, string[]>([
      ['1', ['a']],
      ['2', ['c']],
      ['3', ['c', 'a']],
      ['4', ['true']],
      ['5', ['true']],
      // 6 unanswered
    ]);
    const g = gradeAttempt(questions, answers, { passMark: 5 });
    expect(g.correct).toBe(3);
    expect(g.score).toBe(5);
    expect(g.band).toBe('Đạt');
    expect(g.passed).toBe(true);
    expect(g.topics).toEqual([
      { topicId: 'ASEAN', correct: 2, total: 3, score: 6.67 },
      { topicId: 'VHCV', correct: 1, total: 3, score: 3.33 },
    ]);
    expect(g.questions.map((x) => x.credit)).toEqual([1, 0, 1, 1, 0, 0]);
  });

  it('a partly right multiple-response answer earns nothing; a superset neither', () => {
    const g = gradeAttempt([q('3', 'ASEAN', ['a', 'c'])], new Map([['3', ['a']]]), { passMark: 5 });
    expect(g.score).toBe(0);
    expect(gradeAttempt([q('3', 'ASEAN', ['a', 'c'])], new Map([['3', ['a', 'b', 'c']]]), { passMark: 5 }).score).toBe(0);
  });

  it('fails under the pass mark', () => {
    const g = gradeAttempt(questions, new Map([['1', ['a']]]), { passMark: 5 });
    expect(g.score).toBe(1.67);
    expect(g.passed).toBe(false);
    expect(g.band).toBe('Chưa đạt');
  });

  it('rounds like a person', () => {
    expect(round2(8.345)).toBe(8.35);
    expect(toTenPointScale(2, 3)).toBe(6.67);
    expect(toTenPointScale(0, 0)).toBe(0);
    expect(toTenPointScale(37, 40)).toBe(9.25);
  });

  it('diagnoses each topic under the threshold with the links of the wrongly answered questions, each once', () => {
    const answers = new Map<string, string[]>([
      ['1', ['b']],
      ['2', ['b']],
      ['3', ['a']],
      ['4', ['true']],
      ['5', ['false']],
      ['6', ['d']],
    ]);
    const g = gradeAttempt(questions, answers, { passMark: 5 });
    expect(diagnose(g, questions, 5)).toEqual([
      { topicId: 'ASEAN', score: 3.33, lessonIds: ['L1', 'L3'], documentIds: ['D1'], wrongQuestionIds: ['1', '3'] },
    ]);
    expect(diagnose(g, questions, 3)).toEqual([]);
  });
});

describe('counted attempt', () => {
  const a = [
    { id: 'a1', score: 6, submittedAt: new Date('2026-01-01T08:00:00Z') },
    { id: 'a2', score: 8, submittedAt: new Date('2026-01-02T08:00:00Z') },
    { id: 'a3', score: 8, submittedAt: new Date('2026-01-03T08:00:00Z') },
    { id: 'a4', score: 4, submittedAt: new Date('2026-01-04T08:00:00Z') },
  ];
  it('highest: the best score, the earliest on ties', () => expect(countedAttempt(a, 'highest')?.id).toBe('a2'));
  it('last: the latest submitted', () => expect(countedAttempt(a, 'last')?.id).toBe('a4'));
  it('none', () => expect(countedAttempt([], 'last')).toBeNull());
});

describe('commendation list', () => {
  const r = (id: string, unitId: string, score: number, minute: number) => ({ id, unitId, score, finishedAt: new Date(2026, 0, 1, 8, minute) });
  it('keeps per unit the top N at or above the minimum, best first, earlier finish breaking ties', () => {
    const list = commendationList(
      [r('a', 'U1', 9.5, 1), r('b', 'U1', 10, 5), r('c', 'U1', 9.5, 0), r('d', 'U1', 9, 0), r('e', 'U1', 8.9, 0), r('f', 'U2', 9, 0), r('g', 'U3', 7, 0)],
      { minScore: 9, topPerUnit: 3 },
    );
    expect(list.map((x) => x.id)).toEqual(['b', 'c', 'a', 'f']);
  });
});
