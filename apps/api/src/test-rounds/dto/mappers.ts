import type { AttemptDto, AttemptQuestionDto, QuestionType, RoundPhase, TestRoundDto } from '@cchc/shared';
import { blueprintSize } from '@cchc/shared';
import type { FrozenQuestion, TestAttempt, TestRound } from '../test-round.entity';

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

/** What a learner may see of a question while the attempt is open: never `correct`, never the explanation. */
export function mapAttemptQuestion(q: FrozenQuestion): AttemptQuestionDto {
  return { questionId: q.questionId, topicId: q.topicId, type: q.type as QuestionType, stem: q.stem, options: q.options.map((o) => ({ id: o.id, text: o.text })) };
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
