import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  attemptDeadline,
  AttemptDto,
  AttemptGrade,
  BlueprintUnsatisfiableError,
  diagnose,
  drawFromBlueprint,
  gradeAttempt,
  MyResultDto,
  QuestionType,
  SaveAnswerResultDto,
  seededRandom,
  shuffled,
} from '@cchc/shared';
import { ownerContentScope, ownScopeOf } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { EnrolmentsService } from '@api/enrolments';
import { CoverageQueue } from '@api/evidence';
import { mapAttempt, mapMyResult, mapRecommendations, roundPhase } from './dto/mappers';
import { RemedialService } from './remedial.service';
import { XapiService } from '@api/xapi';
import { FrozenQuestion, TestAttempt, TestRound } from './test-round.entity';
import {
  attemptClosed,
  attemptNotFound,
  blueprintUnsatisfiable,
  noAttemptsLeft,
  optionNotInQuestion,
  notInAudience,
  questionNotInAttempt,
  roundNotFound,
  roundNotOpen,
} from './test-rounds.exception';
import { noPerson } from '@api/common/errors';
import { ItemStatsFolder } from './item-stats.folder';
import { AttemptsRepository, AttemptSummary, SubmissionInput, SubmissionWrite } from './attempts.repository';
import { ResultsService } from './results.service';
import { BankQuestion, TestRoundsRepository } from './test-rounds.repository';

const POOL_TTL_MS = 30_000;

/** A round's bank as drawn from, and the snapshot each question is frozen in. */
interface FrozenPool {
  questions: BankQuestion[];
  snapshotOf: Map<string, string>;
}
const ROUND_TTL_MS = 5_000;

/** A drawn attempt, before it is stored. */
type DrawnAttempt = Pick<TestAttempt, 'seed' | 'startedAt' | 'deadlineAt' | 'questionIds' | 'questions'> & { snapshotIds: string[] };

/** Starting, answering and submitting attempts. The server's clock decides deadlines; the key never leaves it early. */
@Injectable()
export class AttemptsService {
  /** A synchronised start of a whole province draws from the same bank: read it once per round every 30 s. */
  private readonly pools = new Map<string, { at: number; pool: Promise<FrozenPool> }>();
  private readonly rounds = new Map<string, { at: number; round: Promise<TestRound | null> }>();

  constructor(
    private readonly db: DataSource,
    private readonly roundsRepo: TestRoundsRepository,
    private readonly attempts: AttemptsRepository,
    private readonly results: ResultsService,
    private readonly clock: Clock,
    private readonly enrolments: EnrolmentsService,
    private readonly itemStats: ItemStatsFolder,
    private readonly remedial: RemedialService,
    private readonly xapi: XapiService,
    private readonly coverageQueue: CoverageQueue,
  ) {}

  private personOf(user: AuthUser): string {
    if (!user.personId) throw noPerson();
    return user.personId;
  }

  private cachedRound(id: string): Promise<TestRound | null> {
    const hit = this.rounds.get(id);
    if (hit && Date.now() - hit.at < ROUND_TTL_MS) return hit.round;
    const round = this.roundsRepo.findRound(id);
    this.rounds.set(id, { at: Date.now(), round });
    return round;
  }

  /**
   * The round's pool, each question frozen once into its snapshot (content-addressed, so every node and every refresh
   * of an unchanged question lands on the same row): a start then stores only snapshot ids and its option order.
   */
  private cachedPool(round: TestRound): Promise<FrozenPool> {
    const hit = this.pools.get(round.id);
    if (hit && Date.now() - hit.at < POOL_TTL_MS) return hit.pool;
    const pool = this.roundsRepo.pool(round.topicIds, ownerContentScope(round.provinceId)).then(async (questions) => {
      const ids = await this.attempts.freezeQuestions(questions);
      return { questions, snapshotOf: new Map(questions.map((q, i) => [q.questionId, ids[i]])) };
    });
    pool.catch(() => this.pools.delete(round.id));
    this.pools.set(round.id, { at: Date.now(), pool });
    return pool;
  }

