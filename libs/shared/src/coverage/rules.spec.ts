import { EvidenceKind } from '../topics/topic';
import {
  audienceAppliesTo,
  defaultTargetShortName,
  periodOfYear,
  type UnitFact,
  coveredYears,
  coverageStatus,
  coverageYear,
  currentPhase,
  isEligible,
  percent,
  PersonFacts,
  phaseOfYear,
  TargetRules,
  unitCovered,
  validUntilYear,
} from './rules';

const PHASES = [
  { name: 'Giai đoạn I', startYear: 2019, endYear: 2022, review: 'interim' as const },
  { name: 'Giai đoạn II', startYear: 2022, endYear: 2025, review: 'final' as const },
];

const rules = (over: Partial<TargetRules> = {}): TargetRules => ({
  kind: 'people',
  audience: { categories: ['can_bo', 'cong_chuc'], doesCchcWork: null, isLeader: null, unitLevels: [], unitPaths: [] },
  evidenceKinds: [EvidenceKind.CourseCompleted, EvidenceKind.TestPassed, EvidenceKind.Attendance],
  validity: 'phase',
  validityYears: 1,
  phases: PHASES,
  startYear: 2019,
  endYear: 2025,
  unitShare: 0,
  ...over,
});

const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  status: 'active',
  category: 'cong_chuc',
  doesCchcWork: false,
  isLeader: false,
  unitLevel: 'commune',
  unitPath: '/p/c1/',
  ...over,
});

describe('isEligible', () => {
  it('counts active and on-leave people of the audience categories', () => {
    expect(isEligible(rules(), person())).toBe(true);
    expect(isEligible(rules(), person({ status: 'on_leave' }))).toBe(true);
    expect(isEligible(rules(), person({ category: 'can_bo' }))).toBe(true);
    expect(isEligible(rules(), person({ category: 'vien_chuc' }))).toBe(false);
  });

  it('drops retired and departed people from the denominator', () => {
    expect(isEligible(rules(), person({ status: 'retired' }))).toBe(false);
    expect(isEligible(rules(), person({ status: 'left' }))).toBe(false);
  });

  it('an empty category list means everyone', () => {
    const r = rules({ audience: { ...rules().audience, categories: [] } });
    expect(isEligible(r, person({ category: 'nguoi_lao_dong' }))).toBe(true);
  });

  it('checks the CCHC-work and leadership flags only when the target sets them', () => {
    const cchc = rules({ audience: { ...rules().audience, doesCchcWork: true } });
    expect(isEligible(cchc, person({ doesCchcWork: true }))).toBe(true);
    expect(isEligible(cchc, person({ doesCchcWork: false }))).toBe(false);
    const nonLeaders = rules({ audience: { ...rules().audience, isLeader: false } });
    expect(isEligible(nonLeaders, person({ isLeader: true }))).toBe(false);
    expect(isEligible(nonLeaders, person({ isLeader: false }))).toBe(true);
  });

  it('limits people targets to unit levels, units targets not (their levels pick the counted units)', () => {
    const audience = { ...rules().audience, unitLevels: ['commune'] };
    expect(isEligible(rules({ audience }), person({ unitLevel: 'department' }))).toBe(false);
    expect(isEligible(rules({ audience }), person({ unitLevel: 'commune' }))).toBe(true);
    expect(isEligible(rules({ audience, kind: 'units' }), person({ unitLevel: 'department' }))).toBe(true);
  });

  it('limits to unit subtrees by path prefix (a transfer or merge changes the path, so the answer follows the person)', () => {
    const r = rules({ audience: { ...rules().audience, unitPaths: ['/p/c1/', '/p/d2/'] } });
    expect(isEligible(r, person({ unitPath: '/p/c1/sub/' }))).toBe(true);
    expect(isEligible(r, person({ unitPath: '/p/d2/' }))).toBe(true);
    expect(isEligible(r, person({ unitPath: '/p/c3/' }))).toBe(false);
  });
});

