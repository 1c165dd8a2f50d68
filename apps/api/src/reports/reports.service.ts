import { Injectable } from '@nestjs/common';
import { audienceAppliesTo, compareVi, percent, UnitLevel } from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { CoverageRepository, TestStatsRow } from '@api/coverage';
import { CoverageService, UnitCounts } from '@api/coverage';
import { mapTarget, targetReaches } from '@api/targets';
import { AccessService } from '@api/common/access';
import { TargetsRepository } from '@api/targets';
import { ReportData, ReportTargetSection, ReportUnitRow } from './report-data';
import { ReportQuery } from './reports.dto';
import { ReportsRepository } from './reports.repository';
import { reportsError, ReportsErrorCode } from './reports.exception';

/** "UBND tỉnh Khánh Hòa" → "Khánh Hòa" (địa danh of the date line). */
export function placeName(provinceName: string): string {
  return provinceName.replace(/^(UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố)\s+/i, '').replace(/^(Tỉnh|Thành phố)\s+/i, '');
}

const BAND_ORDER = ['Xuất sắc', 'Giỏi', 'Khá', 'Trung bình', 'Đạt', 'Chưa đạt', 'Yếu', 'Kém'];

/** Builds the yearly report (per unit: eligible, trained, %, tests, pass rate, average, bands; and the missing list). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly coverage: CoverageService,
    private readonly coverageRepo: CoverageRepository,
    private readonly targets: TargetsRepository,
    private readonly repo: ReportsRepository,
    private readonly clock: Clock,
    private readonly access: AccessService,
  ) {}

  async build(user: AuthUser, q: ReportQuery, missingLimit: number | null): Promise<ReportData> {
    const root = await this.coverage.resolveRoot(user, q.unitId);
    const now = this.clock.now();
    const nowYear = now.getUTCFullYear();
    // The nation's targets and, at a province or below, that province's own.
    let targets = (await this.targets.list(await this.access.contentScopeOf(user), false)).filter((t) => t.active && targetReaches(t, root.path));
    if (q.targetIds?.length) targets = targets.filter((t) => q.targetIds!.includes(t.id));
    const [children, unitFacts] = await Promise.all([this.coverageRepo.children(root.scope, root.id), this.coverageRepo.unitFacts(root.scope)]);
    const allBands = new Set<string>();
    const year = q.year ?? nowYear;
    // Each target's section is independent: they are built side by side on the pool (a province's missing lists
    // are tens of thousands of rows each at national size).
    const sectionOf = async (t: (typeof targets)[number]): Promise<ReportTargetSection | null> => {
      let from: number;
      let to: number;
      if (q.phase) {
        const ph = t.phases[q.phase - 1];
        if (!ph) return null;
        from = ph.startYear;
        to = ph.endYear;
      } else {
        if (year < t.startYear || year > t.endYear) return null;
        from = to = year;
      }
      const covYear = Math.max(from, Math.min(to, nowYear, t.endYear));
      const byChild = await this.coverage.countsByChild(t, root, covYear);
      const stats = await this.coverageRepo.testStats(root.scope, t.topicIds, from, to);
      stats.forEach((s) => allBands.add(s.band));
      const unitPaths = await this.coverageRepo.unitPaths(t.audience.unitIds ?? []);
      const applies = (path: string) => audienceAppliesTo({ unitLevels: t.audience.unitLevels, unitPaths }, path, unitFacts);
      const row = (name: string, c: UnitCounts, st: TestStatsRow[]): ReportUnitRow => {
        const taken = st.reduce((a, s) => a + s.taken, 0);
        const passed = st.reduce((a, s) => a + s.passed, 0);
        const sum = st.reduce((a, s) => a + s.scoreSum, 0);
        const bands: Record<string, number> = {};
        st.forEach((s) => (bands[s.band] = (bands[s.band] ?? 0) + s.taken));
        const f = this.coverage.figures(t, covYear, c.eligible, c.covered);
        const none = c.eligible === 0;
        return { unitName: name, eligible: c.eligible, covered: c.covered, pct: none ? null : f.pct, status: none ? null : f.status, testsTaken: taken, testsPassed: passed, passRate: taken ? percent(passed, taken) : null, averageScore: taken ? Math.round((sum / taken) * 100) / 100 : null, bands };
      };
      const rows: ReportUnitRow[] = [];
      const own = byChild.get('');
      if (own && own.eligible > 0) rows.push(row(`${root.name} (trực tiếp)`, own, stats.filter((s) => s.child === '')));
      const notApplicable: string[] = [];
      for (const ch of children) {
        const counts = byChild.get(ch.id) ?? { eligible: 0, covered: 0 };
        // A unit the audience cannot reach (a department for a commune-level target) is left out, not shown as 0/0.
        if (counts.eligible === 0 && !applies(ch.path)) notApplicable.push(ch.name);
        else rows.push(row(ch.name, counts, stats.filter((s) => s.child === ch.id)));
      }
      const total = [...byChild.values()].reduce((a, c) => ({ eligible: a.eligible + c.eligible, covered: a.covered + c.covered }), { eligible: 0, covered: 0 });
      const missing = await this.coverage.missing(user, t.id, root.id, covYear, missingLimit === null ? null : 1, missingLimit ?? 0);
      return {
        target: mapTarget(t, { code: t.topicCode, name: t.topicName }), year: covYear, counts: t.kind, total: row('Tổng cộng', total, stats), rows, notApplicable,
        missing: missing.items, missingTotal: missing.total,
      };
    };
    const sections = (await Promise.all(targets.map(sectionOf))).filter((x): x is ReportTargetSection => x !== null);
    if (!sections.length) throw reportsError(ReportsErrorCode.ReportNoTargets, q.phase ? `Không có chỉ tiêu nào có giai đoạn ${q.phase}.` : `Không có chỉ tiêu nào áp dụng cho năm ${year}.`);
    const bands = [...allBands].sort((a, b) => (BAND_ORDER.indexOf(a) + 1 || 99) - (BAND_ORDER.indexOf(b) + 1 || 99) || compareVi(a, b));
    const province = root.level === UnitLevel.Province || root.parentId === null;
    const place = placeName(province ? root.name : (await this.repo.provinceName(root.scope, root.path)) ?? root.name);
    const periodLabel = q.phase ? `giai đoạn ${q.phase}` : `năm ${year}`;
    return {
      kind: province ? 'province' : 'unit',
      issuer: province ? { parent: root.name, name: 'Sở Nội vụ' } : { parent: (await this.repo.unitName(root.scope, root.parentId)) ?? '', name: root.name },
      unitName: root.name,
      periodLabel,
      number: province ? '……/BC-SNV' : '……/BC',
      place,
      date: now,
      title: `Kết quả bồi dưỡng, kiểm tra kiến thức cải cách hành chính của cán bộ, công chức ${periodLabel}`,
      bands,
      sections,
      signer: province
        ? { title: 'GIÁM ĐỐC SỞ NỘI VỤ', name: q.signerName || (await this.repo.directorOfHomeAffairs(root.scope, root.id)) || '' }
        : { title: 'THỦ TRƯỞNG ĐƠN VỊ', name: q.signerName || '' },
      recipients: province ? ['- UBND tỉnh (b/c);', '- Bộ Nội vụ (b/c);', '- Các cơ quan, đơn vị;', '- Lưu: VT, CCHC.'] : ['- Sở Nội vụ (b/c);', '- Lưu: VT.'],
    };
  }
}