  /** Starts an attempt, or resumes the one in progress (another device, a reload). */
  async start(user: AuthUser, roundId: string): Promise<AttemptDto> {
    const personId = this.personOf(user);
    const round = await this.cachedRound(roundId);
    if (!round || round.status === 'draft') throw roundNotFound();
    const now = this.clock.now();
    // The synchronised start of a province is mostly first attempts in an open round: draw one with nothing to avoid
    // and let a single statement check and store it. Anything else (a later attempt, an attempt in progress, not in
    // the audience, a blueprint the bank cannot meet) goes on below from the summary that statement read.
    let summary: AttemptSummary | null = null;
    if (roundPhase(round, now) === 'open' && round.attemptsAllowed >= 1) {
      const pool = await this.cachedPool(round);
      const first = this.drawAttempt(round, pool, [], now, round.closesAt);
      if (!(first instanceof BlueprintUnsatisfiableError)) {
        const started = await this.attempts.startFirstAttempt(ownScopeOf(user), round, { personId, ...first });
        if (started.insertedId) return this.started(started.insertedId, round, personId, 1, first, now);
        summary = started.summary;
      }
    }
    summary ??= await this.attempts.attemptSummary(ownScopeOf(user), round, personId);
    if (!summary.inProvince) throw roundNotFound();
    if (!summary.eligible) throw notInAudience();
    if (summary.openAttemptId) return this.get(user, summary.openAttemptId);
    const phase = roundPhase(round, now);
    // Beyond the allowance or after the window, only the remedial re-test (once its learning is done) may start.
    let windowEnd = round.closesAt;
    let retestOf: string | null = null;
    if (phase !== 'open' || summary.attemptsUsed >= round.attemptsAllowed) {
      const retest = phase !== 'scheduled' && round.remedialAuto ? await this.remedial.retestFor(user, round) : null;
      if (!retest?.available) {
        if (phase !== 'open') throw roundNotOpen(round.opensAt, round.closesAt, now);
        throw noAttemptsLeft(round.attemptsAllowed);
      }
      windowEnd = retest.windowEnd;
      retestOf = retest.assignmentId;
    }

    const pool = await this.cachedPool(round);
    const drawn = this.drawAttempt(round, pool, summary.lastQuestionIds, now, windowEnd);
    if (drawn instanceof BlueprintUnsatisfiableError) {
      this.pools.delete(round.id);
      throw await this.unsatisfiable(round, drawn);
    }
    const number = summary.attemptsUsed + 1;
    const id = await this.attempts.insertAttempt({ roundId: round.id, personId, number, ...drawn });
    if (!id) {
      // A concurrent start from another tab won: resume that one.
      const again = await this.attempts.attemptSummary(ownScopeOf(user), round, personId);
      if (again.openAttemptId) return this.get(user, again.openAttemptId);
      throw noAttemptsLeft(round.attemptsAllowed);
    }
    if (retestOf) await this.remedial.markRetest(retestOf, id);
    return this.started(id, round, personId, number, drawn, now);
  }

  /**
   * Draws an attempt's questions from the round's pool (each with its options shuffled when the round says so) and
   * its deadline, which never outlives the window (the round's, or the re-test's); the shortfall when the bank cannot
   * meet the blueprint.
   */
  private drawAttempt(round: TestRound, pool: FrozenPool, avoid: readonly string[], now: Date, windowEnd: Date): DrawnAttempt | BlueprintUnsatisfiableError {
    const seed = randomInt(1, 2 ** 31 - 1);
    let drawn: BankQuestion[];
    try {
      drawn = drawFromBlueprint(round.blueprint, pool.questions, { seed, avoid: [...avoid], shuffle: round.shuffleQuestions }) as BankQuestion[];
    } catch (e) {
      if (e instanceof BlueprintUnsatisfiableError) return e;
      throw e;
    }
    const random = seededRandom(seed ^ 0x5bd1e995);
    const questions: FrozenQuestion[] = drawn.map((q) => ({
      questionId: q.questionId,
      versionId: q.versionId,
      topicId: q.topicId,
      difficulty: q.difficulty,
      type: q.type,
      format: q.format,
      stem: q.stem,
      options: round.shuffleOptions && q.type !== QuestionType.TrueFalse ? shuffled(q.options, random) : q.options,
      correct: q.correct,
      explanation: q.explanation,
      lessonIds: q.lessonIds,
      documentIds: q.documentIds,
    }));
    return {
      seed,
      startedAt: now,
      deadlineAt: attemptDeadline(now, round.timeLimitMinutes, windowEnd),
      questionIds: questions.map((q) => q.questionId),
      snapshotIds: questions.map((q) => pool.snapshotOf.get(q.questionId)!),
      questions,
    };
  }