describe('validity windows', () => {
  it('year: only the year it happened', () => {
    expect(validUntilYear(rules({ validity: 'year' }), 2023)).toBe(2023);
  });
  it('N years including the year it happened', () => {
    expect(validUntilYear(rules({ validity: 'years', validityYears: 3 }), 2023)).toBe(2025);
    expect(validUntilYear(rules({ validity: 'years', validityYears: 0 }), 2023)).toBe(2023);
  });
  it('phase: until the end of the phase it falls in; a shared boundary year belongs to the first phase', () => {
    expect(validUntilYear(rules(), 2020)).toBe(2022);
    expect(validUntilYear(rules(), 2022)).toBe(2022);
    expect(validUntilYear(rules(), 2023)).toBe(2025);
    expect(validUntilYear(rules(), 2030)).toBe(2030);
  });
  it('phaseOfYear and currentPhase', () => {
    expect(phaseOfYear(PHASES, 2018)).toBeNull();
    expect(phaseOfYear(PHASES, 2024)?.name).toBe('Giai đoạn II');
    expect(currentPhase(PHASES, new Date('2022-06-01'))?.name).toBe('Giai đoạn II');
    expect(currentPhase(PHASES, new Date('2020-06-01'))?.name).toBe('Giai đoạn I');
    expect(currentPhase(PHASES, new Date('2017-06-01'))?.name).toBe('Giai đoạn I');
    expect(currentPhase(PHASES, new Date('2027-06-01'))?.name).toBe('Giai đoạn II');
    expect(currentPhase([], new Date())).toBeNull();
  });
  it('coverageYear clamps now to the target range', () => {
    expect(coverageYear(rules(), new Date('2026-03-01'))).toBe(2025);
    expect(coverageYear(rules(), new Date('2015-03-01'))).toBe(2019);
    expect(coverageYear(rules(), new Date('2024-03-01'))).toBe(2024);
  });
});

describe('coveredYears', () => {
  const ev = (kind: EvidenceKind, year: number) => ({ kind, year });
  it('phase validity: evidence in 2020 covers 2020–2022, in 2023 covers 2023–2025', () => {
    expect(coveredYears(rules(), [ev(EvidenceKind.CourseCompleted, 2020)])).toEqual([2020, 2021, 2022]);
    expect(coveredYears(rules(), [ev(EvidenceKind.Attendance, 2023)])).toEqual([2023, 2024, 2025]);
  });
  it('yearly validity (Văn hóa công vụ is trained every year)', () => {
    expect(coveredYears(rules({ validity: 'year' }), [ev(EvidenceKind.Attendance, 2021), ev(EvidenceKind.Attendance, 2023)])).toEqual([2021, 2023]);
  });
  it('ignores kinds the target does not count', () => {
    const r = rules({ evidenceKinds: [EvidenceKind.TestPassed] });
    expect(coveredYears(r, [ev(EvidenceKind.Attendance, 2021)])).toEqual([]);
    expect(coveredYears(r, [ev(EvidenceKind.TestPassed, 2021)])).toEqual([2021, 2022]);
  });
  it('clips to the target range and merges overlaps', () => {
    const r = rules({ validity: 'years', validityYears: 3 });
    expect(coveredYears(r, [ev(EvidenceKind.TestPassed, 2017)])).toEqual([2019]);
    expect(coveredYears(r, [ev(EvidenceKind.TestPassed, 2024)])).toEqual([2024, 2025]);
    expect(coveredYears(r, [ev(EvidenceKind.TestPassed, 2020), ev(EvidenceKind.TestPassed, 2021)])).toEqual([2020, 2021, 2022, 2023]);
    expect(coveredYears(r, [ev(EvidenceKind.TestPassed, 2031)])).toEqual([]);
  });
  it('no evidence, no years', () => {
    expect(coveredYears(rules(), [])).toEqual([]);
  });
});

