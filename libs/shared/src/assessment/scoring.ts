import { bandFor, DEFAULT_BANDS, ScoreBand } from './bands';

/** A question as frozen into an attempt, with what grading and diagnosis need. */
export interface GradableQuestion {
  questionId: string;
  topicId: string;
  correct: string[];
  lessonIds: string[];
  documentIds: string[];
}

export interface GradedQuestion {
  questionId: string;
  topicId: string;
  chosen: string[];
  /** 1 when the chosen set equals the correct set (all-or-nothing, also for multiple response), else 0. */
  credit: number;
}

export interface TopicScore {
  topicId: string;
  correct: number;
  total: number;
  /** On the 10-point scale, 2 decimals. */
  score: number;
}

export interface AttemptGrade {
  score: number;
  band: string;
  passed: boolean;
  correct: number;
  total: number;
  topics: TopicScore[];
  questions: GradedQuestion[];
}

/** Rounds to 2 decimals the way a person would (half away from zero), avoiding binary artefacts like 8.345. */
export function round2(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

export function toTenPointScale(correct: number, total: number): number {
  return total > 0 ? round2((correct / total) * 10) : 0;
}

export function isCorrectChoice(chosen: readonly string[], correct: readonly string[]): boolean {
  const a = new Set(chosen);
  const b = new Set(correct);
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** Grades an attempt: unanswered questions earn nothing. */
export function gradeAttempt(
  questions: GradableQuestion[],
  answers: ReadonlyMap<string, readonly string[]>,
  rules: { passMark: number; bands?: ScoreBand[] },
): AttemptGrade {
  const graded: GradedQuestion[] = questions.map((q) => {
    const chosen = [...(answers.get(q.questionId) ?? [])];
    return { questionId: q.questionId, topicId: q.topicId, chosen, credit: chosen.length && isCorrectChoice(chosen, q.correct) ? 1 : 0 };
  });
  const byTopic = new Map<string, { correct: number; total: number }>();
  for (const g of graded) {
    const t = byTopic.get(g.topicId) ?? { correct: 0, total: 0 };
    t.correct += g.credit;
    t.total += 1;
    byTopic.set(g.topicId, t);
  }
  const correct = graded.reduce((s, g) => s + g.credit, 0);
  const score = toTenPointScale(correct, graded.length);
  return {
    score,
    band: bandFor(score, rules.bands ?? DEFAULT_BANDS),
    passed: score >= rules.passMark - 1e-9,
    correct,
    total: graded.length,
    topics: [...byTopic.entries()].map(([topicId, t]) => ({ topicId, correct: t.correct, total: t.total, score: toTenPointScale(t.correct, t.total) })),
    questions: graded,
  };
}

export type CountingRule = 'highest' | 'last';

/** Which of a person's submitted attempts counts: the highest score (earliest on ties) or the last one. */
export function countedAttempt<T extends { score: number; submittedAt: Date }>(attempts: T[], rule: CountingRule): T | null {
  if (!attempts.length) return null;
  const byTime = [...attempts].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  if (rule === 'last') return byTime[byTime.length - 1];
  return byTime.reduce((best, a) => (a.score > best.score ? a : best));
}

export interface TopicRecommendation {
  topicId: string;
  score: number;
  /** Lessons and documents linked to the questions of this topic the person got wrong, each once, in order met. */
  lessonIds: string[];
  documentIds: string[];
  wrongQuestionIds: string[];
}

/** For each topic scored under the threshold: what to re-study, from the links of the questions answered wrongly. */
export function diagnose(grade: Pick<AttemptGrade, 'topics' | 'questions'>, questions: GradableQuestion[], threshold: number): TopicRecommendation[] {
  const byId = new Map(questions.map((q) => [q.questionId, q]));
  return grade.topics
    .filter((t) => t.score < threshold - 1e-9)
    .map((t) => {
      const wrong = grade.questions.filter((g) => g.topicId === t.topicId && g.credit < 1);
      const lessons = new Set<string>();
      const documents = new Set<string>();
      for (const w of wrong) {
        const q = byId.get(w.questionId);
        q?.lessonIds.forEach((id) => lessons.add(id));
        q?.documentIds.forEach((id) => documents.add(id));
      }
      return { topicId: t.topicId, score: t.score, lessonIds: [...lessons], documentIds: [...documents], wrongQuestionIds: wrong.map((w) => w.questionId) };
    });
}

export interface CommendationRule {
  minScore: number;
  topPerUnit: number;
}

export const DEFAULT_COMMENDATION_RULE: CommendationRule = { minScore: 9, topPerUnit: 3 };

/** Per unit: the people scoring at least minScore, best first (earlier finish breaks ties), at most topPerUnit. */
export function commendationList<T extends { unitId: string; score: number; finishedAt: Date }>(results: T[], rule: CommendationRule): T[] {
  const byUnit = new Map<string, T[]>();
  for (const r of results) if (r.score >= rule.minScore - 1e-9) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  return [...byUnit.values()].flatMap((list) =>
    list.sort((a, b) => b.score - a.score || a.finishedAt.getTime() - b.finishedAt.getTime()).slice(0, rule.topPerUnit),
  );
}
