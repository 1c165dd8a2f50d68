import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AttemptGrade,
  diagnose,
  GradableQuestion,
  RemedialAssignmentDto,
  remedialDueDate,
  remedialItems,
  remedialOverdue,
  RemedialSummaryDto,
  retestAvailability,
  RetestAvailability,
} from '@cchc/shared';
import { AccessService, systemScope, type UnitScope } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { NotificationsService } from '@api/notifications';
import { RemedialItemRow, RemedialRepository, RemedialRow } from './remedial.repository';
import type { TestRound } from './test-round.entity';
import { testRoundsError, TestRoundsErrorCode } from './test-rounds.exception';
import { noPerson } from '@api/common/errors';
import { TestRoundsRepository } from './test-rounds.repository';
import { XapiService } from '@api/xapi';
import { LessonCompletedHooks } from '@api/enrolments';

const remedialNotFound = () => testRoundsError(TestRoundsErrorCode.RemedialNotFound, 'Không tìm thấy nội dung ôn tập này.');
const vnDate = (iso: string) => iso.split('-').reverse().join('/');

/**
 * Remedial learning auto-assigned after a counted result under the round's threshold (when the round asks for it).
 *
 * One assignment per person and round, kept in step with the counted attempt: created (and the learner notified) the
 * first time it is low on some topic with something to re-study; its items follow later counted attempts (read state
 * kept for items that stay, due date unchanged); closed when a counted attempt is no longer under the threshold on any
 * topic; reopened with a fresh due date if a later counted attempt (rule "last") drops again. Re-submissions and
 * retries change nothing: the unique (round, person) row and the dedupe key make every step idempotent.
 */
@Injectable()
export class RemedialService implements OnModuleInit {
  constructor(
    private readonly repo: RemedialRepository,
    private readonly rounds: TestRoundsRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly xapi: XapiService,
    private readonly lessonHooks: LessonCompletedHooks,
    private readonly access: AccessService,
  ) {}

  /**
   * Completing the last lesson of a re-study plan finishes it like reading its last document does: the "remedial
   * completed" xAPI statement is written in the lesson's transaction (its id comes from the assignment, so once).
   */
  onModuleInit(): void {
    this.lessonHooks.register(async ({ personId, lessonId, at }, tx) => {
      // On the learner's behalf, inside their own lesson's transaction: the person is the one who completed it.
      const finished = await this.repo.finishedWithLesson(systemScope(), personId, lessonId, tx);
      if (finished.length)
        await this.xapi.recordLearning(finished.map((a) => ({ kind: 'remedial_completed' as const, personId, assignmentId: a.id, roundId: a.roundId, at })), tx);
    });
  }

  /** Called inside the submission's transaction, after the counted result was written. */
  async syncAfterResult(
    round: TestRound,
    personId: string,
    countedAttemptId: string,
    grade: Pick<AttemptGrade, 'topics' | 'questions'>,
    questions: GradableQuestion[],
    tx: EntityManager,
  ): Promise<void> {
    if (!round.remedialAuto) return;
    const recs = diagnose(grade, questions, round.recommendBelow);
    const items = remedialItems(recs);
    const now = this.clock.now();
    // Inside the submission (the learner's own, or the deadline job's on nobody's behalf).
    const existing = await this.repo.find(systemScope(), round.id, personId, tx, true);
    if (!recs.length) {
      if (existing?.status === 'open') await this.repo.update(existing.id, { status: 'closed', closedAt: now, attemptId: countedAttemptId }, now, tx);
      return;
    }
    // Low, but no question links to study from: nothing to assign (the result page still names the topics).
    if (!items.length) return;
    if (existing?.status === 'open') {
      if (existing.attemptId !== countedAttemptId) {
        await this.repo.update(existing.id, { attemptId: countedAttemptId }, now, tx);
        await this.repo.replaceItems(existing.id, items, tx);
      }
      return;
    }
    const dueDate = remedialDueDate(now, round.remedialDueDays);
    let id: string;
    if (existing) {
      id = existing.id;
      await this.repo.update(id, { status: 'open', closedAt: null, attemptId: countedAttemptId, dueDate, createdAt: now }, now, tx);
    } else {
      const inserted = await this.repo.insert({ roundId: round.id, personId, attemptId: countedAttemptId, dueDate, now }, tx);
      id = inserted.id;
      if (!inserted.created) return;
    }
    await this.repo.replaceItems(id, items, tx);
    await this.notifications.notifyPeople(
      [personId],
      {
        kind: 'remedial_assigned',
        title: `Ôn tập sau kỳ kiểm tra "${round.name}"`,
        body: `Bạn được giao ôn lại ${items.length} bài học, tài liệu ở các chủ đề chưa đạt; hạn hoàn thành ngày ${vnDate(dueDate)}. Học xong, bạn được làm bài kiểm tra lại một lần.`,
        link: `/tests/${round.id}/result`,
        dedupeKey: `remedial:${id}:${dueDate}`,
      },
      tx,
    );
  }