describe('unitCovered', () => {
  it('one covered person is enough by default', () => {
    expect(unitCovered(0, 20, 1, false)).toBe(true);
    expect(unitCovered(0, 20, 0, false)).toBe(false);
  });
  it('a configurable share of the unit', () => {
    expect(unitCovered(0.5, 10, 4, false)).toBe(false);
    expect(unitCovered(0.5, 10, 5, false)).toBe(true);
    expect(unitCovered(0.3, 3, 1, false)).toBe(true);
    expect(unitCovered(0.5, 0, 0, false)).toBe(false);
  });
  it('an in-person session organised for the unit covers it whatever the people counts', () => {
    expect(unitCovered(0.9, 10, 0, true)).toBe(true);
    expect(unitCovered(0, 0, 0, true)).toBe(true);
  });
});

describe('percent and status', () => {
  it('percent has one decimal and is 0 for an empty denominator', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 0)).toBe(0);
    expect(percent(5, 5)).toBe(100);
  });
  const phase = { startYear: 2022, endYear: 2025 };
  it('met at or above the threshold, even after the deadline', () => {
    expect(coverageStatus(80, 80, phase, new Date('2024-01-01'))).toBe('met');
    expect(coverageStatus(100, 100, phase, new Date('2030-01-01'))).toBe('met');
  });
  it('on track when at least threshold × elapsed share of the phase', () => {
    // 2024-01-01 is half-way through 2022–2025: 50% of 100 is the line.
    const mid = new Date(Date.UTC(2024, 0, 1));
    expect(coverageStatus(51, 100, phase, mid)).toBe('on_track');
    expect(coverageStatus(49, 100, phase, mid)).toBe('behind');
    expect(coverageStatus(0, 100, phase, new Date('2021-06-01'))).toBe('on_track');
  });
  it('after the phase has ended the status is a verdict: met or not met, never behind/on track', () => {
    expect(coverageStatus(99, 100, phase, new Date('2026-01-02'))).toBe('not_met');
    expect(coverageStatus(100, 100, phase, new Date('2026-01-02'))).toBe('met');
    // The 2025 figures (as of 31/12/2025 noon) read in 2026: the deadline has passed.
    expect(coverageStatus(79.9, 80, phase, new Date(Date.UTC(2025, 11, 31, 12)), new Date('2026-03-01'))).toBe('not_met');
    // The same figures read on 31/12/2025 itself: still in progress, just behind the line.
    expect(coverageStatus(79.9, 80, phase, new Date(Date.UTC(2025, 11, 31, 12)))).toBe('behind');
    // A past year of a phase that is still running is judged against the line at the end of that year.
    expect(coverageStatus(10, 100, phase, new Date(Date.UTC(2023, 11, 31, 12)), new Date('2024-06-01'))).toBe('behind');
    // ...and stays a progress status after the phase ends: only the last year's figures get the verdict.
    expect(coverageStatus(90, 100, phase, new Date(Date.UTC(2023, 11, 31, 12)), new Date('2027-06-01'))).toBe('on_track');
  });
  it('behind with no period known', () => {
    expect(coverageStatus(99, 100, null, new Date('2024-01-01'))).toBe('behind');
  });
  it('the period of a year is the later phase on a shared boundary year, else the whole range', () => {
    const rules = { phases: [{ name: 'I', startYear: 2019, endYear: 2022, review: 'interim' as const }, { name: 'II', startYear: 2022, endYear: 2025, review: 'final' as const }], startYear: 2019, endYear: 2025 };
    expect(periodOfYear(rules, 2020)).toMatchObject({ startYear: 2019, endYear: 2022 });
    expect(periodOfYear(rules, 2022)).toMatchObject({ startYear: 2022, endYear: 2025 });
    expect(periodOfYear({ ...rules, phases: [] }, 2020)).toEqual({ startYear: 2019, endYear: 2025 });
  });

  it('a yearly target is judged year by year: a past year gets a verdict, the current one a straight line through the year', () => {
    const yearly = { phases: [{ name: '2019–2030', startYear: 2019, endYear: 2030, review: 'final' as const }], startYear: 2019, endYear: 2030, validity: 'year' as const };
    expect(periodOfYear(yearly, 2025)).toEqual({ startYear: 2025, endYear: 2025 });
    const now = new Date('2026-12-06T04:00:00Z');
    expect(coverageStatus(61.4, 100, periodOfYear(yearly, 2025), new Date('2025-12-31T12:00:00Z'), now)).toBe('not_met');
    expect(coverageStatus(100, 100, periodOfYear(yearly, 2025), new Date('2025-12-31T12:00:00Z'), now)).toBe('met');
    // 6 December: about 93% of the year has gone, so 95% is on track and 61.4% behind.
    expect(coverageStatus(95, 100, periodOfYear(yearly, 2026), now, now)).toBe('on_track');
    expect(coverageStatus(61.4, 100, periodOfYear(yearly, 2026), now, now)).toBe('behind');
  });
});

