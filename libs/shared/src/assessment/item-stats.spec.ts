import { discriminationIndex, facilityIndex, itemFlags, ItemResponse, pointBiserial } from './item-stats';

describe('item statistics against hand-computed values', () => {
  // Ten attempts, totals 10..1; the item is right for totals 10, 9, 8, 6, 3.
  const responses: ItemResponse[] = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((total) => ({ total, correct: [10, 9, 8, 6, 3].includes(total) }));

  it('facility = correct / attempts', () => {
    expect(facilityIndex(5, 10)).toBe(0.5);
    expect(facilityIndex(0, 0)).toBeNull();
  });

  it('discrimination with 27% groups: n = round(2.7) = 3; upper {10,9,8} all right (1), lower {3,2,1} one right (1/3) → D = 2/3', () => {
    expect(discriminationIndex(responses)).toBeCloseTo(2 / 3, 10);
  });

  it('a reversed item has negative discrimination', () => {
    const reversed = responses.map((r) => ({ ...r, correct: !r.correct }));
    expect(discriminationIndex(reversed)).toBeCloseTo(-2 / 3, 10);
    expect(discriminationIndex([{ total: 5, correct: true }])).toBeNull();
  });

  it('point-biserial from running sums equals the textbook formula', () => {
    // Totals 1..10: mean 5.5, population variance 8.25; right-group mean (10+9+8+6+3)/5 = 7.2, wrong-group mean 3.8.
    const s = { attempts: 10, correct: 5, sumTotal: 55, sumTotalSq: 385, sumTotalWhenCorrect: 36 };
    expect(pointBiserial(s)).toBeCloseTo(((7.2 - 3.8) / Math.sqrt(8.25)) * 0.5, 10);
    expect(pointBiserial({ ...s, correct: 10, sumTotalWhenCorrect: 55 })).toBeNull();
  });

  it('flags too easy, too hard, negative and low discrimination', () => {
    expect(itemFlags(0.95, 0.4)).toEqual(['too_easy']);
    expect(itemFlags(0.1, 0.05)).toEqual(['too_hard', 'low_discrimination']);
    expect(itemFlags(0.5, -0.3)).toEqual(['negative_discrimination']);
    expect(itemFlags(0.9, 0.2)).toEqual([]);
    expect(itemFlags(null, null)).toEqual([]);
  });
});
