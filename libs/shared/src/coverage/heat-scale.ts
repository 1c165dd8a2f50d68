/**
 * The heat map's colour for a share relative to its target's threshold: one hue scale from red (0% of the threshold)
 * through amber to green (threshold reached), growing monotonically with the share, so a darker red always means
 * further from the goal. Units the target does not apply to are grey and units with no one eligible are plain —
 * neither is ever painted as a failure.
 */
export type HeatKind = 'value' | 'not_applicable' | 'no_eligible';

/** Share of the threshold reached, 0–1. */
export function heatRatio(pct: number, thresholdPct: number): number {
  if (thresholdPct <= 0) return 1;
  return Math.max(0, Math.min(1, pct / thresholdPct));
}

/** Hue in degrees: 0 (red) at 0%, 120 (green) at the threshold and above. */
export function heatHue(pct: number, thresholdPct: number): number {
  return Math.round(heatRatio(pct, thresholdPct) * 120);
}

export const HEAT_GREY = '#e4e4e4';
export const HEAT_PLAIN = '#ffffff';

export function heatColour(kind: HeatKind, pct = 0, thresholdPct = 100): string {
  if (kind === 'not_applicable') return HEAT_GREY;
  if (kind === 'no_eligible') return HEAT_PLAIN;
  return `hsl(${heatHue(pct, thresholdPct)} 65% 78%)`;
}

/** The legend's steps (share of the threshold) with their colours. */
export const HEAT_LEGEND_STEPS = [0, 0.25, 0.5, 0.75, 1];
