import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { DataSource, EntityManager } from 'typeorm';
import {
  AccountHandoutDto,
  BulkAccountProblem,
  BulkAccountsPlanDto,
  BulkAccountsResultDto,
  HandoutFormat,
  Permission,
  PersonStatus,
  Role,
  roleHasPermission,
  usernameForStaffCode,
} from '@cchc/shared';
import { AccessService } from '@api/common/access';
import { SessionRevocations, type AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { AuditAction, AuditService } from '@api/audit';
import { OrgUnitsRepository } from '@api/org-units';
import { PasswordHasher } from '@api/users';
import { planAccounts, toRow } from './account-plan';
import { AccountsErrorCode as E, AccountsException } from './accounts.exception';
import { AccountCandidate, AccountsRepository } from './accounts.repository';
import { buildHandoutPdf, buildHandoutXlsx } from './handout-files';
import { generateOneTimePassword, HandoutEntry, openHandout, sealHandout } from './one-time-password';

/** One request creates at most this many accounts (a handout of 5,000 slips is 625 pages already). */
export const MAX_ACCOUNTS_PER_REQUEST = 5000;
/** A handout nobody downloads is deleted after this long. */
export const HANDOUT_TTL_MS = 24 * 3600 * 1000;
const SAMPLE_ROWS = 20;
/** People who get accounts: at work or on temporary leave. */
const WITH_ACCOUNT: ReadonlySet<PersonStatus> = new Set([PersonStatus.Active, PersonStatus.OnLeave]);

/** A row the staff import would create, as the account check needs it. */
export interface ImportAccountRow {
  row: number;
  staffCode: string;
  fullName: string;
  unitId: string;
  status: PersonStatus;
}

export interface ImportAccountProblem {
  row: number;
  problem: BulkAccountProblem;
  username: string | null;
  message: string;
}

/** Roles whose accounts each role may reset: an officer cannot take over a coordinator who works in their unit. */
const RESETTABLE: Record<Role, readonly Role[]> = {
  [Role.Learner]: [],
  [Role.Author]: [],
  [Role.UnitOfficer]: [Role.Learner],
  [Role.Coordinator]: [Role.Learner, Role.UnitOfficer, Role.Author],
  [Role.Admin]: [Role.Learner, Role.UnitOfficer, Role.Author, Role.Coordinator, Role.Admin, Role.NationalOfficer],
  // Reads only.
  [Role.NationalOfficer]: [],
};


/** Accounts for everyone in a subtree, password resets by officers, and the printable one-time handouts. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: AccountsRepository,
    private readonly units: OrgUnitsRepository,
    private readonly access: AccessService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly sessions: SessionRevocations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The dry run: how many accounts would be created, and every person who cannot get one (with why). */
  async plan(user: AuthUser, unitId: string): Promise<BulkAccountsPlanDto> {
    const scope = await this.access.requireUnit(user, unitId);
    const unit = (await this.units.findById(unitId))!;
    const people = await this.repo.peopleOfSubtree(scope, unit.path);
    const plan = planAccounts(people, await this.repo.takenUsernames(this.wantedUsernames(people)), this.config.accountUsernamePrefix);
    return {
      unitId,
      unitName: unit.name,
      candidates: plan.candidates.length,
      toCreate: plan.create.length,
      alreadyHaveAccount: plan.alreadyHaveAccount,
      problems: plan.problems,
      sample: plan.create.slice(0, SAMPLE_ROWS).map((c) => toRow(c.candidate, c.username, null)),
    };
  }

  /** Creates every account of the plan or none; the one-time passwords leave the server once, in the handout. */
  async commit(user: AuthUser, unitId: string): Promise<BulkAccountsResultDto> {
    const scope = await this.access.requireUnit(user, unitId);
    const unit = (await this.units.findById(unitId))!;
    const people = await this.repo.peopleOfSubtree(scope, unit.path);
    const plan = planAccounts(people, await this.repo.takenUsernames(this.wantedUsernames(people)), this.config.accountUsernamePrefix);
    if (plan.problems.length)
      throw new AccountsException(409, E.HasProblems, `Có ${plan.problems.length} cán bộ chưa tạo được tài khoản; chưa tạo tài khoản nào. Hãy xử lý các dòng trong danh sách rồi thử lại.`, { problems: plan.problems });
    if (!plan.create.length)
      throw new AccountsException(400, E.NobodyToCreate, people.length ? `Mọi cán bộ của "${unit.name}" đã có tài khoản.` : `"${unit.name}" chưa có cán bộ đang công tác nào.`);
    if (plan.create.length > MAX_ACCOUNTS_PER_REQUEST)
      throw new AccountsException(400, E.TooMany, `Mỗi lần tạo tối đa ${MAX_ACCOUNTS_PER_REQUEST.toLocaleString('vi-VN')} tài khoản; "${unit.name}" có ${plan.create.length.toLocaleString('vi-VN')} người chưa có. Hãy chọn từng đơn vị trực thuộc.`);

    // Hashing is CPU work: done before the transaction so no lock is held meanwhile.
    const entries = await this.withPasswords(plan.create.map((c) => ({ candidate: c.candidate, username: c.username })));
    return this.db.transaction(async (tx) => {
      const inserted = await this.repo.insertLearnerAccounts(
        entries.map(({ candidate: c, username, passwordHash }) => ({ personId: c.personId, unitId: c.unitId, username, displayName: c.fullName, passwordHash })),
        tx,
      ).catch((e: { code?: string }) => {
        if (e.code === '23505') throw changedMeanwhile();
        throw e;
      });
      if (inserted !== entries.length) throw changedMeanwhile();
      const handout = await this.storeHandout(user, unit.id, 'bulk', entries.map((e) => e.entry), tx);
      await this.audit.record(
        user,
        {
          action: AuditAction.AccountsCreate,
          entityType: 'unit',
          entityId: unit.id,
          unitPath: unit.path,
          summary: `Tạo ${inserted} tài khoản cho cán bộ thuộc "${unit.name}" (mật khẩu một lần, phiếu ${handout.handoutId.slice(0, 8)})`,
          details: { handoutId: handout.handoutId, usernames: entries.map((e) => e.username) },
        },
        tx,
      );
      return { ...handout, created: inserted };
    });
  }

  /**
   * The staff import's check of "tạo tài khoản cho người mới", before anything is written: which of the people the file
   * would create get an account (those at work), and the rows whose account cannot be made (with why). The same rule
   * as the bulk creation, so the dry run and the commit agree.
   */
  async planForImport(rows: ImportAccountRow[], manager: EntityManager = this.db.manager): Promise<{ toCreate: number; problems: ImportAccountProblem[] }> {
    const atWork = rows.filter((r) => WITH_ACCOUNT.has(r.status));
    const provinces = await this.repo.provinceCodesOfUnits([...new Set(atWork.map((r) => r.unitId))], manager);
    const candidates = atWork.map((r) => ({
      personId: String(r.row),
      fullName: r.fullName,
      staffCode: r.staffCode.trim() || null,
      position: null,
      unitName: '',
      provinceCode: provinces.get(r.unitId) ?? null,
      username: null,
    }));
    const plan = planAccounts(candidates, await this.repo.takenUsernames(this.wantedUsernames(candidates), manager), this.config.accountUsernamePrefix);
    return {
      toCreate: plan.create.length,
      problems: plan.problems.map((p) => ({ row: Number(p.personId), problem: p.problem!, username: p.username, message: p.message! })),
    };
  }

  /**
   * Accounts for the people an import has just created, inside the import's transaction and all-or-nothing with it:
   * a person whose account cannot be made (the dry run lists them) fails the whole import. Audited; the one-time
   * passwords leave the server once, in the handout.
   */
  async createForNewPeople(user: AuthUser, personIds: string[], tx: EntityManager): Promise<AccountHandoutDto | null> {
    if (!personIds.length) return null;
    if (!roleHasPermission(user.role, Permission.PeopleWrite))
      throw new AccountsException(403, E.ResetNotAllowed, 'Bạn không có quyền tạo tài khoản cho cán bộ.');
    const scope = await this.access.scopeOf(user);
    const people = await this.repo.peopleByIds(scope, personIds, tx);
    const plan = planAccounts(people, await this.repo.takenUsernames(this.wantedUsernames(people), tx), this.config.accountUsernamePrefix);
    if (plan.problems.length)
      throw new AccountsException(409, E.HasProblems, `Có ${plan.problems.length} cán bộ mới chưa tạo được tài khoản; chưa ghi dòng nào của tệp. Hãy kiểm tra lại tệp rồi nhập lại.`, { problems: plan.problems });
    if (!plan.create.length) return null;
    if (plan.create.length > MAX_ACCOUNTS_PER_REQUEST)
      throw new AccountsException(400, E.TooMany, `Mỗi lần tạo tối đa ${MAX_ACCOUNTS_PER_REQUEST.toLocaleString('vi-VN')} tài khoản; tệp có ${plan.create.length.toLocaleString('vi-VN')} người mới. Hãy chia tệp.`);
    const entries = await this.withPasswords(plan.create);
    const inserted = await this.repo.insertLearnerAccounts(
      entries.map(({ candidate: c, username, passwordHash }) => ({ personId: c.personId, unitId: c.unitId, username, displayName: c.fullName, passwordHash })),
      tx,
    ).catch((e: { code?: string }) => {
      if (e.code === '23505') throw changedMeanwhile();
      throw e;
    });
    if (inserted !== entries.length) throw changedMeanwhile();
    // The handout belongs to the importer's own unit when the new people are in it, else to the first new person's.
    const unitIds = new Set(entries.map((e) => e.candidate.unitId));
    const unit = (await this.units.findById(unitIds.size === 1 ? [...unitIds][0] : (user.unitId ?? entries[0].candidate.unitId), tx))!;
    const handout = await this.storeHandout(user, unit.id, 'import', entries.map((e) => e.entry), tx);
    await this.audit.record(
      user,
      {
        action: AuditAction.AccountsCreate,
        entityType: 'unit',
        entityId: unit.id,
        unitPath: unit.path,
        summary: `Tạo ${inserted} tài khoản cho cán bộ mới nhập từ tệp (mật khẩu một lần, phiếu ${handout.handoutId.slice(0, 8)})`,
        details: { handoutId: handout.handoutId, usernames: entries.map((e) => e.username) },
      },
      tx,
    );
    return handout;
  }

  /** A new one-time password for one person in the caller's subtree; their sessions end and any lock lifts. */
  async resetPassword(user: AuthUser, personId: string): Promise<AccountHandoutDto> {
    const scope = await this.access.requirePerson(user, personId);
    const account = await this.repo.accountOfPerson(scope, personId);
    if (!account) throw new AccountsException(404, E.NoAccount, 'Cán bộ này chưa có tài khoản. Hãy tạo tài khoản trước.');
    if (!RESETTABLE[user.role].includes(account.role))
      throw new AccountsException(403, E.ResetNotAllowed, 'Bạn không được đặt lại mật khẩu của tài khoản có vai trò này. Hãy liên hệ quản trị hệ thống.');
    const password = generateOneTimePassword();
    const passwordHash = await this.hasher.hashOneTime(password);
    const { handout, ended } = await this.db.transaction(async (tx) => {
      await this.repo.setOneTimePassword(account.userId, passwordHash, tx);
      const entry: HandoutEntry = { unitName: account.unitName, unitPath: account.unitPath, fullName: account.fullName, position: account.position, username: account.username, password };
      const handout = await this.storeHandout(user, account.unitId, 'reset', [entry], tx);
      await this.audit.record(
        user,
        { action: AuditAction.PasswordReset, entityType: 'user', entityId: account.userId, unitPath: account.unitPath, summary: `Cấp mật khẩu một lần mới cho tài khoản "${account.username}" (${account.fullName})`, details: { handoutId: handout.handoutId } },
        tx,
      );
      // Access tokens end too, not only refresh tokens: whoever knew the old password is out at once.
      return { handout, ended: await this.sessions.revoke(account.userId, tx) };
    });
    ended.applied();
    return handout;
  }

  /** One format of a handout, once, to the person who made it and holds its key. */
  async handoutFile(user: AuthUser, id: string, key: string, format: HandoutFormat): Promise<{ buffer: Buffer; fileName: string }> {
    const now = this.clock.now();
    await this.repo.purgeExpiredHandouts(now);
    return this.db.transaction(async (tx) => {
      const handout = await this.repo.lockHandout(id, tx);
      if (!handout || handout.createdBy !== user.id) throw new AccountsException(404, E.HandoutNotFound, 'Không tìm thấy phiếu tài khoản.');
      const taken = format === 'pdf' ? handout.pdfTakenAt : handout.xlsxTakenAt;
      if (taken || !handout.sealed)
        throw new AccountsException(410, E.HandoutGone, taken
          ? `Phiếu ${format === 'pdf' ? 'PDF' : 'Excel'} này đã được tải lúc ${vnTime(taken)}. Mật khẩu một lần chỉ hiển thị một lần; nếu làm mất phiếu, hãy đặt lại mật khẩu cho từng người.`
          : 'Phiếu đã hết hạn tải (24 giờ) và đã bị xóa. Hãy đặt lại mật khẩu cho những người chưa nhận được phiếu.');
      const entries = openHandout(handout.sealed, key);
      if (!entries) throw new AccountsException(403, E.HandoutKeyInvalid, 'Mã mở phiếu không đúng.');
      // The configured public address, never the request's Host header: a forged header must not end up on paper.
      const doc = { siteUrl: this.config.publicUrl, createdAt: handout.createdAt, entries };
      const buffer = format === 'pdf' ? await buildHandoutPdf(doc) : await buildHandoutXlsx(doc);
      await this.repo.markHandoutTaken(id, format, now, tx);
      await this.audit.record(user, { action: AuditAction.HandoutDownload, entityType: 'account_handout', entityId: id, summary: `Tải phiếu tài khoản (${format.toUpperCase()}, ${handout.accounts} tài khoản)` }, tx);
      const unitSlug = entries.length === 1 ? entries[0].username : slug(entries[0]?.unitName ?? 'don-vi');
      return { buffer, fileName: `phieu-tai-khoan-${unitSlug}-${vnDay(handout.createdAt)}.${format}` };
    });
  }

  private wantedUsernames(people: Pick<AccountCandidate, 'staffCode' | 'provinceCode' | 'username'>[]): string[] {
    return people
      .filter((p) => !p.username)
      .map((p) => usernameForStaffCode(p.staffCode, this.config.accountUsernamePrefix, p.provinceCode ?? ''))
      .filter((u): u is string => !!u);
  }

  private async withPasswords<T extends { candidate: AccountCandidate; username: string }>(rows: T[]) {
    const out: (T & { passwordHash: string; entry: HandoutEntry })[] = [];
    // In slices, so a large subtree does not queue thousands of hashes on the thread pool at once.
    for (let i = 0; i < rows.length; i += 64) {
      const slice = rows.slice(i, i + 64);
      out.push(
        ...(await Promise.all(
          slice.map(async (r) => {
            const password = generateOneTimePassword();
            const c = r.candidate;
            return { ...r, passwordHash: await this.hasher.hashOneTime(password), entry: { unitName: c.unitName, unitPath: c.unitPath, fullName: c.fullName, position: c.position, username: r.username, password } };
          }),
        )),
      );
    }
    return out;
  }

  private async storeHandout(user: AuthUser, unitId: string, kind: 'bulk' | 'import' | 'reset', entries: HandoutEntry[], tx: EntityManager): Promise<AccountHandoutDto> {
    const { sealed, key } = sealHandout(entries);
    const createdAt = this.clock.now();
    const expiresAt = new Date(createdAt.getTime() + HANDOUT_TTL_MS);
    const handoutId = await this.repo.insertHandout({ unitId, createdBy: user.id, kind, accounts: entries.length, sealed, createdAt, expiresAt }, tx);
    return { handoutId, handoutKey: key, accounts: entries.length, expiresAt: expiresAt.toISOString() };
  }
}

const changedMeanwhile = () =>
  new AccountsException(409, E.ChangedMeanwhile, 'Danh sách cán bộ vừa thay đổi (có người vừa được tạo tài khoản). Chưa tạo tài khoản nào; hãy xem lại và thử lại.');
const vnTime = (d: Date) => d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
const vnDay = (d: Date) => new Date(d.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
const slug = (s: string) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'don-vi';
