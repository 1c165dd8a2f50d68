import { EvidenceKind } from '../topics/topic';

/**
 * Coverage against targets (chỉ tiêu): who is eligible, which years a person counts as trained, whether a unit counts
 * as covered, and whether a target is met, on track or behind. Pure functions; the database keeps aggregates with the
 * same rules (migration 1763800007000) and tests check one against the other.
 */

export type TargetKind = 'people' | 'units';
/** How long a piece of evidence keeps a person covered: only the year it happened, N years, or until its phase ends. */
export type ValidityMode = 'year' | 'years' | 'phase';
/** Before the period ends: met / on track / behind. Once it has ended: a verdict, met / not met. */
export type CoverageStatus = 'met' | 'on_track' | 'behind' | 'not_met';

export interface TargetPhase {
  name: string;
  startYear: number;
  endYear: number;
  /** interim (sơ kết) or final (tổng kết) review at the end of the phase. */
  review: 'interim' | 'final';
}

export interface TargetAudience {
  /** Person categories (can_bo, cong_chuc...); empty = every category. */
  categories: string[];
  /** true/false = must have/not have the flag; null = either. */
  doesCchcWork: boolean | null;
  isLeader: boolean | null;
  /** Levels of the person's unit (for people targets) or of the counted units (units targets); empty = all. */
  unitLevels: string[];
  /** Paths of unit subtrees the target is limited to; empty = the whole province. */
  unitPaths: string[];
}

export interface TargetRules {
  kind: TargetKind;
  audience: TargetAudience;
  evidenceKinds: EvidenceKind[];
  validity: ValidityMode;
  /** For validity 'years': how many years including the year it happened. */
  validityYears: number;
  phases: TargetPhase[];
  startYear: number;
  endYear: number;
  /** Units targets: share (0–1) of the unit's eligible people that must be covered; 0 = at least one person. */
  unitShare: number;
}

export interface PersonFacts {
  status: string;
  category: string;
  doesCchcWork: boolean;
  isLeader: boolean;
  unitLevel: string;
  unitPath: string;
}

export interface EvidenceFact {
  kind: EvidenceKind;
  year: number;
}

/** Retired and departed people are never eligible; active and on-leave people are. */
export function isEligible(target: Pick<TargetRules, 'audience' | 'kind'>, p: PersonFacts): boolean {
  if (p.status !== 'active' && p.status !== 'on_leave') return false;
  const a = target.audience;
  if (a.categories.length && !a.categories.includes(p.category)) return false;
  if (a.doesCchcWork !== null && a.doesCchcWork !== p.doesCchcWork) return false;
  if (a.isLeader !== null && a.isLeader !== p.isLeader) return false;
  // For units targets the levels describe the counted units, not where people sit.
  if (target.kind === 'people' && a.unitLevels.length && !a.unitLevels.includes(p.unitLevel)) return false;
  if (a.unitPaths.length && !a.unitPaths.some((root) => p.unitPath.startsWith(root))) return false;
  return true;
}

/** The phase a year falls in (the first one, when phases share a boundary year such as 2022). */
export function phaseOfYear(phases: TargetPhase[], year: number): TargetPhase | null {
  return phases.find((ph) => year >= ph.startYear && year <= ph.endYear) ?? null;
}

/** The last year a piece of evidence from `year` keeps counting. */
export function validUntilYear(rules: Pick<TargetRules, 'validity' | 'validityYears' | 'phases' | 'endYear'>, year: number): number {
  if (rules.validity === 'year') return year;
  if (rules.validity === 'years') return year + Math.max(1, rules.validityYears) - 1;
  const phase = phaseOfYear(rules.phases, year);
  return phase ? phase.endYear : year;
}

