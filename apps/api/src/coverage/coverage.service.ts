import { Injectable } from '@nestjs/common';
import {
  CoverageFigures, CoverageMatrixDto, CoveragePhaseDto, CoverageSummaryDto, CoverageUnitRowDto, CoverageYearDto, coverageStatus, coverageYear, currentPhase,
  MissingItemDto, MyTargetDto, Page, percent, periodOfYear, audienceAppliesTo, ScoreRowDto, ScoresDto, TargetDto, LowScorerSort } from '@cchc/shared';
import { AccessService, systemContentScope, type UnitScope } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { CoverageQueue } from '@api/evidence';
import { outOfScope } from '@api/common/errors';
import { mapTarget, targetReaches } from '@api/targets';
import type { TargetRow } from '@api/targets';
import { TargetsRepository } from '@api/targets';
import { TargetsService } from '@api/targets';
import { CoverageRepository, UnitInfo } from './coverage.repository';
import { coverageError, CoverageErrorCode } from './coverage.exception';

const CATEGORY_VI: Record<string, string> = { can_bo: 'Cán bộ', cong_chuc: 'Công chức', vien_chuc: 'Viên chức', nguoi_lao_dong: 'Người lao động' };

const mapScore = (r: Record<string, unknown>): ScoreRowDto => ({ ...r, finishedAt: (r.finishedAt as Date).toISOString() }) as ScoreRowDto;

/** The unit a view is about, with the scope (its subtree, checked against the caller's) every read of the view takes. */
export type ScopedUnit = UnitInfo & { scope: UnitScope };

export interface UnitCounts {
  eligible: number;
  covered: number;
}

/** Coverage of targets for a unit subtree, read from the incrementally kept counters. */
@Injectable()
export class CoverageService {
  constructor(
    private readonly repo: CoverageRepository,
    private readonly targets: TargetsService,
    private readonly targetsRepo: TargetsRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly queue: CoverageQueue,
  ) {}

  /**
   * The unit asked for (checked against the caller's scope) or the top of the caller's scope, with the scope of its
   * subtree: what every coverage read of the view is limited to.
   */
  async resolveRoot(user: AuthUser, unitId?: string): Promise<ScopedUnit> {
    const asked = unitId ? await this.access.unitScope(user, unitId) : await this.access.scopeOf(user);
    if (asked.kind === 'none' || asked.kind === 'person') throw outOfScope();
    const root = await this.repo.top(asked);
    if (!root) throw coverageError(CoverageErrorCode.UnitNotFound, 'Chưa có đơn vị nào.');
    // The whole tree is shown as the subtree of its root (the national level above the provinces).
    return { ...root, scope: asked.kind === 'subtree' ? asked : await this.access.unitScope(user, root.id) };
  }

  /**
   * The part of the tree a target is counted on: the root asked for, or, for a province's target asked for above its
   * province (the national view), that province. A province's target does not reach another province.
   */
  async rootFor(user: AuthUser, t: Pick<TargetRow, 'provinceId'>, root: ScopedUnit): Promise<ScopedUnit> {
    if (!t.provinceId || targetReaches(t, root.path)) return root;
    const province = await this.repo.unit(root.scope, t.provinceId);
    if (province) return { ...province, scope: await this.access.unitScope(user, province.id) };
    throw coverageError(CoverageErrorCode.TargetOtherProvince, 'Chỉ tiêu này thuộc tỉnh khác, không áp dụng cho đơn vị đã chọn.');
  }

  yearFor(t: Pick<TargetRow, 'startYear' | 'endYear'>, year?: number): number {
    if (year === undefined) return coverageYear(t, this.clock.now());
    if (year < t.startYear || year > t.endYear) throw coverageError(CoverageErrorCode.YearOutOfRange, `Chỉ tiêu này áp dụng từ năm ${t.startYear} đến năm ${t.endYear}.`);
    return year;
  }

  /** Figures of one year: a verdict (met / not met) once the year's period is over, progress before. */
  figures(t: Pick<TargetRow, 'thresholdPct' | 'phases' | 'startYear' | 'endYear' | 'validity'>, year: number, eligible: number, covered: number): CoverageFigures {
    const now = this.clock.now();
    const asOf = year < now.getUTCFullYear() ? new Date(Date.UTC(year, 11, 31, 12)) : now;
    const pct = percent(covered, eligible);
    return { eligible, covered, pct, status: coverageStatus(pct, Number(t.thresholdPct), periodOfYear(t, year), asOf, now) };
  }

