/** A score band on the 10-point scale: a score at or above `min` (and below the next band's min) earns `label`. */
export interface ScoreBand {
  label: string;
  min: number;
}

/** Vietnamese practice: Giỏi ≥ 9, Khá ≥ 7, Đạt ≥ 5, Chưa đạt < 5. */
export const DEFAULT_BANDS: ScoreBand[] = [
  { label: 'Giỏi', min: 9 },
  { label: 'Khá', min: 7 },
  { label: 'Đạt', min: 5 },
  { label: 'Chưa đạt', min: 0 },
];

/** Problems with a band list, in Vietnamese; empty when valid. */
export function validateBands(bands: ScoreBand[]): string[] {
  const problems: string[] = [];
  if (!bands.length) problems.push('Cần ít nhất một mức xếp loại.');
  const labels = new Set<string>();
  for (const b of bands) {
    if (!b.label?.trim()) problems.push('Mỗi mức xếp loại cần có tên.');
    if (!(b.min >= 0 && b.min <= 10)) problems.push(`Ngưỡng của mức "${b.label}" phải từ 0 đến 10.`);
    if (labels.has(b.label)) problems.push(`Mức "${b.label}" bị trùng.`);
    labels.add(b.label);
  }
  if (bands.length && !bands.some((b) => b.min === 0)) problems.push('Cần một mức có ngưỡng 0 (cho điểm thấp nhất).');
  return problems;
}

/** The band a score falls in: the one with the highest threshold not above the score. */
export function bandFor(score: number, bands: ScoreBand[] = DEFAULT_BANDS): string {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return (sorted.find((b) => score >= b.min - 1e-9) ?? sorted[sorted.length - 1]).label;
}

/**
 * The authoring form's check of band rows as the coordinator typed them: every row named, thresholds from 0 to 10,
 * strictly descending from top to bottom, the last one at 0 (it catches every lower score). Vietnamese messages.
 */
export function validateBandRows(rows: { label: string; min: number }[]): string[] {
  const problems: string[] = [];
  if (!rows.length) return ['Cần ít nhất một mức xếp loại.'];
  const labels = new Set<string>();
  rows.forEach((r, i) => {
    const name = r.label.trim();
    if (!name) problems.push(`Dòng ${i + 1}: chưa nhập tên mức xếp loại.`);
    else if (labels.has(name)) problems.push(`Mức "${name}" bị trùng.`);
    labels.add(name);
    if (!Number.isFinite(r.min) || r.min < 0 || r.min > 10) problems.push(`Dòng ${i + 1}: ngưỡng điểm phải từ 0 đến 10.`);
    else if (i > 0 && Number.isFinite(rows[i - 1].min) && !(r.min < rows[i - 1].min))
      problems.push(`Dòng ${i + 1}: ngưỡng điểm phải thấp hơn dòng trên (xếp từ cao xuống thấp).`);
  });
  if (rows[rows.length - 1].min !== 0) problems.push('Mức cuối cùng phải có ngưỡng 0 (cho điểm thấp nhất).');
  return problems;
}