describe('audienceAppliesTo', () => {
  const units: UnitFact[] = [
    { path: '/p/', level: 'province' },
    { path: '/p/so/', level: 'department' },
    { path: '/p/so/phong/', level: 'office' },
    { path: '/p/xa1/', level: 'commune' },
    { path: '/p/xa1/truong/', level: 'public_service' },
  ];
  it('a commune-level target does not apply to a department, applies to a commune', () => {
    const a = { unitLevels: ['commune'], unitPaths: [] };
    expect(audienceAppliesTo(a, '/p/so/', units)).toBe(false);
    expect(audienceAppliesTo(a, '/p/xa1/', units)).toBe(true);
    expect(audienceAppliesTo(a, '/p/', units)).toBe(true);
  });
  it('no level filter applies everywhere a unit exists', () => {
    expect(audienceAppliesTo({ unitLevels: [], unitPaths: [] }, '/p/so/', units)).toBe(true);
  });
  it('a target limited to a subtree applies to that subtree and its ancestors only', () => {
    const a = { unitLevels: [], unitPaths: ['/p/xa1/truong/'] };
    expect(audienceAppliesTo(a, '/p/xa1/', units)).toBe(true);
    expect(audienceAppliesTo(a, '/p/so/', units)).toBe(false);
  });
  it('levels and subtrees combine', () => {
    expect(audienceAppliesTo({ unitLevels: ['office'], unitPaths: ['/p/xa1/'] }, '/p/xa1/', units)).toBe(false);
    expect(audienceAppliesTo({ unitLevels: ['office'], unitPaths: ['/p/so/'] }, '/p/so/', units)).toBe(true);
  });
});

describe('defaultTargetShortName', () => {
  it('drops the share and the audience words, keeps what the target is about', () => {
    expect(defaultTargetShortName('100% cán bộ, công chức được bồi dưỡng kiến thức về Cộng đồng ASEAN')).toBe('Cộng đồng ASEAN');
    expect(defaultTargetShortName('Ít nhất 80% cán bộ, công chức được bồi dưỡng kỹ năng hành chính, quản lý nhà nước theo chuẩn ASEAN')).toBe('Kỹ năng hành chính, quản lý nhà nước…');
    expect(defaultTargetShortName('bồi dưỡng văn hóa công vụ hằng năm')).toBe('Bồi dưỡng văn hóa công vụ hằng năm');
  });
  it('never longer than the limit, never empty', () => {
    const long = 'Một chỉ tiêu có tên rất dài mà không có phần trăm ở đầu để bỏ đi và cần được cắt ngắn lại cho vừa';
    expect(defaultTargetShortName(long).length).toBeLessThanOrEqual(40);
    expect(defaultTargetShortName('100%')).toBe('100%');
  });
});
