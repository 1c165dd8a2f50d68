/**
 * Whether a target is counted at a unit: a national target (no province) everywhere, a province's target only at its
 * province and below (a unit path lists every ancestor's id, the province's among them).
 */
export function targetReaches(t: { provinceId: string | null }, unitPath: string): boolean {
  return !t.provinceId || unitPath.includes(`/${t.provinceId}/`);
}
