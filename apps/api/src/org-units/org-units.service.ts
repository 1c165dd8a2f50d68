import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { canMoveUnder, childPath, subtreeTotals, UnitDetailDto, UnitDto, UnitLevel, UnitStatus, UnitChangeReason } from '@cchc/shared';
import { AccessService } from '@api/common/access';
import { Clock } from '@api/common/clock';
import type { AuthUser } from '@api/common/auth';
import { AuditAction, AuditService } from '@api/audit';
import { CreateUnitRequest, MergeUnitsRequest, mapUnit, mapUnitDetail, UpdateUnitRequest } from './dto/org-unit.dto';
import { OrgUnit } from './org-unit.entity';
import { OrgUnitErrorCode as E, orgUnitError } from './org-units.exception';
import { OrgUnitsRepository } from './org-units.repository';

@Injectable()
export class OrgUnitsService {
  constructor(
    private readonly db: DataSource,
    private readonly units: OrgUnitsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, includeClosed = false): Promise<UnitDto[]> {
    const scope = await this.access.scopeOf(user);
    const rows = await this.units.listWithOwnCounts(scope, includeClosed);
    const totals = subtreeTotals(rows, new Map(rows.map((r) => [r.id, r.ownCount])));
    return rows.map((r) => mapUnit(r, { own: r.ownCount, subtree: totals.get(r.id) ?? 0 }));
  }

  async get(user: AuthUser, id: string): Promise<UnitDetailDto> {
    const scope = await this.access.unitScope(user, id);
    const unit = (await this.units.findById(id))!;
    const rows = await this.units.listWithOwnCounts(scope, true);
    const totals = subtreeTotals(rows, new Map(rows.map((r) => [r.id, r.ownCount])));
    const counts = (u: { id: string; ownCount: number }) => ({ own: u.ownCount, subtree: totals.get(u.id) ?? 0 });
    const self = rows.find((r) => r.id === id)!;
    const children = rows.filter((r) => r.parentId === id).map((r) => mapUnit(r, counts(r)));
    return mapUnitDetail(unit, counts(self), await this.units.ancestors(unit.path), children);
  }

