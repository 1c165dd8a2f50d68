import { optionsFromTexts, QuestionType, TRUE_FALSE_OPTIONS, validateQuestion } from '@cchc/shared';
import { DEMO_QUESTIONS, demoQuestionContent } from './demo-questions';

const PROGRAMMES = ['ASEAN', 'KNHC', 'VHCV', 'CCHC'];
const CCHC_SUBTOPICS = [
  'CCHC.THECHE',
  'CCHC.TTHC',
  'CCHC.TCBM',
  'CCHC.CDCV',
  'CCHC.TCC',
  'CCHC.CQS',
  'CCHC.KN.KEHOACH',
  'CCHC.KN.DANHGIA',
  'CCHC.KN.BAOCAO',
  'CCHC.KN.TUYENTRUYEN',
  'CCHC.KN.CNTT',
];

describe('demo question bank', () => {
  it('has at least 150 questions, every one valid with an explanation', () => {
    expect(DEMO_QUESTIONS.length).toBeGreaterThanOrEqual(150);
    for (const q of DEMO_QUESTIONS) {
      const c = demoQuestionContent(q);
      expect({ stem: q.stem, problems: validateQuestion(c) }).toEqual({ stem: q.stem, problems: [] });
      expect(q.explanation.length).toBeGreaterThan(20);
    }
  });

  it('has no duplicate stems', () => {
    const stems = DEMO_QUESTIONS.map((q) => q.stem);
    expect(stems.filter((s, i) => stems.indexOf(s) !== i)).toEqual([]);
  });

  it('gives each programme at least 4 easy, 4 medium and 2 hard (counting its sub-topics), and each CCHC sub-topic at least 3', () => {
    for (const p of PROGRAMMES) {
      const own = DEMO_QUESTIONS.filter((q) => q.topic === p || q.topic.startsWith(`${p}.`));
      const by = (d: string) => own.filter((q) => q.difficulty === d).length;
      expect({ p, easy: by('easy') >= 4, medium: by('medium') >= 4, hard: by('hard') >= 2 }).toEqual({ p, easy: true, medium: true, hard: true });
      const direct = DEMO_QUESTIONS.filter((q) => q.topic === p);
      const directBy = (d: string) => direct.filter((q) => q.difficulty === d).length;
      expect({ p, direct: directBy('easy') >= 4 && directBy('medium') >= 4 && directBy('hard') >= 2 }).toEqual({ p, direct: true });
    }
    for (const t of CCHC_SUBTOPICS) expect({ t, n: DEMO_QUESTIONS.filter((q) => q.topic === t).length >= 3 }).toEqual({ t, n: true });
  });

  it('mixes the three types', () => {
    for (const type of Object.values(QuestionType)) expect(DEMO_QUESTIONS.filter((q) => q.type === type).length).toBeGreaterThanOrEqual(20);
  });

  it('maps to stored content: letters a, b... for choices, fixed options for true/false', () => {
    const choice = DEMO_QUESTIONS.find((q) => q.type === QuestionType.Multiple)!;
    expect(demoQuestionContent(choice).options).toEqual(optionsFromTexts(choice.options));
    const tf = DEMO_QUESTIONS.find((q) => q.type === QuestionType.TrueFalse)!;
    expect(demoQuestionContent(tf).options).toEqual(TRUE_FALSE_OPTIONS);
  });
});