  /** Counts per child of the root ('' = the root itself) for one year; `flushed`: the caller has just folded the queue. */
  async countsByChild(t: TargetRow, root: ScopedUnit, year: number, { flushed = false } = {}): Promise<Map<string, UnitCounts>> {
    if (!flushed) await this.queue.flush(); // test passes queued since the last fold
    const byChild = new Map<string, UnitCounts>();
    if (t.kind === 'people') {
      for (const r of await this.repo.peopleCounts(root.scope, t.id, year)) byChild.set(r.child, { eligible: r.eligible, covered: r.covered });
      return byChild;
    }
    for (const r of await this.repo.unitsCounts(root.scope, t, [year])) byChild.set(r.child, { eligible: r.eligible, covered: r.covered });
    return byChild;
  }

  private childRows(t: TargetRow, root: UnitInfo, children: UnitInfo[], byChild: Map<string, UnitCounts>, year: number): CoverageUnitRowDto[] {
    const rows: CoverageUnitRowDto[] = [];
    const own = byChild.get('');
    if (own && own.eligible > 0) rows.push({ unitId: root.id, unitName: `${root.name} (trực tiếp)`, unitCode: root.code, level: root.level, ...this.figures(t, year, own.eligible, own.covered) });
    for (const ch of children) {
      const c = byChild.get(ch.id) ?? { eligible: 0, covered: 0 };
      rows.push({ unitId: ch.id, unitName: ch.name, unitCode: ch.code, level: ch.level, ...this.figures(t, year, c.eligible, c.covered) });
    }
    return rows;
  }

  private total(byChild: Map<string, UnitCounts>): UnitCounts {
    let eligible = 0;
    let covered = 0;
    for (const c of byChild.values()) {
      eligible += c.eligible;
      covered += c.covered;
    }
    return { eligible, covered };
  }

  async series(t: TargetRow, root: ScopedUnit): Promise<CoverageYearDto[]> {
    await this.queue.flush(); // test passes queued since the last fold
    const lastYear = Math.min(t.endYear, Math.max(t.startYear, this.clock.now().getUTCFullYear()));
    const out: CoverageYearDto[] = [];
    if (t.kind === 'people') {
      const rows = new Map((await this.repo.peopleSeries(root.scope, t.id)).map((r) => [r.year, r]));
      for (let y = t.startYear; y <= lastYear; y++) {
        const r = rows.get(y) ?? { eligible: 0, covered: 0 };
        out.push({ year: y, eligible: r.eligible, covered: r.covered, pct: percent(r.covered, r.eligible) });
      }
      return out;
    }
    const years = Array.from({ length: Math.max(0, lastYear - t.startYear + 1) }, (_, i) => t.startYear + i);
    const totals = new Map<number, UnitCounts>();
    for (const r of await this.repo.unitsCounts(root.scope, t, years)) {
      const c = totals.get(r.year) ?? { eligible: 0, covered: 0 };
      totals.set(r.year, { eligible: c.eligible + r.eligible, covered: c.covered + r.covered });
    }
    for (const y of years) {
      const c = totals.get(y) ?? { eligible: 0, covered: 0 };
      out.push({ year: y, eligible: c.eligible, covered: c.covered, pct: percent(c.covered, c.eligible) });
    }
    return out;
  }

  async summary(user: AuthUser, targetId: string, unitId?: string, year?: number): Promise<CoverageSummaryDto> {
    const t = await this.targets.requireRow(user, targetId);
    const root = await this.rootFor(user, t, await this.resolveRoot(user, unitId));
    const y = this.yearFor(t, year);
    const byChild = await this.countsByChild(t, root, y);
    const total = this.total(byChild);
    const series = await this.series(t, root);
    const phases: CoveragePhaseDto[] = t.phases.map((ph) => {
      const at = series.filter((s) => s.year >= ph.startYear && s.year <= ph.endYear).pop();
      return { ...ph, year: at?.year ?? ph.endYear, eligible: at?.eligible ?? 0, covered: at?.covered ?? 0, pct: at?.pct ?? 0 };
    });
    const now = this.clock.now();
    return {
      target: mapTarget(t, { code: t.topicCode, name: t.topicName }),
      unit: { id: root.id, name: root.name, code: root.code },
      year: y,
      counts: t.kind,
      phase: currentPhase(t.phases, y < now.getUTCFullYear() ? new Date(Date.UTC(y, 11, 31)) : now),
      ...this.figures(t, y, total.eligible, total.covered),
      children: this.childRows(t, root, await this.repo.children(root.scope, root.id), byChild, y),
      series,
      phases,
    };
  }