  async create(user: AuthUser, req: CreateUnitRequest): Promise<UnitDto> {
    await this.access.requireUnit(user, req.parentId);
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      const parent = await this.units.findByIdForUpdate(req.parentId, tx);
      if (!parent) throw orgUnitError(E.NotFound, 'Không tìm thấy đơn vị cấp trên.');
      if (parent.status !== UnitStatus.Active)
        throw orgUnitError(E.ParentInactive, `Đơn vị cấp trên "${parent.name}" đã giải thể hoặc sáp nhập.`);
      if (parent.level === UnitLevel.Nation && req.level !== UnitLevel.Province)
        throw orgUnitError(E.ProvinceLevel, 'Trực thuộc cấp toàn quốc chỉ có đơn vị cấp tỉnh.');
      await this.assertCodeFree(req.code, null, tx);
      const path = childPath(parent.path, id);
      await this.units.insert({ id, code: req.code.toUpperCase(), name: req.name, level: req.level, parentId: parent.id, path }, tx);
      await this.audit.record(
        user,
        { action: AuditAction.Create, entityType: 'unit', entityId: id, unitPath: path, summary: `Tạo đơn vị "${req.name}" (${req.code.toUpperCase()}) thuộc "${parent.name}"` },
        tx,
      );
    });
    return mapUnit((await this.units.findById(id))!);
  }

  async update(user: AuthUser, id: string, req: UpdateUnitRequest): Promise<UnitDto> {
    await this.access.requireUnit(user, id);
    await this.db.transaction(async (tx) => {
      const unit = (await this.units.findByIdForUpdate(id, tx))!;
      if (unit.status !== UnitStatus.Active) throw orgUnitError(E.Inactive, `Đơn vị "${unit.name}" đã giải thể hoặc sáp nhập, không sửa được.`);
      if (req.code) await this.assertCodeFree(req.code, id, tx);
      const patch = { ...(req.name ? { name: req.name } : {}), ...(req.code ? { code: req.code.toUpperCase() } : {}), ...(req.level ? { level: req.level } : {}) };
      await this.units.update(id, patch, tx);
      await this.audit.record(
        user,
        {
          action: AuditAction.Update,
          entityType: 'unit',
          entityId: id,
          unitPath: unit.path,
          summary: `Sửa đơn vị "${unit.name}"${req.name && req.name !== unit.name ? ` thành "${req.name}"` : ''}`,
          details: { before: { name: unit.name, code: unit.code, level: unit.level }, after: patch },
        },
        tx,
      );
    });
    return mapUnit((await this.units.findById(id))!);
  }

  async move(user: AuthUser, id: string, newParentId: string): Promise<UnitDto> {
    await this.access.requireUnit(user, id);
    await this.access.requireUnit(user, newParentId);
    await this.db.transaction(async (tx) => {
      const unit = (await this.units.findByIdForUpdate(id, tx))!;
      const parent = (await this.units.findByIdForUpdate(newParentId, tx))!;
      if (!unit.parentId) throw orgUnitError(E.RootImmutable, 'Không thể di chuyển đơn vị gốc (cấp tỉnh).');
      if (!canMoveUnder(unit.path, parent.path))
        throw orgUnitError(E.MoveIntoOwnSubtree, 'Không thể chuyển một đơn vị vào chính nó hoặc đơn vị trực thuộc của nó.');
      if (parent.status !== UnitStatus.Active)
        throw orgUnitError(E.ParentInactive, `Đơn vị cấp trên "${parent.name}" đã giải thể hoặc sáp nhập.`);
      this.assertSameProvince(unit, parent);
      const newPath = childPath(parent.path, unit.id);
      await this.units.rebaseSubtree(unit.path, newPath, tx);
      await this.units.update(id, { parentId: parent.id }, tx);
      await this.audit.record(
        user,
        { action: AuditAction.Move, entityType: 'unit', entityId: id, unitPath: newPath, summary: `Chuyển đơn vị "${unit.name}" về trực thuộc "${parent.name}"`, details: { fromParentId: unit.parentId, toParentId: parent.id } },
        tx,
      );
    });
    return mapUnit((await this.units.findById(id))!);
  }

  /** Soft-close: the unit stays in history, but only an empty unit can close. */
  async close(user: AuthUser, id: string): Promise<UnitDto> {
    await this.access.requireUnit(user, id);
    await this.db.transaction(async (tx) => {
      const unit = (await this.units.findByIdForUpdate(id, tx))!;
      if (!unit.parentId) throw orgUnitError(E.RootImmutable, 'Không thể giải thể đơn vị gốc (cấp tỉnh).');
      if (unit.status !== UnitStatus.Active) throw orgUnitError(E.Inactive, `Đơn vị "${unit.name}" đã giải thể hoặc sáp nhập.`);
      const people = await this.units.countPeopleInService(id, tx);
      const children = await this.units.countActiveChildren(id, tx);
      if (people || children) {
        throw orgUnitError(
          E.NotEmpty,
          `Đơn vị "${unit.name}" còn ${people} cán bộ đang công tác và ${children} đơn vị trực thuộc; hãy điều chuyển hoặc sáp nhập trước khi giải thể.`,
          { people, children },
        );
      }
      await this.units.update(id, { status: UnitStatus.Closed, closedAt: this.clock.now() }, tx);
      await this.audit.record(user, { action: AuditAction.Close, entityType: 'unit', entityId: id, unitPath: unit.path, summary: `Giải thể đơn vị "${unit.name}"` }, tx);
    });
    return mapUnit((await this.units.findById(id))!);
  }

  /**
   * Merges the source units into the surviving unit (the 2025 reorganisation): their people move with a dated
   * history row, their sub-units move under the survivor, their officers are reassigned, and they are marked merged.
   */
  async merge(user: AuthUser, survivorId: string, req: MergeUnitsRequest): Promise<UnitDetailDto> {
    const sourceIds = [...new Set(req.sourceUnitIds)];
    await this.access.requireUnit(user, survivorId);
    for (const sourceId of sourceIds) await this.access.requireUnit(user, sourceId);
    if (sourceIds.includes(survivorId)) throw orgUnitError(E.MergeIntoItself, 'Không thể sáp nhập một đơn vị vào chính nó.');

    await this.db.transaction(async (tx) => {
      const survivor = (await this.units.findByIdForUpdate(survivorId, tx))!;
      if (survivor.status !== UnitStatus.Active) throw orgUnitError(E.Inactive, `Đơn vị "${survivor.name}" đã giải thể hoặc sáp nhập.`);
      const moved: Record<string, unknown>[] = [];
      for (const sourceId of sourceIds) {
        const source = (await this.units.findByIdForUpdate(sourceId, tx))!;
        if (source.status !== UnitStatus.Active) throw orgUnitError(E.Inactive, `Đơn vị "${source.name}" đã giải thể hoặc sáp nhập.`);
        if (!source.parentId) throw orgUnitError(E.RootImmutable, 'Không thể sáp nhập đơn vị gốc (cấp tỉnh).');
        this.assertSameProvince(source, survivor);
        if (survivor.path.startsWith(source.path))
          throw orgUnitError(E.MergeAncestor, `Không thể sáp nhập "${source.name}" vào đơn vị trực thuộc của chính nó.`);
        moved.push(await this.mergeOne(source, survivor, tx));
      }
      await this.audit.record(
        user,
        {
          action: AuditAction.Merge,
          entityType: 'unit',
          entityId: survivor.id,
          unitPath: survivor.path,
          summary: `Sáp nhập ${moved.map((m) => `"${m.name}"`).join(', ')} vào "${survivor.name}"`,
          details: { sources: moved },
        },
        tx,
      );
    });
    return this.get(user, survivorId);
  }

  private async mergeOne(source: OrgUnit, survivor: OrgUnit, tx: EntityManager): Promise<Record<string, unknown>> {
    const people = await this.units.movePeople(source.id, survivor.id, this.clock.now(), UnitChangeReason.Merge, `Sáp nhập từ ${source.name}`, tx);
    const children = await this.units.childrenOf(source.id, tx);
    for (const child of children) {
      await this.units.rebaseSubtree(child.path, childPath(survivor.path, child.id), tx);
      await this.units.update(child.id, { parentId: survivor.id }, tx);
    }
    await this.units.reassignUnitOfficers(source.id, survivor.id, tx);
    await this.units.update(source.id, { status: UnitStatus.Merged, mergedIntoId: survivor.id, closedAt: this.clock.now() }, tx);
    return { id: source.id, code: source.code, name: source.name, people, subUnits: children.length };
  }

  /** A unit's people keep their province (and their staff codes stay unique in it): no move or merge across provinces. */
  private assertSameProvince(unit: OrgUnit, into: OrgUnit): void {
    const provinceOf = (u: OrgUnit) => u.provinceId ?? u.id;
    if (unit.level === UnitLevel.Province || provinceOf(unit) !== provinceOf(into))
      throw orgUnitError(E.CrossProvince, `Không thể chuyển hoặc sáp nhập "${unit.name}" sang tỉnh khác: cán bộ và mã cán bộ thuộc về một tỉnh.`);
  }

  private async assertCodeFree(code: string, exceptId: string | null, tx: EntityManager): Promise<void> {
    const existing = await this.units.findByCode(code, tx);
    if (existing && existing.id !== exceptId)
      throw orgUnitError(E.CodeTaken, `Mã đơn vị "${code.toUpperCase()}" đã được dùng cho "${existing.name}".`);
  }
}
