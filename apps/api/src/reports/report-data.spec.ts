import type { TargetDto } from '@cchc/shared';
import { sectionLead, type ReportTargetSection } from './report-data';

const section = (target: Partial<TargetDto>, total: Partial<ReportTargetSection['total']>): ReportTargetSection => ({
  target: { legalBasisNumber: '1847/QĐ-TTg', thresholdPct: 100, deadline: '2030-12-31', validity: 'phase', ...target } as TargetDto,
  year: 2025,
  counts: 'people',
  total: { unitName: 'Tổng cộng', eligible: 4616, covered: 2835, pct: 61.4, status: 'not_met', testsTaken: 0, testsPassed: 0, passRate: null, averageScore: null, bands: {}, ...total },
  rows: [],
  notApplicable: [],
  missing: [],
  missingTotal: 0,
});

describe('the sentence above a target\'s table', () => {
  it('gives the deadline, the year of the figures and the verdict, numbers in Vietnamese format', () => {
    expect(sectionLead(section({ deadline: '2025-12-31' }, {}))).toBe(
      'Căn cứ 1847/QĐ-TTg; chỉ tiêu 100% số cán bộ, công chức thuộc đối tượng, thời hạn 31/12/2025; số liệu năm 2025. Kết quả chung: 2.835/4.616 (61,4%) — Không đạt.',
    );
  });

  it('says a yearly target is judged within each year, so its verdict does not sit beside a 2030 deadline unexplained', () => {
    expect(sectionLead(section({ validity: 'year' }, {}))).toBe(
      'Căn cứ 1847/QĐ-TTg; chỉ tiêu 100% số cán bộ, công chức thuộc đối tượng trong từng năm (đến 31/12/2030); số liệu năm 2025. Kết quả chung: 2.835/4.616 (61,4%) — Không đạt.',
    );
  });
});
