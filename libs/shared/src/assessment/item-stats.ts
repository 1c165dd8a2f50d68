import { round2 } from './scoring';

/** One submitted attempt as item analysis sees one question: the attempt's total score and whether it got this one. */
export interface ItemResponse {
  total: number;
  correct: boolean;
}

/** Facility index p: the share of attempts that answered correctly. */
export function facilityIndex(correct: number, attempts: number): number | null {
  return attempts > 0 ? correct / attempts : null;
}

/**
 * Discrimination index D = p(upper) − p(lower), the groups being the top and bottom 27% of attempts by total score
 * (at least one attempt each). Ties at a group's edge are broken by the order given. Null under 2 attempts.
 */
export function discriminationIndex(responses: ItemResponse[], fraction = 0.27): number | null {
  if (responses.length < 2) return null;
  const n = Math.max(1, Math.round(responses.length * fraction));
  const sorted = responses.map((r, i) => ({ ...r, i })).sort((a, b) => b.total - a.total || a.i - b.i);
  const upper = sorted.slice(0, n);
  const lower = sorted.slice(sorted.length - n);
  const p = (g: typeof upper) => g.filter((r) => r.correct).length / g.length;
  return p(upper) - p(lower);
}

/** Sums kept up to date as attempts are submitted, so point-biserial needs no re-scan. */
export interface ItemSums {
  attempts: number;
  correct: number;
  sumTotal: number;
  sumTotalSq: number;
  sumTotalWhenCorrect: number;
}

/** Point-biserial correlation between getting the item right and the total score, from running sums. */
export function pointBiserial(s: ItemSums): number | null {
  if (s.attempts < 2 || s.correct === 0 || s.correct === s.attempts) return null;
  const mean = s.sumTotal / s.attempts;
  const variance = s.sumTotalSq / s.attempts - mean * mean;
  if (variance <= 1e-12) return null;
  const p = s.correct / s.attempts;
  const meanCorrect = s.sumTotalWhenCorrect / s.correct;
  const meanWrong = (s.sumTotal - s.sumTotalWhenCorrect) / (s.attempts - s.correct);
  return ((meanCorrect - meanWrong) / Math.sqrt(variance)) * Math.sqrt(p * (1 - p));
}

export type ItemFlag = 'too_easy' | 'too_hard' | 'negative_discrimination' | 'low_discrimination';

export const ITEM_FLAG_LABELS: Record<ItemFlag, { vi: string; en: string }> = {
  too_easy: { vi: 'Quá dễ', en: 'Too easy' },
  too_hard: { vi: 'Quá khó', en: 'Too hard' },
  negative_discrimination: { vi: 'Phân biệt âm (có thể sai đáp án hoặc mơ hồ)', en: 'Negative discrimination (key or wording?)' },
  low_discrimination: { vi: 'Phân biệt kém', en: 'Low discrimination' },
};

/** Flags: p > 0.9 too easy, p < 0.2 too hard, D < 0 negative (ambiguous or wrong key), 0 ≤ D < 0.2 low. */
export function itemFlags(facility: number | null, discrimination: number | null): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (facility !== null && facility > 0.9) flags.push('too_easy');
  if (facility !== null && facility < 0.2) flags.push('too_hard');
  if (discrimination !== null && discrimination < 0) flags.push('negative_discrimination');
  else if (discrimination !== null && discrimination < 0.2) flags.push('low_discrimination');
  return flags;
}

export const roundStat = (x: number | null): number | null => (x === null ? null : round2(x * 100) / 100);
