import { Injectable } from '@nestjs/common';
import { NotTakenPersonDto, Page, RemindResultDto } from '@cchc/shared';
import { AccessService, UnitScope } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { AuditService } from '@api/audit';
import { RemindersService } from '@api/reminders';
import { roundPhase } from './dto/mappers';
import { testRoundsError, TestRoundsErrorCode } from './test-rounds.exception';
import { buildNotTakenExport } from './participation-export';
import { NotTakenFilter, NotTakenRow, ParticipationRepository } from './participation.repository';
import type { NotTakenQuery } from './dto/participation.dto';
import { TestRoundsService } from './test-rounds.service';

const toDto = (r: NotTakenRow): NotTakenPersonDto => ({
  personId: r.personId,
  staffCode: r.staffCode,
  fullName: r.fullName,
  position: r.position,
  unitId: r.unitId,
  unitName: r.unitName,
  status: r.status,
  startedAt: r.startedAt ? new Date(r.startedAt).toISOString() : null,
  hasAccount: r.hasAccount,
});

const vnDay = (d: Date) => new Date(d.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
const vnDateTime = (d: Date) =>
  d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The follow-up of a round: who in its audience has not submitted, the export and the reminders. */
@Injectable()
export class ParticipationService {
  constructor(
    private readonly repo: ParticipationRepository,
    private readonly rounds: TestRoundsService,
    private readonly access: AccessService,
    private readonly reminders: RemindersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async scopeAndFilter(user: AuthUser, q: NotTakenQuery): Promise<{ scope: UnitScope; filter: NotTakenFilter }> {
    const scope = q.unitId ? await this.access.requireUnit(user, q.unitId) : await this.access.scopeOf(user);
    const unitPath = q.unitId ? await this.repo.unitPath(q.unitId) : null;
    return { scope, filter: { unitPath, status: q.status, q: q.q?.trim() || undefined, sort: q.sort } };
  }

  async notTaken(user: AuthUser, roundId: string, q: NotTakenQuery): Promise<Page<NotTakenPersonDto>> {
    const round = await this.rounds.requireRound(user, roundId);
    const { scope, filter } = await this.scopeAndFilter(user, q);
    const { items, total } = await this.repo.page(round.id, round, scope, filter, q.page, q.pageSize);
    return { items: items.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  async notTakenXlsx(user: AuthUser, roundId: string, q: NotTakenQuery): Promise<{ buffer: Buffer; fileName: string }> {
    const round = await this.rounds.requireRound(user, roundId);
    const { scope, filter } = await this.scopeAndFilter(user, q);
    const rows = await this.repo.all(round.id, round, scope, filter);
    const unitName = q.unitId ? await this.repo.unitName(q.unitId) : scope.kind === 'subtree' ? await this.repo.unitName(scope.rootUnitId) : 'Toàn tỉnh';
    return {
      buffer: await buildNotTakenExport(round.name, round.closesAt, unitName ?? '', rows.map(toDto)),
      fileName: `chua-lam-bai-${round.id.slice(0, 8)}-${vnDay(this.clock.now())}.xlsx`,
    };
  }

  /** "Nhắc những người này": the filtered list, once per person per day, while the round is open. */
  async remind(user: AuthUser, roundId: string, q: NotTakenQuery): Promise<RemindResultDto> {
    const round = await this.rounds.requireRound(user, roundId);
    const now = this.clock.now();
    if (roundPhase(round, now) !== 'open') throw testRoundsError(TestRoundsErrorCode.TestRoundNotOpen, 'Kỳ kiểm tra không trong thời gian làm bài: không gửi nhắc nhở.');
    const { scope, filter } = await this.scopeAndFilter(user, q);
    const rows = await this.repo.all(round.id, round, scope, filter);
    const withAccount = rows.filter((r) => r.userId);
    const result = await this.reminders.remindNow(
      withAccount.map((r) => ({ userId: r.userId!, email: r.email })),
      {
        kind: 'round_not_taken',
        key: `round-not-taken:${round.id}:${vnDay(now)}`,
        title: `Nhắc làm bài kiểm tra: ${round.name}`,
        body: `Bạn chưa hoàn thành bài kiểm tra "${round.name}". Hạn làm bài: ${vnDateTime(round.closesAt)}. Mở mục "Kiểm tra" để làm bài.`,
        link: `/tests/${round.id}`,
      },
    );
    await this.audit.record(user, {
      action: 'remind',
      entityType: 'test_round',
      entityId: round.id,
      summary: `Nhắc ${result.notified} người chưa làm bài "${round.name}" (${result.already} người đã được nhắc hôm nay, ${rows.length - withAccount.length} người chưa có tài khoản)`,
    });
    return { reminded: result.notified, alreadyToday: result.already, withoutAccount: rows.length - withAccount.length, emails: result.emails };
  }
}
