import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  BlueprintCheckDto,
  blueprintAvailability,
  BlueprintLine,
  blueprintSize,
  DEFAULT_BANDS,
  normalizeBlueprint,
  RECURRENCE_MONTHS,
  RoundAudience,
  TestRoundDto,
  validateBands,
  TestRoundChoiceDto,
} from '@cchc/shared';
import { AuditAction, AuditService } from '@api/audit';
import { systemScope } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { AccessService, ContentScope, ownerContentScope } from '@api/common/access';
import { Clock } from '@api/common/clock';
import { NotificationsService } from '@api/notifications';
import { roundPhase, mapRound } from './dto/mappers';
import { TestRoundRequest } from './dto/test-round.dto';
import { TestRound } from './test-round.entity';
import { blueprintUnsatisfiable, formatVn, roundLocked, roundNotDraft, roundNotFound, testRoundsError, TestRoundsErrorCode } from './test-rounds.exception';
import { TestRoundsRepository } from './test-rounds.repository';


/** Adds calendar months, keeping the time of day (the 31st becomes the month's last day). */
export function addMonths(d: Date, months: number): Date {
  const out = new Date(d.getTime());
  const day = out.getUTCDate();
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + months);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, last));
  return out;
}

/** Authoring test rounds, checking blueprints against the bank, and the scheduled life of rounds. */
@Injectable()
export class TestRoundsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: TestRoundsRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly access: AccessService,
  ) {}

  /** A round the caller may see (another province's is not found); `write`: one the caller may change. */
  requireRound(user: AuthUser, id: string, { write = false } = {}): Promise<TestRound> {
    return this.access.requireContent(user, id, (x) => this.repo.findRound(x), roundNotFound, { write });
  }

  /** The caller's province's rounds and the national ones. */
  async list(user: AuthUser, manage: boolean): Promise<TestRoundDto[]> {
    const rounds = await this.repo.listRounds(await this.access.contentScopeOf(user), manage);
    const now = this.clock.now();
    return Promise.all(rounds.map(async (r) => mapRound(r, now, r.audience.unitId ? await this.repo.unitName(r.audience.unitId) : null)));
  }

  /** The round picker: the caller's province's rounds and the national ones. */
  async choices(user: AuthUser): Promise<TestRoundChoiceDto[]> {
    const now = this.clock.now();
    return (await this.repo.listRounds(await this.access.contentScopeOf(user), true)).map((r) => ({ id: r.id, name: r.name, phase: roundPhase(r, now), opensAt: r.opensAt.toISOString(), closesAt: r.closesAt.toISOString() }));
  }

  async get(user: AuthUser, id: string, manage: boolean): Promise<TestRoundDto> {
    const round = await this.requireRound(user, id);
    if (!manage && round.status === 'draft') throw roundNotFound();
    return mapRound(round, this.clock.now(), round.audience.unitId ? await this.repo.unitName(round.audience.unitId) : null);
  }

  /** Checks a blueprint against the banks a round of the caller would draw from (their province's and the nation's). */
  async checkBlueprintFor(user: AuthUser, blueprint: BlueprintLine[]): Promise<BlueprintCheckDto> {
    return this.checkBlueprint(blueprint, ownerContentScope(await this.access.contentOwnerOf(user)));
  }

  private async checkBlueprint(blueprint: BlueprintLine[], banks: ContentScope): Promise<BlueprintCheckDto> {
    const lines = normalizeBlueprint(blueprint);
    const topicIds = [...new Set(lines.map((l) => l.topicId))];
    const names = await this.repo.topicNames(topicIds, banks);
    const unknown = topicIds.filter((id) => !names.has(id));
    if (unknown.length) throw testRoundsError(TestRoundsErrorCode.TopicNotFound, 'Ma trận đề có chủ đề không tồn tại.');
    const availability = blueprintAvailability(lines, await this.repo.pool(topicIds, banks));
    return { ok: availability.every((a) => a.missing === 0), lines: availability.map((a) => ({ ...a, topicName: names.get(a.topicId) ?? a.topicId })) };
  }

  /** Refuses a blueprint the bank cannot satisfy, naming each topic/difficulty with needed and available. */
  private async requireSatisfiable(blueprint: BlueprintLine[], owner: string | null): Promise<void> {
    const check = await this.checkBlueprint(blueprint, ownerContentScope(owner));
    const short = check.lines.filter((l) => l.missing > 0);
    if (short.length) throw blueprintUnsatisfiable(short.map(({ topicId, topicName, difficulty, needed, available }) => ({ topicId, topicName, difficulty, needed, available })));
  }

  /** The round's fields from a request, for a round of `owner` (a province, or null: the nation). */
  private async validate(req: TestRoundRequest, owner: string | null): Promise<Partial<TestRound>> {
    const opensAt = new Date(req.opensAt);
    const closesAt = new Date(req.closesAt);
    if (!(closesAt > opensAt)) throw testRoundsError(TestRoundsErrorCode.InvalidWindow, 'Thời điểm đóng phải sau thời điểm mở kỳ kiểm tra.');
    const blueprint = normalizeBlueprint(req.blueprint);
    if (blueprintSize(blueprint) === 0) throw testRoundsError(TestRoundsErrorCode.EmptyBlueprint, 'Ma trận đề cần ít nhất một câu hỏi.');
    if (blueprintSize(blueprint) > 200) throw testRoundsError(TestRoundsErrorCode.BlueprintTooLarge, 'Một đề kiểm tra có tối đa 200 câu hỏi.');
    const bands = req.bands ?? DEFAULT_BANDS;
    const bandProblems = validateBands(bands);
    if (bandProblems.length) throw testRoundsError(TestRoundsErrorCode.InvalidBands, bandProblems.join(' '));
    const audience: RoundAudience = {
      unitId: req.audience?.unitId ?? null,
      categories: req.audience?.categories ?? [],
      doesCchcWork: req.audience?.doesCchcWork ?? null,
      isLeader: req.audience?.isLeader ?? null,
    };
    // A province's round stays in its province: a unit of another province reads as unknown.
    const unitPath = audience.unitId ? await this.repo.unitPath(audience.unitId) : null;
    if (audience.unitId && (!unitPath || (owner && !unitPath.includes(`/${owner}/`))))
      throw testRoundsError(TestRoundsErrorCode.UnitNotFound, 'Không tìm thấy đơn vị của đối tượng kiểm tra.');
    await this.requireSatisfiable(blueprint, owner);
    return {
      name: req.name,
      opensAt,
      closesAt,
      blueprint,
      topicIds: [...new Set(blueprint.map((l) => l.topicId))],
      audience,
      timeLimitMinutes: req.timeLimitMinutes ?? 30,
      attemptsAllowed: req.attemptsAllowed ?? 1,
      counting: req.counting ?? 'highest',
      passMark: req.passMark ?? 5,
      bands: [...bands].sort((a, b) => b.min - a.min),
      shuffleQuestions: req.shuffleQuestions ?? true,
      shuffleOptions: req.shuffleOptions ?? true,
      reviewMode: req.reviewMode ?? 'topics',
      recurrence: req.recurrence ?? null,
      recommendBelow: req.recommendBelow ?? 5,
      commendMinScore: req.commendation?.minScore ?? 9,
      commendTopN: req.commendation?.topPerUnit ?? 3,
      remedialAuto: req.remedial?.auto ?? false,
      remedialDueDays: req.remedial?.dueDays ?? 14,
    };
  }

  async create(user: AuthUser, req: TestRoundRequest): Promise<TestRoundDto> {
    // A new round is its author's province's (the nation's for the national level).
    const owner = await this.access.contentOwnerOf(user);
    const fields = await this.validate(req, owner);
    const id = await this.db.transaction(async (tx) => {
      const newId = await this.repo.insertRound({ ...fields, status: 'draft', createdBy: user.id, provinceId: owner }, tx);
      await this.audit.record(user, { action: AuditAction.Create, entityType: 'test_round', entityId: newId, summary: `Tạo kỳ kiểm tra "${req.name}"` }, tx);
      return newId;
    });
    return this.get(user, id, true);
  }

  async update(user: AuthUser, id: string, req: TestRoundRequest): Promise<TestRoundDto> {
    const before = await this.requireRound(user, id, { write: true });
    const fields = await this.validate(req, before.provinceId);
    await this.db.transaction(async (tx) => {
      const round = await this.repo.findRound(id, tx);
      if (!round) throw roundNotFound();
      if (await this.repo.hasAttempts(id, tx)) throw roundLocked();
      await this.repo.updateRound(id, fields, tx);
      await this.audit.record(user, { action: AuditAction.Update, entityType: 'test_round', entityId: id, summary: `Sửa kỳ kiểm tra "${req.name}"` }, tx);
    });
    return this.get(user, id, true);
  }

  /** Publishing checks the bank again (it may have changed since the draft) and announces an already open round. */
  async publish(user: AuthUser, id: string): Promise<TestRoundDto> {
    const round = await this.requireRound(user, id, { write: true });
    if (round.status !== 'draft') throw roundNotDraft();
    const now = this.clock.now();
    if (round.closesAt <= now) throw testRoundsError(TestRoundsErrorCode.WindowPassed, 'Thời điểm đóng của kỳ kiểm tra đã qua; hãy sửa lại thời gian trước khi công bố.');
    await this.requireSatisfiable(round.blueprint, round.provinceId);
    await this.db.transaction(async (tx) => {
      await this.repo.updateRound(id, { status: round.opensAt <= now ? 'open' : 'scheduled' }, tx);
      await this.audit.record(user, { action: AuditAction.Update, entityType: 'test_round', entityId: id, summary: `Công bố kỳ kiểm tra "${round.name}"` }, tx);
    });
    if (round.opensAt <= now) await this.announce(await this.requireRound(user, id));
    return this.get(user, id, true);
  }

  /** Tells the audience the round is open, once (the dedupe key makes a repeated run harmless). */
  private async announce(round: TestRound): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Announced on nobody's behalf, to the whole audience.
      const people = await this.repo.audiencePersonIds(systemScope(), round, tx);
      await this.notifications.notifyPeople(
        people,
        {
          kind: 'test_round_open',
          title: `Kỳ kiểm tra "${round.name}" đã mở`,
          body: `Thời gian làm bài: ${round.timeLimitMinutes} phút, ${blueprintSize(round.blueprint)} câu hỏi. Hạn cuối: ${formatVn(round.closesAt)}.`,
          link: `/tests/${round.id}`,
          dedupeKey: `test_round_open:${round.id}`,
        },
        tx,
      );
      await this.repo.updateRound(round.id, { status: 'open', audienceNotifiedAt: this.clock.now() }, tx);
    });
  }

  /**
   * The scheduled job (pg-boss, every minute; tests call it directly): opens and announces rounds whose window began,
   * closes ended ones and creates the next round of a recurring one.
   */
  async tick(): Promise<{ opened: number; closed: number; created: number }> {
    const now = this.clock.now();
    let opened = 0;
    let closed = 0;
    let created = 0;
    for (const round of await this.repo.roundsToOpen(now)) {
      await this.announce(round);
      opened++;
    }
    for (const round of await this.repo.roundsToClose(now)) {
      await this.db.transaction(async (tx) => {
        const fresh = await this.repo.findRound(round.id, tx);
        if (!fresh) return;
        if (fresh.status !== 'closed') {
          await this.repo.updateRound(round.id, { status: 'closed' }, tx);
          closed++;
        }
        if (fresh.recurrence && !fresh.nextRoundId) {
          const months = RECURRENCE_MONTHS[fresh.recurrence];
          const opensAt = addMonths(fresh.opensAt, months);
          const closesAt = addMonths(fresh.closesAt, months);
          const baseName = fresh.name.replace(/ – đợt \d{2}\/\d{2}\/\d{4}$/, '');
          const dd = (d: Date) => d.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
          const { id: _id, createdAt: _c, updatedAt: _u, audienceNotifiedAt: _a, ...copy } = fresh;
          const nextId = await this.repo.insertRound(
            { ...copy, name: `${baseName} – đợt ${dd(opensAt)}`.slice(0, 200), opensAt, closesAt, status: opensAt <= now ? 'open' : 'scheduled', previousRoundId: fresh.id, nextRoundId: null },
            tx,
          );
          await this.repo.updateRound(fresh.id, { nextRoundId: nextId }, tx);
          await this.audit.record(null, { action: AuditAction.Create, entityType: 'test_round', entityId: nextId, summary: `Tự động mở kỳ kiểm tra định kỳ tiếp theo của "${baseName}"` }, tx);
          created++;
        }
      });
    }
    // A round created above whose window has already begun is announced at once.
    if (created) {
      for (const round of await this.repo.roundsToOpen(now)) {
        await this.announce(round);
        opened++;
      }
    }
    return { opened, closed, created };
  }

  phaseOf(round: TestRound): ReturnType<typeof roundPhase> {
    return roundPhase(round, this.clock.now());
  }
}