/** The years (within the target's range) in which the evidence keeps the person covered. */
export function coveredYears(rules: TargetRules, evidence: EvidenceFact[]): number[] {
  const years = new Set<number>();
  for (const e of evidence) {
    if (!rules.evidenceKinds.includes(e.kind)) continue;
    const until = Math.min(validUntilYear(rules, e.year), rules.endYear);
    for (let y = Math.max(e.year, rules.startYear); y <= until; y++) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

/** Units targets: a unit is covered when enough of its eligible people are, or a session was organised for it. */
export function unitCovered(unitShare: number, eligiblePeople: number, coveredPeople: number, sessionHeld: boolean): boolean {
  if (sessionHeld) return true;
  if (coveredPeople <= 0) return false;
  if (unitShare <= 0) return true;
  return eligiblePeople > 0 && coveredPeople / eligiblePeople >= unitShare - 1e-9;
}

export function percent(covered: number, eligible: number): number {
  return eligible > 0 ? Math.round((covered / eligible) * 1000) / 10 : 0;
}

/**
 * Met when the share reaches the threshold. Once the period (the phase, ending 31/12 of its end year) is over at
 * `now` and the figures are those of its last year, the status is a verdict: met or not met. Before that, "on track" when the share is at least the threshold
 * scaled by the time elapsed at `asOf` (a straight line from 0 at the phase start to the threshold at its end), else
 * "behind". `asOf` is the moment the figures describe (31/12 of a past year), `now` the moment the report is read.
 */
export function coverageStatus(pct: number, thresholdPct: number, phase: { startYear: number; endYear: number } | null, asOf: Date, now: Date = asOf): CoverageStatus {
  const met = pct >= thresholdPct;
  if (!phase) return met ? 'met' : 'behind';
  const start = Date.UTC(phase.startYear, 0, 1);
  const end = Date.UTC(phase.endYear, 11, 31, 23, 59, 59);
  // A verdict needs the period to be over and the figures to be those of its last year (or later).
  if (Math.max(now.getTime(), asOf.getTime()) > end && asOf.getUTCFullYear() >= phase.endYear) return met ? 'met' : 'not_met';
  if (met) return 'met';
  const elapsed = Math.max(0, Math.min(1, (asOf.getTime() - start) / (end - start)));
  return pct >= thresholdPct * elapsed ? 'on_track' : 'behind';
}

/**
 * The period a year's figures are judged against. A yearly target (validity 'year': "hằng năm", "trong năm") starts
 * again each year, so each year is its own period and a past year gets a verdict; otherwise the phase containing the
 * year, else the target's whole range.
 */
export function periodOfYear(rules: Pick<TargetRules, 'phases' | 'startYear' | 'endYear'> & Partial<Pick<TargetRules, 'validity'>>, year: number): { startYear: number; endYear: number } {
  if (rules.validity === 'year') return { startYear: year, endYear: year };
  const inYear = rules.phases.filter((ph) => year >= ph.startYear && year <= ph.endYear);
  // Phases sharing a boundary year (2022): the later phase is the one still running in that year.
  return inYear[inYear.length - 1] ?? { startYear: rules.startYear, endYear: rules.endYear };
}

/** Facts about the units below a root, to decide which of its children a target's audience can apply to. */
export interface UnitFact {
  path: string;
  level: string;
}

/**
 * Whether a target's audience can apply anywhere in a unit's subtree: some unit there (the unit itself or below) has
 * one of the audience's levels and lies inside one of its unit subtrees. A commune-level target does not apply to a
 * provincial department; such units are left out of the target's tables instead of showing 0/0.
 */
export function audienceAppliesTo(audience: { unitLevels: string[]; unitPaths: string[] }, subtreePath: string, unitsInSubtree: UnitFact[]): boolean {
  const inSubtrees = (path: string) => !audience.unitPaths.length || audience.unitPaths.some((root) => path.startsWith(root));
  // A restricting subtree that sits inside this unit makes the unit relevant even if the unit itself is outside it.
  const touches = !audience.unitPaths.length || audience.unitPaths.some((root) => root.startsWith(subtreePath) || subtreePath.startsWith(root));
  if (!touches) return false;
  return unitsInSubtree.some((u) => u.path.startsWith(subtreePath) && (!audience.unitLevels.length || audience.unitLevels.includes(u.level)) && inSubtrees(u.path));
}

/** The phase that contains now, else the next one, else the last one. */
export function currentPhase(phases: TargetPhase[], now: Date): TargetPhase | null {
  const year = now.getUTCFullYear();
  const sorted = [...phases].sort((a, b) => a.startYear - b.startYear || a.endYear - b.endYear);
  const containing = sorted.filter((p) => year >= p.startYear && year <= p.endYear);
  if (containing.length) return containing[containing.length - 1];
  return sorted.find((p) => p.startYear > year) ?? sorted[sorted.length - 1] ?? null;
}

/** Whole-year status used for series: the year to read "now" for a target is the current year clamped to its range. */
export function coverageYear(rules: Pick<TargetRules, 'startYear' | 'endYear'>, now: Date): number {
  return Math.min(Math.max(now.getUTCFullYear(), rules.startYear), rules.endYear);
}

export const COVERAGE_STATUS_LABELS: Record<CoverageStatus, { vi: string; en: string }> = {
  met: { vi: 'Đạt', en: 'Met' },
  on_track: { vi: 'Đúng tiến độ', en: 'On track' },
  behind: { vi: 'Chậm tiến độ', en: 'Behind' },
  not_met: { vi: 'Không đạt', en: 'Not met' },
};

export const TARGET_SHORT_NAME_MAX = 60;

/**
 * A short column title from a target's name, until someone writes a better one: the leading share ("100%",
 * "Ít nhất 80%") and the audience words ("cán bộ, công chức được bồi dưỡng") are dropped, the rest is capitalised
 * and cut at a word boundary.
 */
export function defaultTargetShortName(name: string, max = 40): string {
  let s = name
    .replace(/^\s*((ít nhất|tối thiểu|trên|đạt)\s+)?\d+([.,]\d+)?\s*%\s*/i, '')
    .replace(/^(cán bộ, công chức(, viên chức)?|công chức|UBND)[^,]*?\s+(được|đã)\s+(bồi dưỡng|tập huấn)\s+(kiến thức\s+)?(về\s+)?/i, '')
    .trim();
  if (!s) s = name.trim();
  s = s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[,;:\s]+$/, '')}…`;
}
