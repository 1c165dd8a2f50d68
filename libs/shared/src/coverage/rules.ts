import { EvidenceKind } from '../topics/topic';

/**
 * Coverage against targets (chỉ tiêu): who is eligible, which years a person counts as trained, whether a unit counts
 * as covered, and whether a target is met, on track or behind. Pure functions; the database keeps aggregates with the
 * same rules (migration 1763800007000) and tests check one against the other.
 */

export type TargetKind = 'people' | 'units';
/** How long a piece of evidence keeps a person covered: only the year it happened, N years, or until its phase ends. */
export type ValidityMode = 'year' | 'years' | 'phase';
export type CoverageStatus = 'met' | 'on_track' | 'behind';

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
 * Met when the share reaches the threshold. Otherwise "on track" when the share is at least the threshold scaled by
 * the time elapsed in the current phase (a straight line from 0 at the phase start to the threshold at its end,
 * 31/12 of the end year); "behind" below that line, and always once the deadline has passed.
 */
export function coverageStatus(pct: number, thresholdPct: number, phase: { startYear: number; endYear: number } | null, now: Date): CoverageStatus {
  if (pct >= thresholdPct) return 'met';
  if (!phase) return 'behind';
  const start = Date.UTC(phase.startYear, 0, 1);
  const end = Date.UTC(phase.endYear, 11, 31, 23, 59, 59);
  const t = now.getTime();
  if (t > end) return 'behind';
  const elapsed = Math.max(0, Math.min(1, (t - start) / (end - start)));
  return pct >= thresholdPct * elapsed ? 'on_track' : 'behind';
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
};
