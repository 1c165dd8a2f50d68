import { blueprintAvailability, blueprintShortfalls, BlueprintUnsatisfiableError, drawFromBlueprint, PoolQuestion, seededRandom, shuffled } from './blueprint';
import { Difficulty, QuestionType } from './question';

const pool: PoolQuestion[] = [];
const add = (topicId: string, difficulty: Difficulty, n: number) => {
  for (let i = 0; i < n; i++) pool.push({ questionId: `${topicId}-${difficulty}-${i}`, versionId: `v-${topicId}-${difficulty}-${i}`, topicId, difficulty, type: QuestionType.Single });
};
add('ASEAN', Difficulty.Easy, 6);
add('ASEAN', Difficulty.Hard, 2);
add('VHCV', Difficulty.Medium, 4);

describe('blueprint', () => {
  it('draws exactly the counts per topic and difficulty, without duplicates', () => {
    const lines = [
      { topicId: 'ASEAN', difficulty: Difficulty.Easy, count: 3 },
      { topicId: 'ASEAN', difficulty: Difficulty.Hard, count: 2 },
      { topicId: 'VHCV', difficulty: Difficulty.Medium, count: 2 },
    ];
    for (let seed = 1; seed < 50; seed++) {
      const drawn = drawFromBlueprint(lines, pool, { seed, shuffle: true });
      expect(drawn).toHaveLength(7);
      expect(new Set(drawn.map((q) => q.questionId)).size).toBe(7);
      expect(drawn.filter((q) => q.topicId === 'ASEAN' && q.difficulty === Difficulty.Easy)).toHaveLength(3);
      expect(drawn.filter((q) => q.topicId === 'ASEAN' && q.difficulty === Difficulty.Hard)).toHaveLength(2);
      expect(drawn.filter((q) => q.topicId === 'VHCV')).toHaveLength(2);
    }
  });

  it('is reproducible from its seed and differs between seeds', () => {
    const lines = [{ topicId: 'ASEAN', difficulty: Difficulty.Easy, count: 3 }];
    const a = drawFromBlueprint(lines, pool, { seed: 42 }).map((q) => q.questionId);
    expect(drawFromBlueprint(lines, pool, { seed: 42 }).map((q) => q.questionId)).toEqual(a);
    const others = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => drawFromBlueprint(lines, pool, { seed: s }).map((q) => q.questionId).join()));
    expect(others.size).toBeGreaterThan(1);
  });

  it('avoids the questions of the previous attempt when the bank allows', () => {
    const lines = [{ topicId: 'ASEAN', difficulty: Difficulty.Easy, count: 3 }];
    for (let seed = 1; seed < 30; seed++) {
      const first = drawFromBlueprint(lines, pool, { seed });
      const second = drawFromBlueprint(lines, pool, { seed: seed + 1000, avoid: first.map((q) => q.questionId) });
      expect(second.filter((q) => first.some((f) => f.questionId === q.questionId))).toEqual([]);
    }
  });

  it('repeats only as many previous questions as the bank forces', () => {
    const lines = [{ topicId: 'VHCV', difficulty: Difficulty.Medium, count: 3 }];
    const avoid = ['VHCV-medium-0', 'VHCV-medium-1', 'VHCV-medium-2'];
    const drawn = drawFromBlueprint(lines, pool, { seed: 7, avoid }).map((q) => q.questionId);
    expect(drawn).toContain('VHCV-medium-3');
    expect(drawn.filter((id) => avoid.includes(id))).toHaveLength(2);
  });

  it('refuses an unsatisfiable blueprint with exactly what is missing', () => {
    const lines = [
      { topicId: 'ASEAN', difficulty: Difficulty.Hard, count: 5 },
      { topicId: 'ASEAN', difficulty: Difficulty.Easy, count: 2 },
      { topicId: 'KNHC', difficulty: Difficulty.Medium, count: 1 },
    ];
    expect(blueprintShortfalls(lines, pool)).toEqual([
      { topicId: 'ASEAN', difficulty: Difficulty.Hard, needed: 5, available: 2 },
      { topicId: 'KNHC', difficulty: Difficulty.Medium, needed: 1, available: 0 },
    ]);
    expect(() => drawFromBlueprint(lines, pool, { seed: 1 })).toThrow(BlueprintUnsatisfiableError);
  });

  it('adds up repeated lines before checking availability', () => {
    const lines = [
      { topicId: 'ASEAN', difficulty: Difficulty.Hard, count: 1 },
      { topicId: 'ASEAN', difficulty: Difficulty.Hard, count: 2 },
      { topicId: 'VHCV', difficulty: Difficulty.Medium, count: 0 },
    ];
    expect(blueprintAvailability(lines, pool)).toEqual([{ topicId: 'ASEAN', difficulty: Difficulty.Hard, needed: 3, available: 2, missing: 1 }]);
  });

  it('shuffles every element into place (a permutation) and the generator stays in [0, 1)', () => {
    const r = seededRandom(3);
    for (let i = 0; i < 1000; i++) {
      const x = r();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(shuffled([1, 2, 3, 4, 5], seededRandom(9)).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
