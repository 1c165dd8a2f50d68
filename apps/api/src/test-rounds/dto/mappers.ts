import type {
  AttemptDto,
  AttemptQuestionDto,
  MyResultDto,
  QuestionType,
  RecommendationDto,
  RemedialAssignmentDto,
  RoundPhase,
  TestRoundDto,
  TopicRecommendation,
  TopicResultDto,
} from '@cchc/shared';
import { blueprintSize, QuestionFormat } from '@cchc/shared';
import type { FrozenQuestion, GradedItem, TestAttempt, TestRound } from '../test-round.entity';

/** Where a round is in its life, by the server's clock. */
export function roundPhase(r: Pick<TestRound, 'status' | 'opensAt' | 'closesAt'>, now: Date): RoundPhase {
  if (r.status === 'draft') return 'draft';
  if (now < r.opensAt) return 'scheduled';
  if (now < r.closesAt && r.status !== 'closed' && r.status !== 'archived') return 'open';
  return 'closed';
}

export function mapRound(r: TestRound, now: Date, audienceUnitName: string | null): TestRoundDto {
  return {
    id: r.id,
    name: r.name,
    phase: roundPhase(r, now),
    opensAt: r.opensAt.toISOString(),
    closesAt: r.closesAt.toISOString(),
    blueprint: r.blueprint,
    questionCount: blueprintSize(r.blueprint),
    topicIds: r.topicIds,
    audience: r.audience,
    audienceUnitName,
    timeLimitMinutes: r.timeLimitMinutes,
    attemptsAllowed: r.attemptsAllowed,
    counting: r.counting,
    passMark: r.passMark,
    bands: r.bands,
    shuffleQuestions: r.shuffleQuestions,
    shuffleOptions: r.shuffleOptions,
    reviewMode: r.reviewMode,
    recurrence: r.recurrence,
    recommendBelow: r.recommendBelow,
    commendation: { minScore: r.commendMinScore, topPerUnit: r.commendTopN },
    remedial: { auto: r.remedialAuto, dueDays: r.remedialDueDays },
    previousRoundId: r.previousRoundId,
  };
}

/**
 * What a learner may see of a question while the attempt is open: never `correct`, never the explanation, never an
 * option's feedback (each option is rebuilt from its id and text alone).
 */
export function mapAttemptQuestion(q: FrozenQuestion): AttemptQuestionDto {
  return {
    questionId: q.questionId,
    topicId: q.topicId,
    type: q.type as QuestionType,
    format: q.format ?? QuestionFormat.Plain,
    stem: q.stem,
    options: q.options.map((o) => ({ id: o.id, text: o.text })),
  };
}

export function mapAttempt(a: TestAttempt, roundName: string, answers: { questionId: string; choice: string[]; seq: number }[], now: Date): AttemptDto {
  return {
    id: a.id,
    roundId: a.roundId,
    roundName,
    number: a.number,
    startedAt: a.startedAt.toISOString(),
    deadlineAt: a.deadlineAt.toISOString(),
    serverNow: now.toISOString(),
    submittedAt: a.submittedAt?.toISOString() ?? null,
    questions: a.questions.map(mapAttemptQuestion),
    answers,
  };
}

/** What the result page needs of the counted attempt: its graded items, and its questions when the review is open. */
export interface CountedAttemptView {
  id: string;
  graded: GradedItem[];
  /** Full frozen questions; only read when the round's review is open. */
  questions: FrozenQuestion[] | null;
}

/** The learner's result page, from the stored result and per-topic scores (never recomputed here). */
export function mapMyResult(
  round: TestRound,
  result: { score: number; band: string; passed: boolean; attemptsUsed: number; finishedAt: Date },
  attempt: CountedAttemptView,
  topics: TopicResultDto[],
  recommendations: RecommendationDto[],
  remedial: RemedialAssignmentDto | null,
  now: Date,
): MyResultDto {
  const reviewOpen = round.reviewMode === 'full' && now >= round.closesAt;
  const chosen = new Map(attempt.graded.map((g) => [g.questionId, g]));
  return {
    roundId: round.id,
    roundName: round.name,
    attemptId: attempt.id,
    score: result.score,
    band: result.band,
    passed: result.passed,
    passMark: round.passMark,
    attemptsUsed: result.attemptsUsed,
    attemptsAllowed: round.attemptsAllowed,
    finishedAt: result.finishedAt.toISOString(),
    reviewMode: round.reviewMode,
    topics: round.reviewMode === 'score' ? null : topics,
    recommendations,
    // The key and explanations only once the window has closed: nobody still sitting the round can see them.
    review:
      reviewOpen && attempt.questions
        ? attempt.questions.map((q) => ({
            ...mapAttemptQuestion(q),
            options: q.options.map((o) => (o.feedback ? { id: o.id, text: o.text, feedback: o.feedback } : { id: o.id, text: o.text })),
            chosen: chosen.get(q.questionId)?.chosen ?? [],
            correct: q.correct,
            explanation: q.explanation,
            right: (chosen.get(q.questionId)?.credit ?? 0) === 1,
          }))
        : null,
    reviewAvailableAt: round.reviewMode === 'full' && !reviewOpen ? round.closesAt.toISOString() : null,
    remedial,
  };
}

/** Diagnosis (libs/shared) as the result pages show it, with the names and titles looked up once for every person. */
export function mapRecommendations(
  recs: TopicRecommendation[],
  labels: { topics: Map<string, string>; lessons: Map<string, string>; documents: Map<string, string> },
  retestAvailable: boolean,
): RecommendationDto[] {
  return recs.map((r) => ({
    topicId: r.topicId,
    topicName: labels.topics.get(r.topicId) ?? r.topicId,
    score: r.score,
    lessons: r.lessonIds.map((id) => ({ id, title: labels.lessons.get(id) ?? null })),
    documents: r.documentIds.map((id) => ({ id, title: labels.documents.get(id) ?? null })),
    courses: [],
    retestAvailable,
  }));
}
