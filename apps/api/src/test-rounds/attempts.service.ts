import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  attemptDeadline,
  AttemptDto,
  BlueprintUnsatisfiableError,
  countedAttempt,
  drawFromBlueprint,
  EvidenceKind,
  gradeAttempt,
  QuestionType,
  SaveAnswerResultDto,
  seededRandom,
  shuffled,
} from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { EvidenceService } from '@api/evidence';
import { EnrolmentsService } from '@api/enrolments';
import { mapAttempt, roundPhase } from './dto/mappers';
import { RemedialService } from './remedial.service';
import { FrozenQuestion, TestAttempt, TestRound } from './test-round.entity';
import {
  attemptClosed,
  attemptNotFound,
  blueprintUnsatisfiable,
  noAttemptsLeft,
  notInAudience,
  questionNotInAttempt,
  roundNotFound,
  roundNotOpen,
} from './test-rounds.exception';
import { noPerson } from '@api/common/errors';
import { ItemStatsFolder } from './item-stats.folder';
import { BankQuestion, TestRoundsRepository } from './test-rounds.repository';

const POOL_TTL_MS = 30_000;
const ROUND_TTL_MS = 5_000;

/** Starting, answering and submitting attempts. The server's clock decides deadlines; the key never leaves it early. */
@Injectable()
export class AttemptsService {
  /** A synchronised start of a whole province draws from the same bank: read it once per round every 30 s. */
  private readonly pools = new Map<string, { at: number; pool: Promise<BankQuestion[]> }>();
  private readonly rounds = new Map<string, { at: number; round: Promise<TestRound | null> }>();

  constructor(
    private readonly db: DataSource,
    private readonly repo: TestRoundsRepository,
    private readonly clock: Clock,
    private readonly evidence: EvidenceService,
    private readonly enrolments: EnrolmentsService,
    private readonly itemStats: ItemStatsFolder,
    private readonly remedial: RemedialService,
  ) {}

  private personOf(user: AuthUser): string {
    if (!user.personId) throw noPerson();
    return user.personId;
  }

  private cachedRound(id: string): Promise<TestRound | null> {
    const hit = this.rounds.get(id);
    if (hit && Date.now() - hit.at < ROUND_TTL_MS) return hit.round;
    const round = this.repo.findRound(id);
    this.rounds.set(id, { at: Date.now(), round });
    return round;
  }

  private cachedPool(round: TestRound): Promise<BankQuestion[]> {
    const hit = this.pools.get(round.id);
    if (hit && Date.now() - hit.at < POOL_TTL_MS) return hit.pool;
    const pool = this.repo.pool(round.topicIds);
    pool.catch(() => this.pools.delete(round.id));
    this.pools.set(round.id, { at: Date.now(), pool });
    return pool;
  }