  /**
   * Every active target × the root and each of its children, for one year (or each target's current year). Targets
   * whose audience reaches none of the rows are left out; a cell the target cannot reach says so (`applies: false`).
   */
  async matrix(user: AuthUser, unitId?: string, year?: number): Promise<CoverageMatrixDto> {
    const root = await this.resolveRoot(user, unitId);
    // The nation's targets and, at a province or below, that province's own (a province's target is not counted on
    // the whole country: the national view drills down to the province).
    const active = (await this.targetsRepo.list(await this.access.contentScopeOf(user), false, root.path)).filter((t) => t.active && targetReaches(t, root.path));
    const years = [...new Set(active.flatMap((t) => Array.from({ length: t.endYear - t.startYear + 1 }, (_, i) => t.startYear + i)))]
      .filter((y) => y <= this.clock.now().getUTCFullYear())
      .sort((a, b) => b - a);
    const inYear = year === undefined ? active : active.filter((t) => year >= t.startYear && year <= t.endYear);
    const scope = root.scope;
    // Which units the rows' subtrees hold: levels by child of the root; every unit only for a target naming subtrees.
    const [children, levelFacts] = await Promise.all([
      this.repo.children(scope, root.id), scope.kind === 'subtree' ? this.repo.unitLevelsByChild(scope) : this.repo.unitFacts(scope), this.queue.flush(),
    ]);
    let allFacts: Promise<{ path: string; level: string }[]> | null = null;
    const rowUnits = [root, ...children];
    // Every target's counts by child in one statement (the subtree totals); per target for a scope without a root.
    const yearOf = (t: TargetRow) => year ?? this.yearFor(t);
    const batched = new Map<string, Map<string, UnitCounts>>();
    if (scope.kind === 'subtree') {
      for (const t of inYear) batched.set(t.id, new Map());
      for (const r of await this.repo.countsOfTargets(scope, inYear.map((t) => ({ targetId: t.id, year: yearOf(t), kind: t.kind }))))
        batched.get(r.targetId)?.set(r.child, { eligible: r.eligible, covered: r.covered });
    }
    const computed = await Promise.all(
      inYear.map(async (t) => {
        const unitPaths = await this.repo.unitPaths(t.audience.unitIds ?? []);
        const unitFacts = unitPaths.length ? await (allFacts ??= this.repo.unitFacts(scope)) : levelFacts;
        const applies = (path: string) => audienceAppliesTo({ unitLevels: t.audience.unitLevels, unitPaths }, path, unitFacts);
        const y = yearOf(t);
        return { t, y, applies, byChild: batched.get(t.id) ?? (await this.countsByChild(t, root, y, { flushed: true })) };
      }),
    );
    const shown = computed.filter((c) => c.applies(root.path));
    const cells = new Map<string, CoverageMatrixDto['rows'][number]['cells']>(rowUnits.map((u) => [u.id, []]));
    for (const { t, y, applies, byChild } of shown) {
      const total = this.total(byChild);
      cells.get(root.id)!.push({ targetId: t.id, year: y, applies: true, ...this.figures(t, y, total.eligible, total.covered) });
      for (const ch of children) {
        const c = byChild.get(ch.id) ?? { eligible: 0, covered: 0 };
        cells.get(ch.id)!.push({ targetId: t.id, year: y, applies: c.eligible > 0 || applies(ch.path), ...this.figures(t, y, c.eligible, c.covered) });
      }
    }
    return {
      year: year ?? null,
      years,
      unit: { id: root.id, name: root.name },
      targets: shown.map(({ t }) => mapTarget(t, { code: t.topicCode, name: t.topicName })),
      rows: rowUnits.map((u) => ({ unitId: u.id, unitName: u.name, unitCode: u.code, level: u.level, cells: cells.get(u.id)! })),
    };
  }

  private missingReason(t: TargetRow, year: number, years: number[], failedScore: number | null): string {
    const parts: string[] = [];
    if (failedScore !== null) parts.push(`Chưa đạt bài kiểm tra (${failedScore.toLocaleString('vi-VN')} điểm)`);
    const past = years.filter((x) => x < year);
    if (past.length) parts.push(`Kết quả bồi dưỡng trước đây chỉ có hiệu lực đến hết năm ${past[past.length - 1]}`);
    if (!parts.length) parts.push(`Chưa có kết quả bồi dưỡng về ${t.topicName}`);
    return parts.join('; ');
  }