  /** The bank cannot meet the blueprint: says which topics and difficulties are short, by name. */
  private async unsatisfiable(round: TestRound, e: BlueprintUnsatisfiableError): Promise<Error> {
    const names = await this.roundsRepo.topicNames(e.shortfalls.map((s) => s.topicId), ownerContentScope(round.provinceId));
    return blueprintUnsatisfiable(e.shortfalls.map((s) => ({ ...s, topicName: names.get(s.topicId) ?? s.topicId })));
  }

  /** Built from what was inserted: no second read on the path a whole province takes at the same minute. */
  private started(id: string, round: TestRound, personId: string, number: number, a: DrawnAttempt, now: Date): AttemptDto {
    return mapAttempt(
      { id, roundId: round.id, personId, number, seed: a.seed, startedAt: a.startedAt, deadlineAt: a.deadlineAt, submittedAt: null, submittedBy: null, questionIds: [], snapshotIds: null, questions: a.questions, score: null, band: null, passed: null, graded: null },
      round.name,
      [],
      now,
    );
  }

  private async ownAttempt(user: AuthUser, attemptId: string): Promise<TestAttempt> {
    const personId = this.personOf(user);
    const attempt = await this.attempts.findAttempt(attemptId);
    // Someone else's attempt looks exactly like a missing one.
    if (!attempt || attempt.personId !== personId) throw attemptNotFound();
    return attempt;
  }

  /** The attempt with what has been saved so far; past the deadline it is submitted first (lazily). */
  async get(user: AuthUser, attemptId: string): Promise<AttemptDto> {
    let attempt = await this.ownAttempt(user, attemptId);
    const now = this.clock.now();
    if (!attempt.submittedAt && attempt.deadlineAt <= now) {
      await this.submitById(attempt.id, 'deadline');
      attempt = (await this.attempts.findAttempt(attempt.id))!;
    }
    const round = await this.cachedRound(attempt.roundId);
    return mapAttempt(attempt, round?.name ?? '', await this.attempts.answers(attempt.id), now);
  }

  /** One statement on the usual path; the rare refusals are explained with a second look. */
  async saveAnswer(user: AuthUser, attemptId: string, questionId: string, choice: string[], seq: number): Promise<SaveAnswerResultDto> {
    const personId = this.personOf(user);
    const now = this.clock.now();
    const unique = [...new Set(choice)];
    const stored = await this.attempts.saveAnswer(attemptId, personId, questionId, unique, seq, now);
    if (stored !== null) return { questionId, seq: stored, stale: false };
    const attempt = await this.ownAttempt(user, attemptId);
    const question = attempt.questions.find((q) => q.questionId === questionId);
    if (!question) throw questionNotInAttempt();
    const unknown = unique.filter((id) => !question.options.some((o) => o.id === id));
    if (unknown.length) throw optionNotInQuestion(unknown);
    if (attempt.submittedAt || attempt.deadlineAt <= now) {
      if (!attempt.submittedAt) await this.submitById(attempt.id, 'deadline');
      throw attemptClosed();
    }
    // A newer save for this question is already stored: this older one is acknowledged but not applied.
    const current = await this.attempts.storedSeq(attemptId, questionId);
    return { questionId, seq: current ?? seq, stale: true };
  }

  /**
   * Submits the learner's attempt and answers with the result page it leads to, so the client shows it without
   * another request. Submitting again (another tab, a retry) answers the same result.
   */
  async submit(user: AuthUser, attemptId: string): Promise<MyResultDto> {
    const personId = this.personOf(user);
    const input = await this.attempts.submissionInput(attemptId);
    // Someone else's attempt looks exactly like a missing one.
    if (!input || input.personId !== personId) throw attemptNotFound();
    const done = input.submittedAt ? null : await this.grade(attemptId, input, input.deadlineAt <= this.clock.now() ? 'deadline' : 'learner');
    if (done) return done;
    return this.results.myResult(user, input.roundId);
  }

  /** Grades and closes an attempt (the deadline job, a lazy read); false when it was already closed. */
  async submitById(attemptId: string, by: 'learner' | 'deadline'): Promise<boolean> {
    const input = await this.attempts.submissionInput(attemptId);
    if (!input || input.submittedAt) return false;
    return (await this.grade(attemptId, input, by)) !== false;
  }