  /** Starts an attempt, or resumes the one in progress (another device, a reload). */
  async start(user: AuthUser, roundId: string): Promise<AttemptDto> {
    const personId = this.personOf(user);
    const round = await this.cachedRound(roundId);
    if (!round || round.status === 'draft') throw roundNotFound();
    const summary = await this.repo.attemptSummary(round, personId);
    if (!summary.eligible) throw notInAudience();
    if (summary.openAttemptId) return this.get(user, summary.openAttemptId);
    const now = this.clock.now();
    const phase = roundPhase(round, now);
    // Beyond the allowance or after the window, only the remedial re-test (once its learning is done) may start.
    let windowEnd = round.closesAt;
    let retestOf: string | null = null;
    if (phase !== 'open' || summary.attemptsUsed >= round.attemptsAllowed) {
      const retest = phase !== 'scheduled' && round.remedialAuto ? await this.remedial.retestFor(round, personId) : null;
      if (!retest?.available) {
        if (phase !== 'open') throw roundNotOpen(round.opensAt, round.closesAt, now);
        throw noAttemptsLeft(round.attemptsAllowed);
      }
      windowEnd = retest.windowEnd;
      retestOf = retest.assignmentId;
    }

    const pool = await this.cachedPool(round);
    const seed = randomInt(1, 2 ** 31 - 1);
    let drawn: BankQuestion[];
    try {
      drawn = drawFromBlueprint(round.blueprint, pool, { seed, avoid: summary.lastQuestionIds, shuffle: round.shuffleQuestions }) as BankQuestion[];
    } catch (e) {
      if (!(e instanceof BlueprintUnsatisfiableError)) throw e;
      this.pools.delete(round.id);
      const names = await this.repo.topicNames(e.shortfalls.map((s) => s.topicId));
      throw blueprintUnsatisfiable(e.shortfalls.map((s) => ({ ...s, topicName: names.get(s.topicId) ?? s.topicId })));
    }
    const random = seededRandom(seed ^ 0x5bd1e995);
    const questions: FrozenQuestion[] = drawn.map((q) => ({
      questionId: q.questionId,
      versionId: q.versionId,
      topicId: q.topicId,
      difficulty: q.difficulty,
      type: q.type,
      stem: q.stem,
      options: round.shuffleOptions && q.type !== QuestionType.TrueFalse ? shuffled(q.options, random) : q.options,
      correct: q.correct,
      explanation: q.explanation,
      lessonIds: q.lessonIds,
      documentIds: q.documentIds,
    }));
    // The attempt never outlives its window (the round's, or the re-test's).
    const deadline = attemptDeadline(now, round.timeLimitMinutes, windowEnd);
    const id = await this.repo.insertAttempt({
      roundId: round.id,
      personId,
      number: summary.attemptsUsed + 1,
      seed,
      startedAt: now,
      deadlineAt: deadline,
      questionIds: questions.map((q) => q.questionId),
      questions,
    });
    if (!id) {
      // A concurrent start from another tab won: resume that one.
      const again = await this.repo.attemptSummary(round, personId);
      if (again.openAttemptId) return this.get(user, again.openAttemptId);
      throw noAttemptsLeft(round.attemptsAllowed);
    }
    if (retestOf) await this.remedial.markRetest(retestOf, id);
    // Built from what was inserted: no second read on the path a whole province takes at the same minute.
    return mapAttempt(
      { id, roundId: round.id, personId, number: summary.attemptsUsed + 1, seed, startedAt: now, deadlineAt: deadline, submittedAt: null, submittedBy: null, questionIds: [], questions, score: null, band: null, passed: null, graded: null },
      round.name,
      [],
      now,
    );
  }