  /** Whether the learner may take their extra attempt now, and until when. */
  async retestFor(user: AuthUser, round: TestRound): Promise<(RetestAvailability & { assignmentId: string }) | null> {
    if (!user.personId) return null;
    const own = this.access.ownScope(user);
    const row = await this.repo.find(own, round.id, user.personId);
    if (!row) return null;
    const items = await this.repo.items(own, [row.id]);
    return { ...this.availability(row, items, round), assignmentId: row.id };
  }

  async markRetest(assignmentId: string, attemptId: string): Promise<void> {
    await this.repo.markRetest(assignmentId, attemptId, this.clock.now());
  }

  private availability(row: RemedialRow, items: RemedialItemRow[], round: TestRound): RetestAvailability {
    return retestAvailability(
      {
        status: row.status,
        itemsDone: items.filter((i) => i.done).length,
        itemsTotal: items.length,
        retestUsed: row.retestAttemptId !== null,
        dueDate: row.dueDate,
        round: { opensAt: round.opensAt, closesAt: round.closesAt, archived: round.status === 'archived' || round.status === 'draft' },
      },
      this.clock.now(),
    );
  }

  private async toDtos(scope: UnitScope, rows: RemedialRow[], roundsById?: Map<string, TestRound>): Promise<RemedialAssignmentDto[]> {
    const items = await this.repo.items(scope, rows.map((r) => r.id));
    const now = this.clock.now();
    const out: RemedialAssignmentDto[] = [];
    for (const row of rows) {
      const round = roundsById?.get(row.roundId) ?? (await this.rounds.findRound(row.roundId));
      if (!round) continue;
      const mine = items.filter((i) => i.assignmentId === row.id);
      const done = mine.filter((i) => i.done).length;
      const retest = this.availability(row, mine, round);
      out.push({
        id: row.id,
        roundId: row.roundId,
        roundName: round.name,
        status: row.status,
        dueDate: row.dueDate,
        overdue: remedialOverdue({ status: row.status, dueDate: row.dueDate, itemsDone: done, itemsTotal: mine.length }, now),
        createdAt: row.createdAt.toISOString(),
        itemsDone: done,
        itemsTotal: mine.length,
        items: mine.map((i) => ({ kind: i.kind, refId: i.refId, topicId: i.topicId, title: i.title, done: i.done })),
        retestAvailable: retest.available,
        retestUntil: retest.available ? retest.windowEnd.toISOString() : null,
        retestUsed: row.retestAttemptId !== null,
      });
    }
    return out;
  }

  /** The learner's own assignments (all rounds, or one). */
  async mine(user: AuthUser, round?: TestRound): Promise<RemedialAssignmentDto[]> {
    if (!user.personId) return [];
    const own = this.access.ownScope(user);
    const rows = await this.repo.ofPerson(own, user.personId, round?.id ?? null);
    return this.toDtos(own, rows, round ? new Map([[round.id, round]]) : undefined);
  }

  async mineForRound(scope: UnitScope, personId: string, round: TestRound): Promise<RemedialAssignmentDto | null> {
    const row = await this.repo.find(scope, round.id, personId);
    return row ? (await this.toDtos(scope, [row], new Map([[round.id, round]])))[0] ?? null : null;
  }

  /** Per person of a round, of the people in the scope. */
  async summaries(scope: UnitScope, round: TestRound, personIds: string[]): Promise<Map<string, RemedialSummaryDto>> {
    const rows = await this.repo.ofRound(scope, round.id, personIds);
    const person = new Map(rows.map((r) => [r.id, r.personId]));
    const dtos = await this.toDtos(scope, rows, new Map([[round.id, round]]));
    return new Map(
      dtos.map((d) => [
        person.get(d.id)!,
        { status: d.status, dueDate: d.dueDate, overdue: d.overdue, itemsDone: d.itemsDone, itemsTotal: d.itemsTotal, retestUsed: d.retestUsed },
      ]),
    );
  }

  /** "I have read this" for a document of the learner's own assignment; anyone else's looks missing. */
  async markDocumentRead(user: AuthUser, assignmentId: string, documentId: string): Promise<RemedialAssignmentDto> {
    if (!user.personId) throw noPerson();
    if (!(await this.repo.markDocumentRead(assignmentId, user.personId, documentId, this.clock.now()))) throw remedialNotFound();
    const own = this.access.ownScope(user);
    const row = (await this.repo.ofPerson(own, user.personId, null)).find((r) => r.id === assignmentId);
    if (!row) throw remedialNotFound();
    const dto = (await this.toDtos(own, [row]))[0];
    // Reading the last document completes the re-study: an xAPI statement (its id comes from the assignment, so once).
    if (dto.itemsTotal > 0 && dto.itemsDone === dto.itemsTotal)
      await this.xapi.recordLearning([{ kind: 'remedial_completed', personId: user.personId, assignmentId, roundId: row.roundId, at: this.clock.now() }]);
    return dto;
  }
}
