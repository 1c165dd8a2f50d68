import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { defaultTargetShortName, TargetDto } from '@cchc/shared';
import { AuditAction, AuditService } from '@api/audit';
import type { AuthUser } from '@api/common/auth';
import { AccessService, ownerContentScope } from '@api/common/access';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { CoverageBuilder } from './coverage-builder';
import { mapTarget, SaveTargetRequest } from './dto/target.dto';
import { TargetRow, TargetsRepository } from './targets.repository';
import { targetsError, TargetsErrorCode } from './targets.exception';

export const targetNotFound = () => targetsError(TargetsErrorCode.TargetNotFound, 'Không tìm thấy chỉ tiêu.');

@Injectable()
export class TargetsService {
  constructor(
    private readonly db: DataSource,
    private readonly targets: TargetsRepository,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly builder: CoverageBuilder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The caller's province's targets and the national ones. */
  async list(user: AuthUser, includeInactive = false): Promise<TargetDto[]> {
    return (await this.targets.list(await this.access.contentScopeOf(user), includeInactive)).map((t) => mapTarget(t, { code: t.topicCode, name: t.topicName }));
  }

  /** A target the caller may see (another province's is not found); `write`: one the caller may change. */
  requireRow(user: AuthUser, id: string, { write = false } = {}): Promise<TargetRow> {
    return this.access.requireContent(user, id, (x) => this.targets.findById(x), targetNotFound, { write });
  }

  async get(user: AuthUser, id: string): Promise<TargetDto> {
    const t = await this.requireRow(user, id);
    return mapTarget(t, { code: t.topicCode, name: t.topicName });
  }

  private validate(req: SaveTargetRequest): void {
    if (req.endYear < req.startYear) throw targetsError(TargetsErrorCode.TargetYears, 'Năm kết thúc phải không trước năm bắt đầu.');
    if (req.endYear - req.startYear > 30) throw targetsError(TargetsErrorCode.TargetYears, 'Chỉ tiêu kéo dài tối đa 30 năm.');
    for (const ph of req.phases) {
      if (ph.endYear < ph.startYear || ph.startYear < req.startYear || ph.endYear > req.endYear)
        throw targetsError(TargetsErrorCode.TargetPhases, `Giai đoạn "${ph.name}" phải nằm trong khoảng ${req.startYear}–${req.endYear}.`);
    }
    if (req.validity === 'phase' && !req.phases.length) throw targetsError(TargetsErrorCode.TargetPhases, 'Hiệu lực "đến hết giai đoạn" cần ít nhất một giai đoạn.');
    if (req.kind === 'units' && !req.audience.unitLevels.length) throw targetsError(TargetsErrorCode.TargetUnitLevels, 'Chỉ tiêu theo đơn vị cần chọn cấp đơn vị được tính (ví dụ cấp xã).');
  }

  async save(user: AuthUser, id: string | null, req: SaveTargetRequest): Promise<TargetDto> {
    const before = id ? await this.requireRow(user, id, { write: true }) : null;
    // A new target belongs to its author's province (the nation's for the national level); an edit keeps the owner.
    const owner = before ? before.provinceId : await this.access.contentOwnerOf(user);
    this.validate(req);
    // A short name left out keeps the one saved (an edited one survives a rename); a new target gets one from its name.
    const shortName = req.shortName?.trim() || before?.shortName || defaultTargetShortName(req.name);
    let inBackground = false;
    const savedId = await this.db.transaction(async (tx) => {
      const same = await this.targets.findByCode(req.code, tx);
      if (same && same.id !== id) throw targetsError(TargetsErrorCode.TargetCodeTaken, `Mã chỉ tiêu "${req.code}" đã được dùng.`);
      const topicIds = await this.targets.topicWithDescendants(req.topicId, ownerContentScope(owner), tx);
      if (!topicIds.length) throw targetsError(TargetsErrorCode.TopicNotFound, 'Không tìm thấy chủ đề.');
      if (!(await this.targets.unitsExist(req.audience.unitIds, owner, tx))) throw targetsError(TargetsErrorCode.UnitNotFound, 'Không tìm thấy đơn vị trong đối tượng áp dụng.');
      const newId = await this.targets.save(
        id,
        {
          code: req.code, name: req.name, shortName, legalBasisNumber: req.legalBasisNumber, legalBasisDate: req.legalBasisDate ?? null, topicId: req.topicId, topicIds,
          kind: req.kind,
          audience: { categories: req.audience.categories, doesCchcWork: req.audience.doesCchcWork ?? null, isLeader: req.audience.isLeader ?? null, unitLevels: req.audience.unitLevels, unitIds: req.audience.unitIds },
          evidenceKinds: req.evidenceKinds, validity: req.validity, validityYears: req.validityYears ?? 1, phases: req.phases.map((p) => ({ ...p })),
          startYear: req.startYear, endYear: req.endYear, deadline: req.deadline, thresholdPct: String(req.thresholdPct), unitShare: String(req.unitShare ?? 0),
          unitReportDue: req.unitReportDue ?? null, provinceReportDue: req.provinceReportDue ?? null, active: req.active ?? true,
          provinceId: owner,
        },
        tx,
      );
      // The coverage under the saved rules: inside the save when the target reaches few people (the answer is then
      // exact at once); otherwise in steps after the save, the target showing how far its build is.
      const reach = await this.targets.startBuild(newId, this.config.coverageBuild.stepPeople, tx);
      if (reach <= this.config.coverageBuild.inlinePeople) {
        while (!(await this.targets.buildStep(newId, true, tx))?.finished) {
          /* next step */
        }
      } else inBackground = true;
      await this.audit.record(user, { action: id ? AuditAction.Update : AuditAction.Create, entityType: 'target', entityId: newId, summary: `${id ? 'Sửa' : 'Tạo'} chỉ tiêu "${req.name}"` }, tx);
      return newId;
    });
    if (inBackground) this.builder.kick();
    return this.get(user, savedId);
  }
}