  private async ownAttempt(user: AuthUser, attemptId: string): Promise<TestAttempt> {
    const personId = this.personOf(user);
    const attempt = await this.repo.findAttempt(attemptId);
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
      attempt = (await this.repo.findAttempt(attempt.id))!;
    }
    const round = await this.cachedRound(attempt.roundId);
    return mapAttempt(attempt, round?.name ?? '', await this.repo.answers(attempt.id), now);
  }

  /** One statement on the usual path; the rare refusals are explained with a second look. */
  async saveAnswer(user: AuthUser, attemptId: string, questionId: string, choice: string[], seq: number): Promise<SaveAnswerResultDto> {
    const personId = this.personOf(user);
    const now = this.clock.now();
    const unique = [...new Set(choice)];
    const stored = await this.repo.saveAnswer(attemptId, personId, questionId, unique, seq, now);
    if (stored !== null) return { questionId, seq: stored, stale: false };
    const attempt = await this.ownAttempt(user, attemptId);
    if (!attempt.questionIds.includes(questionId)) throw questionNotInAttempt();
    if (attempt.submittedAt || attempt.deadlineAt <= now) {
      if (!attempt.submittedAt) await this.submitById(attempt.id, 'deadline');
      throw attemptClosed();
    }
    // A newer save for this question is already stored: this older one is acknowledged but not applied.
    const current = await this.repo.storedSeq(attemptId, questionId);
    return { questionId, seq: current ?? seq, stale: true };
  }

  async submit(user: AuthUser, attemptId: string): Promise<AttemptDto> {
    // Ownership from the attempt's head only: submitById loads it in full (locked) and get() for the answer.
    const personId = this.personOf(user);
    const head = await this.repo.attemptHead(attemptId);
    if (!head || head.personId !== personId) throw attemptNotFound();
    if (!head.submittedAt) await this.submitById(head.id, head.deadlineAt <= this.clock.now() ? 'deadline' : 'learner');
    return this.get(user, attemptId);
  }

  /**
   * Grades and closes an attempt, updates the person's counted result, the item counters and (on a pass) the
   * training evidence, all in one transaction. Submitting twice is harmless: the second finds it closed.
   */
  async submitById(attemptId: string, by: 'learner' | 'deadline'): Promise<boolean> {
    const done = await this.db.transaction(async (tx) => {
      const attempt = await this.repo.findAttempt(attemptId, tx, true);
      if (!attempt || attempt.submittedAt) return false;
      const round = await this.repo.findRound(attempt.roundId, tx);
      if (!round) return false;
      const now = this.clock.now();
      // What was saved by the deadline counts; the deadline itself is the submission time when it passed.
      const submittedAt = now < attempt.deadlineAt ? now : attempt.deadlineAt;
      const answers = new Map((await this.repo.answers(attempt.id, tx)).map((a) => [a.questionId, a.choice]));
      const grade = gradeAttempt(attempt.questions, answers, { passMark: round.passMark, bands: round.bands });
      await this.repo.markSubmitted(
        attempt.id,
        { submittedAt, submittedBy: by, score: grade.score, band: grade.band, passed: grade.passed, graded: grade.questions },
        tx,
      );

      const submitted = await this.repo.submittedAttempts(round.id, attempt.personId, tx);
      const counted = countedAttempt(submitted, round.counting)!;
      const countedQuestions = counted.id === attempt.id ? attempt.questions : ((await this.repo.findAttempt(counted.id, tx))?.questions ?? []);
      const countedGrade =
        counted.id === attempt.id
          ? grade
          : gradeAttempt(countedQuestions, new Map(counted.graded.map((g) => [g.questionId, g.chosen])), { passMark: round.passMark, bands: round.bands });
      await this.repo.upsertResult(
        {
          roundId: round.id,
          personId: attempt.personId,
          attemptId: counted.id,
          score: countedGrade.score,
          band: countedGrade.band,
          passed: countedGrade.passed,
          attemptsUsed: submitted.length,
          finishedAt: counted.submittedAt,
        },
        countedGrade.topics,
        tx,
      );
      await this.remedial.syncAfterResult(round, attempt.personId, counted.id, countedGrade, countedQuestions, tx);
      if (countedGrade.passed) {
        await this.evidence.record(
          round.topicIds.map((topicId) => ({
            personId: attempt.personId,
            topicId,
            kind: EvidenceKind.TestPassed,
            sourceType: 'test_round',
            sourceId: round.id,
            occurredAt: counted.submittedAt,
            details: { score: countedGrade.score, band: countedGrade.band, attemptId: counted.id },
          })),
          tx,
        );
        await this.enrolments.recordQuizPassed(attempt.personId, round.id, counted.submittedAt, tx);
      }
      // The item counters are shared by every submission of the round: queue this one, fold after commit.
      await this.repo.queueItemStats(attempt.id, tx);
      return true;
    });
    if (done) this.itemStats.schedule();
    return done;
  }

  /** Submits every attempt whose deadline has passed (the scheduled job; reads also do it lazily). */
  async submitOverdue(limit = 500): Promise<number> {
    let n = 0;
    for (const id of await this.repo.overdueAttemptIds(this.clock.now(), limit)) if (await this.submitById(id, 'deadline')) n++;
    return n;
  }
}
