import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  ageOn,
  MAX_AGE,
  MIN_AGE,
  foldVietnamese,
  normalizeName,
  Page,
  PERSON_STATUS_LABELS,
  PersonDetailDto,
  PersonListItemDto,
  PersonStatus,
  UnitChangeReason,
  UnitStatus,
} from '@cchc/shared';
import { AccessService } from '@api/common/access';
import type { UnitScope } from '@api/common/access';
import { SessionRevocations, type AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { AuditAction, AuditService } from '@api/audit';
import { OrgUnitsRepository } from '@api/org-units';
import {
  ChangeStatusRequest,
  CreatePersonRequest,
  mapPersonDetail,
  mapPersonListItem,
  PeopleListQuery,
  TransferPersonRequest,
  UpdatePersonRequest,
} from './dto/person.dto';
import { peopleError, PeopleErrorCode as E } from './people.exception';
import { PeopleFilter, PeopleRepository, PersonRow } from './people.repository';
import type { Person } from './person.entity';

export const personSearchText = (fullName: string, staffCode: string) => foldVietnamese(`${fullName} ${staffCode}`);

@Injectable()
export class PeopleService {
  constructor(
    private readonly db: DataSource,
    private readonly people: PeopleRepository,
    private readonly units: OrgUnitsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly sessions: SessionRevocations,
  ) {}

  /** Resolves the caller's scope and the list filter (checking the chosen unit lies in scope). */
  async filterFor(user: AuthUser, q: PeopleListQuery): Promise<{ scope: UnitScope; filter: PeopleFilter }> {
    const scope = q.unitId ? await this.access.requireUnit(user, q.unitId) : await this.access.scopeOf(user);
    const unit = q.unitId ? (await this.units.findById(q.unitId))! : null;
    return {
      scope,
      filter: {
        q: q.q?.trim() || undefined,
        unit: unit ? { id: unit.id, path: unit.path, includeSubunits: q.includeSubunits ?? true } : undefined,
        category: q.category,
        status: q.status,
        doesCchcWork: q.doesCchcWork,
        isLeader: q.isLeader,
        sort: q.sort,
      },
    };
  }

  async list(user: AuthUser, q: PeopleListQuery): Promise<Page<PersonListItemDto>> {
    const { scope, filter } = await this.filterFor(user, q);
    const { items, total } = await this.people.list(scope, filter, q.page, q.pageSize);
    return { items: items.map(mapPersonListItem), total, page: q.page, pageSize: q.pageSize };
  }

  async listForExport(user: AuthUser, q: PeopleListQuery): Promise<PersonRow[]> {
    const { scope, filter } = await this.filterFor(user, q);
    return this.people.listAll(scope, filter);
  }

  async get(user: AuthUser, id: string): Promise<PersonDetailDto> {
    const scope = await this.access.requirePerson(user, id, { allowSelf: true });
    // Reading oneself needs no managed unit (a learner's scope is their own person).
    return this.detail(user.personId === id ? this.access.ownScope(user) : scope, id);
  }

  async create(user: AuthUser, req: CreatePersonRequest): Promise<PersonDetailDto> {
    const scope = await this.access.requireUnit(user, req.unitId);
    if (req.dateOfBirth) this.assertBirthDate(req.dateOfBirth);
    const staffCode = req.staffCode.toUpperCase();
    const id = await this.db.transaction(async (tx) => {
      const unit = await this.activeUnit(req.unitId, tx);
      const [existing] = await this.people.findByStaffCodes([staffCode], unit.provinceId ?? unit.id, tx);
      if (existing) throw peopleError(E.StaffCodeTaken, `Mã cán bộ "${staffCode}" đã được dùng cho ${existing.fullName} (${existing.unitName}).`);
      const fullName = normalizeName(req.fullName);
      const newId = await this.people.insert(
        {
          staffCode,
          fullName,
          searchText: personSearchText(fullName, staffCode),
          unitId: unit.id,
          category: req.category,
          position: req.position ?? null,
          email: req.email?.toLowerCase() ?? null,
          phone: req.phone ?? null,
          dateOfBirth: req.dateOfBirth ?? null,
          gender: req.gender ?? null,
          doesCchcWork: req.doesCchcWork,
          isLeader: req.isLeader,
          status: PersonStatus.Active,
        },
        this.clock.now(),
        UnitChangeReason.Hire,
        tx,
      );
      await this.audit.record(user, { action: AuditAction.Create, entityType: 'person', entityId: newId, unitPath: unit.path, summary: `Thêm cán bộ ${fullName} (${staffCode}) vào "${unit.name}"` }, tx);
      return newId;
    });
    return this.detail(scope, id);
  }

  async update(user: AuthUser, id: string, req: UpdatePersonRequest): Promise<PersonDetailDto> {
    const scope = await this.access.requirePerson(user, id);
    if (!req || Object.values(req).every((v) => v === undefined))
      throw peopleError(E.NothingToUpdate, 'Không có thông tin nào để sửa.');
    if (req.dateOfBirth) this.assertBirthDate(req.dateOfBirth);
    await this.db.transaction(async (tx) => {
      const before = (await this.people.lockForUpdate(id, tx))!;
      const patch: Partial<Person> = {};
      if (req.fullName !== undefined) {
        patch.fullName = normalizeName(req.fullName);
        patch.searchText = personSearchText(patch.fullName, before.staffCode);
      }
      if (req.category !== undefined) patch.category = req.category;
      if (req.doesCchcWork !== undefined) patch.doesCchcWork = req.doesCchcWork;
      if (req.isLeader !== undefined) patch.isLeader = req.isLeader;
      if (req.position !== undefined) patch.position = req.position ?? null;
      if (req.email !== undefined) patch.email = req.email?.toLowerCase() ?? null;
      if (req.phone !== undefined) patch.phone = req.phone ?? null;
      if (req.dateOfBirth !== undefined) patch.dateOfBirth = req.dateOfBirth ?? null;
      if (req.gender !== undefined) patch.gender = req.gender ?? null;
      const old = before as unknown as Record<string, unknown>;
      const changed = Object.entries(patch).filter(([k, v]) => k !== 'searchText' && old[k] !== v);
      if (!changed.length) return;
      await this.people.update(id, patch, tx);
      await this.audit.record(
        user,
        {
          action: AuditAction.Update,
          entityType: 'person',
          entityId: id,
          summary: `Sửa thông tin cán bộ ${patch.fullName ?? before.fullName} (${before.staffCode})`,
          details: { changed: Object.fromEntries(changed.map(([k, v]) => [k, { from: old[k], to: v }])) },
        },
        tx,
      );
    });
    return this.detail(scope, id);
  }

  /** Working age, as the import checks it: a typo such as 2030 for 1980 is caught here too. */
  private assertBirthDate(iso: string): void {
    const age = ageOn(iso, this.clock.now());
    if (age < MIN_AGE || age > MAX_AGE)
      throw peopleError(E.BirthDateOutOfRange, `Ngày sinh ${iso.split('-').reverse().join('/')} cho tuổi ${age}, ngoài khoảng ${MIN_AGE}–${MAX_AGE} tuổi.`);
  }

  /** Moves a person to another unit from a date, keeping where they were and when. */
  async transfer(user: AuthUser, id: string, req: TransferPersonRequest): Promise<PersonDetailDto> {
    const scope = await this.access.requirePerson(user, id);
    await this.access.requireUnit(user, req.unitId);
    await this.db.transaction(async (tx) => {
      const person = (await this.people.lockForUpdate(id, tx))!;
      if (person.unitId === req.unitId) throw peopleError(E.SameUnit, 'Cán bộ đang công tác tại đơn vị này.');
      const unit = await this.activeUnit(req.unitId, tx);
      const from = (await this.units.findById(person.unitId, tx))!;
      if ((from.provinceId ?? from.id) !== (unit.provinceId ?? unit.id))
        throw peopleError(E.CrossProvince, 'Không thể điều chuyển cán bộ sang tỉnh khác: mã cán bộ thuộc về một tỉnh. Hãy cho nghỉ việc ở tỉnh này và thêm mới ở tỉnh kia.');
      const at = await this.effectiveDate(id, req.effectiveDate, 'unit', tx);
      await this.people.changeUnit(id, unit.id, at, UnitChangeReason.Transfer, req.note ?? null, tx);
      await this.audit.record(
        user,
        { action: AuditAction.Transfer, entityType: 'person', entityId: id, unitPath: unit.path, summary: `Điều chuyển ${person.fullName} (${person.staffCode}) từ "${from.name}" sang "${unit.name}"`, details: { fromUnitId: from.id, toUnitId: unit.id, effectiveDate: at.toISOString() } },
        tx,
      );
    });
    return this.detail(scope, id);
  }

  async changeStatus(user: AuthUser, id: string, req: ChangeStatusRequest): Promise<PersonDetailDto> {
    const scope = await this.access.requirePerson(user, id);
    const ended = await this.db.transaction(async (tx) => {
      const person = (await this.people.lockForUpdate(id, tx))!;
      if (person.status === req.status) throw peopleError(E.SameStatus, `Cán bộ đang ở trạng thái "${PERSON_STATUS_LABELS[req.status].vi}".`);
      const at = await this.effectiveDate(id, req.effectiveDate, 'status', tx);
      await this.people.changeStatus(id, req.status, at, req.note ?? null, tx);
      const atWork = req.status === PersonStatus.Active || req.status === PersonStatus.OnLeave;
      const account = await this.people.followStatusOnAccount(id, atWork, tx);
      if (account)
        await this.audit.record(
          user,
          { action: atWork ? AuditAction.AccountEnable : AuditAction.AccountDisable, entityType: 'user', entityId: account.id, summary: `${atWork ? 'Mở lại' : 'Khóa'} tài khoản "${account.username}" của ${person.fullName} (${PERSON_STATUS_LABELS[req.status].vi})` },
          tx,
        );
      await this.audit.record(
        user,
        { action: AuditAction.StatusChange, entityType: 'person', entityId: id, summary: `Chuyển trạng thái ${person.fullName} (${person.staffCode}): ${PERSON_STATUS_LABELS[person.status].vi} → ${PERSON_STATUS_LABELS[req.status].vi}`, details: { from: person.status, to: req.status, effectiveDate: at.toISOString() } },
        tx,
      );
      // A disabled account's access tokens end at once, not when they expire.
      return account && !atWork ? this.sessions.revoke(account.id, tx) : null;
    });
    ended?.applied();
    return this.detail(scope, id);
  }

  private async detail(scope: UnitScope, id: string): Promise<PersonDetailDto> {
    const person = await this.people.findById(id);
    if (!person) throw peopleError(E.NotFound, 'Không tìm thấy cán bộ.');
    const [units, statuses, user] = await Promise.all([this.people.unitHistory(scope, id), this.people.statusHistory(scope, id), this.people.linkedUser(scope, id)]);
    return mapPersonDetail(person, units, statuses, user);
  }

  private async activeUnit(unitId: string, tx: EntityManager) {
    const unit = await this.units.findById(unitId, tx);
    if (!unit) throw peopleError(E.NotFound, 'Không tìm thấy đơn vị.');
    if (unit.status !== UnitStatus.Active) throw peopleError(E.UnitInactive, `Đơn vị "${unit.name}" đã giải thể hoặc sáp nhập.`);
    return unit;
  }

  /** A change takes effect today or on a given past date, never before the current period began. */
  private async effectiveDate(id: string, date: string | undefined, kind: 'unit' | 'status', tx: EntityManager): Promise<Date> {
    const now = this.clock.now();
    if (!date) return now;
    const at = new Date(`${date.slice(0, 10)}T00:00:00+07:00`);
    if (at.getTime() > now.getTime()) throw peopleError(E.DateInFuture, 'Ngày hiệu lực không được ở tương lai.');
    const since = await this.people.openSince(id, tx);
    const current = kind === 'unit' ? since.unitSince : since.statusSince;
    if (current && at.getTime() < new Date(current).getTime()) {
      const day = (d: Date) => d.toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
      // The same calendar day as the current period's start: the change follows it, a moment later.
      if (day(at) === day(new Date(current))) return new Date(Math.min(new Date(current).getTime() + 1000, now.getTime()));
      throw peopleError(E.DateBeforeCurrent, `Ngày hiệu lực phải từ ngày ${day(new Date(current))} trở đi.`);
    }
    return at;
  }
}