  /**
   * Grades with libs/shared and writes the attempt, the counted result, the per-topic scores, evidence on a pass and
   * the item-statistics queue in one statement (one transaction only when remedial learning or a course completion
   * has to follow in it). Returns the learner's result page when this attempt is what counts and nothing else has to
   * be read for it, `null` when the caller should read it, and `false` when another submission won.
   */
  private async grade(attemptId: string, first: SubmissionInput, by: 'learner' | 'deadline'): Promise<MyResultDto | null | false> {
    const round = await this.cachedRound(first.roundId);
    if (!round) return false;
    let input: SubmissionInput | null = first;
    for (let tries = 0; input && !input.submittedAt && tries < 5; tries++) {
      const now = this.clock.now();
      // What was saved by the deadline counts; the deadline itself is the submission time when it passed.
      const submittedAt = now < input.deadlineAt ? now : input.deadlineAt;
      const grade = gradeAttempt(input.questions, input.answers, { passMark: round.passMark, bands: round.bands });
      const recs = diagnose(grade, input.questions, round.recommendBelow);
      const write: SubmissionWrite = {
        attemptId,
        submittedAt,
        submittedBy: by,
        score: grade.score,
        band: grade.band,
        passed: grade.passed,
        graded: grade.questions,
        topics: grade.topics,
        counting: round.counting,
        answersFingerprint: input.answersFingerprint,
        evidenceTopicIds: grade.passed ? round.topicIds : null,
        labels: { topicIds: [], lessonIds: recs.flatMap((r) => r.lessonIds), documentIds: recs.flatMap((r) => r.documentIds) },
        xapiPayload: this.xapi.learningPayload([
          { kind: 'attempt_submitted', personId: input.personId, attemptId, roundId: round.id, roundName: round.name, score: grade.score, passed: grade.passed, band: grade.band, topics: grade.topics, at: submittedAt },
        ]),
      };
      const sideEffects = round.remedialAuto || (grade.passed && input.completesCourses);
      const held: SubmissionInput = input;
      const outcome = sideEffects
        ? await this.db.transaction(async (tx) => {
            const o = await this.attempts.recordSubmission(write, tx);
            if (o.written && o.counted) await this.afterCounted(round, held, attemptId, grade, submittedAt, tx);
            return o;
          })
        : await this.attempts.recordSubmission(write);
      if (outcome.written) {
        this.itemStats.schedule();
        if (grade.passed) this.coverageQueue.schedule(); // the pass's evidence queued its person for coverage
        if (!outcome.counted || round.remedialAuto || (round.reviewMode === 'full' && now >= round.closesAt)) return null;
        const open = roundPhase(round, now) === 'open';
        const order = [...outcome.topicNames.keys()];
        const recommendations = await this.results.withStudyFallback(
          mapRecommendations([...recs].sort((a, b) => order.indexOf(a.topicId) - order.indexOf(b.topicId)), { topics: outcome.topicNames, lessons: outcome.lessonTitles, documents: outcome.documentTitles }, open && input.number < round.attemptsAllowed),
        );
        return mapMyResult(
          round,
          { score: grade.score, band: grade.band, passed: grade.passed, attemptsUsed: input.number, finishedAt: submittedAt },
          { id: attemptId, graded: grade.questions, questions: null },
          [...grade.topics]
            .sort((a, b) => order.indexOf(a.topicId) - order.indexOf(b.topicId))
            .map((t) => ({ topicId: t.topicId, topicName: outcome.topicNames.get(t.topicId) ?? t.topicId, rightAnswers: t.correct, total: t.total, score: t.score })),
          recommendations,
          null,
          now,
        );
      }
      // Already submitted elsewhere, or a save slipped in after the read: read again (and grade again if still open).
      input = await this.attempts.submissionInput(attemptId);
    }
    return false;
  }

  /** Remedial learning and courses completed by this round, in the submission's transaction. */
  private async afterCounted(round: TestRound, input: SubmissionInput, attemptId: string, grade: AttemptGrade, at: Date, tx: EntityManager): Promise<void> {
    await this.remedial.syncAfterResult(round, input.personId, attemptId, grade, input.questions, tx);
    if (grade.passed && input.completesCourses) await this.enrolments.recordQuizPassed(input.personId, round.id, at, tx);
  }

  /** Submits every attempt whose deadline has passed (the scheduled job; reads also do it lazily). */
  async submitOverdue(limit = 500): Promise<number> {
    let n = 0;
    for (const id of await this.attempts.overdueAttemptIds(this.clock.now(), limit)) if (await this.submitById(id, 'deadline')) n++;
    return n;
  }
}
