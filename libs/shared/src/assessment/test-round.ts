import type { BlueprintAvailability, BlueprintLine } from './blueprint';
import type { ScoreBand } from './bands';
import type { CommendationRule, CountingRule } from './scoring';
import type { ItemFlag } from './item-stats';
import type { ExamOption, QuestionFormat, QuestionOption, QuestionType } from './question';
import type { RemedialAssignmentDto, RemedialSummaryDto } from './remedial';

export type Recurrence = 'quarterly' | 'half_yearly' | 'yearly';
export type ReviewMode = 'score' | 'topics' | 'full';
export type RoundPhase = 'draft' | 'scheduled' | 'open' | 'closed';

export const RECURRENCE_MONTHS: Record<Recurrence, number> = { quarterly: 3, half_yearly: 6, yearly: 12 };

export interface RoundAudience {
  /** The unit and everything below it; null for the whole province. */
  unitId: string | null;
  /** Person categories (can_bo, cong_chuc, ...); empty for all. */
  categories: string[];
  doesCchcWork: boolean | null;
  isLeader: boolean | null;
}

export interface TestRoundDto {
  id: string;
  name: string;
  phase: RoundPhase;
  opensAt: string;
  closesAt: string;
  blueprint: BlueprintLine[];
  questionCount: number;
  topicIds: string[];
  audience: RoundAudience;
  audienceUnitName: string | null;
  timeLimitMinutes: number;
  attemptsAllowed: number;
  counting: CountingRule;
  passMark: number;
  bands: ScoreBand[];
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  reviewMode: ReviewMode;
  recurrence: Recurrence | null;
  recommendBelow: number;
  commendation: CommendationRule;
  /** Auto-assigned remedial learning for low scorers: due `dueDays` after the result, with one re-test. */
  remedial: { auto: boolean; dueDays: number };
  previousRoundId: string | null;
}

export interface BlueprintCheckDto {
  ok: boolean;
  lines: (BlueprintAvailability & { topicName: string })[];
}

/** A learner's view of a round they may sit. */
export interface MyRoundDto {
  id: string;
  name: string;
  phase: RoundPhase;
  opensAt: string;
  closesAt: string;
  questionCount: number;
  timeLimitMinutes: number;
  attemptsAllowed: number;
  attemptsUsed: number;
  openAttemptId: string | null;
  result: { score: number; band: string; passed: boolean } | null;
  remedial: RemedialAssignmentDto | null;
}

/** A question as the learner sees it during an attempt: never the key or the explanation. */
export interface AttemptQuestionDto {
  questionId: string;
  topicId: string;
  type: QuestionType;
  /** How stem and option texts are written (html: sanitised by the server, rendered by the web's allow-list renderer). */
  format: QuestionFormat;
  stem: string;
  options: ExamOption[];
}

export interface AttemptDto {
  id: string;
  roundId: string;
  roundName: string;
  number: number;
  startedAt: string;
  deadlineAt: string;
  /** The server's time when answering; the client keeps its offset so the countdown follows the server. */
  serverNow: string;
  submittedAt: string | null;
  questions: AttemptQuestionDto[];
  answers: { questionId: string; choice: string[]; seq: number }[];
}

export interface SaveAnswerResultDto {
  questionId: string;
  /** The sequence number now stored; higher than the one sent when a newer save had already arrived. */
  seq: number;
  stale: boolean;
}

export interface TopicResultDto {
  topicId: string;
  topicName: string;
  /** Questions of this topic answered right (named so no `correct` key ever reaches a learner's browser). */
  rightAnswers: number;
  total: number;
  score: number;
}

export interface StudyLinkDto {
  id: string;
  title: string | null;
}

export interface RecommendationDto {
  topicId: string;
  topicName: string;
  score: number;
  lessons: StudyLinkDto[];
  documents: StudyLinkDto[];
  /**
   * When no question of the topic links a lesson: the published courses of that topic (and, when no document is
   * linked either, the topic's library documents in `documents`), so every weak topic leads somewhere.
   */
  courses: StudyLinkDto[];
  retestAvailable: boolean;
}

/** A test round as a course's completion rule ("đạt bài kiểm tra cuối khóa") picks it. */
export interface TestRoundChoiceDto {
  id: string;
  name: string;
  phase: RoundPhase;
  opensAt: string;
  closesAt: string;
}

export interface ReviewQuestionDto extends Omit<AttemptQuestionDto, 'options'> {
  /** With each option's feedback (Moodle per-answer feedback), shown beside the chosen and the right option. */
  options: QuestionOption[];
  chosen: string[];
  correct: string[];
  explanation: string | null;
  right: boolean;
}

export interface MyResultDto {
  roundId: string;
  roundName: string;
  attemptId: string;
  score: number;
  band: string;
  passed: boolean;
  passMark: number;
  attemptsUsed: number;
  attemptsAllowed: number;
  finishedAt: string;
  reviewMode: ReviewMode;
  topics: TopicResultDto[] | null;
  recommendations: RecommendationDto[];
  /** Full review, only once the window has closed and the round allows it. */
  review: ReviewQuestionDto[] | null;
  reviewAvailableAt: string | null;
  remedial: RemedialAssignmentDto | null;
}

export interface PersonResultDto {
  personId: string;
  staffCode: string;
  fullName: string;
  unitId: string;
  unitName: string;
  /** Given by the low-scorer list (and its export). */
  position?: string | null;
  score: number;
  band: string;
  passed: boolean;
  attemptsUsed: number;
  finishedAt: string;
  topics: { topicId: string; score: number }[];
  recommendations: RecommendationDto[];
  remedial: RemedialSummaryDto | null;
}

export interface RoundResultsDto {
  roundId: string;
  eligible: number;
  taken: number;
  passed: number;
  averageScore: number | null;
  bands: { label: string; count: number }[];
  items: PersonResultDto[];
}

export interface CommendationDto {
  personId: string;
  staffCode: string;
  fullName: string;
  unitId: string;
  unitName: string;
  score: number;
  band: string;
}

export interface ItemAnalysisDto {
  questionId: string;
  code: string;
  topicId: string;
  difficulty: string;
  stem: string;
  attempts: number;
  facility: number | null;
  discrimination: number | null;
  pointBiserial: number | null;
  options: { id: string; text: string; chosen: number; correct: boolean }[];
  flags: ItemFlag[];
}