  async missing(user: AuthUser, targetId: string, unitId: string | undefined, year: number | undefined, page: number | null, pageSize: number): Promise<Page<MissingItemDto> & { year: number; target: TargetDto; unitName: string }> {
    await this.queue.flush(); // test passes queued since the last fold
    const t = await this.targets.requireRow(user, targetId);
    const root = await this.rootFor(user, t, await this.resolveRoot(user, unitId));
    const y = this.yearFor(t, year);
    const target = mapTarget(t, { code: t.topicCode, name: t.topicName });
    if (t.kind === 'people') {
      const { total, rows } = await this.repo.missingPeople(root.scope, t, y, page === null ? null : pageSize, page === null ? 0 : (page - 1) * pageSize);
      return {
        target, year: y, unitName: root.name, total, page: page ?? 1, pageSize: page === null ? total : pageSize,
        items: rows.map((r) => ({
          personId: r.personId, unitId: r.unitId, fullName: r.fullName, staffCode: r.staffCode, category: CATEGORY_VI[r.category] ?? r.category,
          position: r.position, unitName: r.unitName, reason: this.missingReason(t, y, r.years, r.failedScore),
        })),
      };
    }
    const units = await this.repo.uncoveredUnits(root.scope, t, y);
    const items: MissingItemDto[] = units.map((u) => ({
      personId: null, unitId: u.id, fullName: null, staffCode: null, category: null, position: null, unitName: u.name,
      reason: u.eligible === 0 ? 'Đơn vị chưa có danh sách cán bộ thuộc đối tượng' : u.covered === 0
        ? `Chưa có cán bộ nào được bồi dưỡng, chưa tổ chức tập huấn tại đơn vị (0/${u.eligible} người)`
        : `Mới có ${u.covered}/${u.eligible} người được bồi dưỡng (cần ${Math.round(Number(t.unitShare) * 100)}%)`,
    }));
    const start = page === null ? 0 : (page - 1) * pageSize;
    return { target, year: y, unitName: root.name, total: items.length, page: page ?? 1, pageSize: page === null ? items.length : pageSize, items: page === null ? items : items.slice(start, start + pageSize) };
  }

  /** The learner's own targets: which they meet now and what is left. */
  async me(user: AuthUser): Promise<MyTargetDto[]> {
    await this.queue.flush(); // test passes queued since the last fold
    if (!user.personId) return [];
    const own = this.access.ownScope(user);
    const [targets, rows, person] = await Promise.all([this.targetsRepo.list(await this.access.contentScopeOf(user), false), this.repo.personCoverage(own, user.personId), this.repo.personUnit(own, user.personId)]);
    const byTarget = new Map(rows.map((r) => [r.targetId, r.years]));
    return targets
      .filter((t) => t.active)
      .map((t) => {
        const y = this.yearFor(t);
        const years = byTarget.get(t.id);
        const eligible = years !== undefined;
        const covered = eligible && years.includes(y);
        let todo: string | null = null;
        if (eligible && !covered) {
          const ways = [
            t.evidenceKinds.includes('course_completed' as never) ? 'hoàn thành một khóa học' : null,
            t.evidenceKinds.includes('test_passed' as never) ? 'đạt một bài kiểm tra' : null,
            t.evidenceKinds.includes('attendance' as never) ? 'tham dự một lớp tập huấn' : null,
          ].filter(Boolean);
          todo = `Cần ${ways.join(' hoặc ')} về "${t.topicName}"${t.validity === 'year' ? ` trong năm ${y}` : ` trước ${t.deadline.split('-').reverse().join('/')}`}.`;
        }
        if (t.kind === 'units' && person && !t.audience.unitLevels.includes(person.unitLevel)) return null;
        return { target: mapTarget(t, { code: t.topicCode, name: t.topicName }), eligible, covered, year: y, coveredYears: years ?? [], todo };
      })
      .filter((x): x is MyTargetDto => x !== null);
  }

  async scores(user: AuthUser, unitId: string | undefined, year: number | undefined): Promise<ScoresDto & { year: number }> {
    const root = await this.resolveRoot(user, unitId);
    const y = year ?? this.clock.now().getUTCFullYear();
    return {
      year: y,
      lowScorers: (await this.repo.scores(root.scope, y, y, 'low', 200, 0)).rows.map(mapScore),
      commendations: (await this.repo.scores(root.scope, y, y, 'high', 200, 0)).rows.map(mapScore),
    };
  }

  /** One of the score lists (low scorers / commendations) of the subtree, a page of it or all of it (page null). */
  async scoreList(
    user: AuthUser,
    kind: 'low' | 'high',
    unitId: string | undefined,
    year: number | undefined,
    page: number | null,
    pageSize: number,
    sort: LowScorerSort = 'score',
  ): Promise<Page<ScoreRowDto> & { year: number; unitName: string }> {
    const root = await this.resolveRoot(user, unitId);
    const y = year ?? this.clock.now().getUTCFullYear();
    const { total, rows } = await this.repo.scores(root.scope, y, y, kind, page === null ? null : pageSize, page === null ? 0 : (page - 1) * pageSize, sort);
    return { year: y, unitName: root.name, total, page: page ?? 1, pageSize: page === null ? total : pageSize, items: rows.map(mapScore) };
  }

  async verify(): Promise<{ targetId: string; code: string; counterDiffs: number; personDiffs: number; unitDiffs: number }[]> {
    await this.queue.flush(); // test passes queued since the last fold
    const out = [];
    for (const t of await this.targetsRepo.list(systemContentScope(), true)) out.push({ targetId: t.id, code: t.code, ...(await this.repo.verify(t.id)) });
    return out;
  }
}
