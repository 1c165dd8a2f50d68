import { Difficulty, QuestionType } from './question';

/** One line of a test round's blueprint: this many questions of this topic and difficulty. */
export interface BlueprintLine {
  topicId: string;
  difficulty: Difficulty;
  count: number;
}

/** A published question as the draw sees it (its current version). */
export interface PoolQuestion {
  questionId: string;
  versionId: string;
  topicId: string;
  difficulty: Difficulty;
  type: QuestionType;
}

export interface BlueprintShortfall {
  topicId: string;
  difficulty: Difficulty;
  needed: number;
  available: number;
}

export interface BlueprintAvailability extends BlueprintShortfall {
  missing: number;
}

const key = (topicId: string, difficulty: string) => `${topicId}|${difficulty}`;

/** Lines for the same topic and difficulty are added up; zero-count lines dropped. */
export function normalizeBlueprint(lines: BlueprintLine[]): BlueprintLine[] {
  const merged = new Map<string, BlueprintLine>();
  for (const l of lines) {
    if (l.count <= 0) continue;
    const k = key(l.topicId, l.difficulty);
    const prev = merged.get(k);
    merged.set(k, { topicId: l.topicId, difficulty: l.difficulty, count: (prev?.count ?? 0) + l.count });
  }
  return [...merged.values()];
}

export function blueprintSize(lines: BlueprintLine[]): number {
  return lines.reduce((s, l) => s + Math.max(0, l.count), 0);
}

/** For each blueprint line: how many questions it needs and how many the bank has. */
export function blueprintAvailability(lines: BlueprintLine[], pool: PoolQuestion[]): BlueprintAvailability[] {
  const counts = new Map<string, number>();
  for (const q of pool) counts.set(key(q.topicId, q.difficulty), (counts.get(key(q.topicId, q.difficulty)) ?? 0) + 1);
  return normalizeBlueprint(lines).map((l) => {
    const available = counts.get(key(l.topicId, l.difficulty)) ?? 0;
    return { topicId: l.topicId, difficulty: l.difficulty, needed: l.count, available, missing: Math.max(0, l.count - available) };
  });
}

/** The lines the bank cannot satisfy, with exactly what is missing; empty when the blueprint can be drawn. */
export function blueprintShortfalls(lines: BlueprintLine[], pool: PoolQuestion[]): BlueprintShortfall[] {
  return blueprintAvailability(lines, pool)
    .filter((a) => a.missing > 0)
    .map(({ topicId, difficulty, needed, available }) => ({ topicId, difficulty, needed, available }));
}

/** Deterministic 32-bit generator (mulberry32): the same seed gives the same draw, so a draw can be reproduced. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export class BlueprintUnsatisfiableError extends Error {
  constructor(readonly shortfalls: BlueprintShortfall[]) {
    super('blueprint cannot be satisfied by the bank');
  }
}

/** A pool's questions by topic and difficulty (each question once) and each cell's count. */
interface PoolIndex {
  size: number;
  byKey: Map<string, PoolQuestion[]>;
  counts: Map<string, number>;
}

// A whole province starts at the same minute from one cached pool: index it once, not on every draw. Keyed by the
// pool array itself, so a new pool (edited bank, another round) is indexed afresh and the old one is collected.
const poolIndexes = new WeakMap<readonly PoolQuestion[], PoolIndex>();

function poolIndex(pool: readonly PoolQuestion[]): PoolIndex {
  const hit = poolIndexes.get(pool);
  if (hit && hit.size === pool.length) return hit;
  const byKey = new Map<string, PoolQuestion[]>();
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const q of pool) {
    const k = key(q.topicId, q.difficulty);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    if (seen.has(q.questionId)) continue;
    seen.add(q.questionId);
    const cell = byKey.get(k);
    if (cell) cell.push(q);
    else byKey.set(k, [q]);
  }
  const index = { size: pool.length, byKey, counts };
  poolIndexes.set(pool, index);
  return index;
}

/**
 * Draws one person's questions: for each line, `count` distinct questions of that topic and difficulty, preferring
 * questions not in `avoid` (what they saw in their previous attempt) and falling back to those only when the bank
 * has too few others. Result order follows the blueprint unless `shuffle` is set.
 */
export function drawFromBlueprint(
  lines: BlueprintLine[],
  pool: PoolQuestion[],
  options: { seed: number; avoid?: Iterable<string>; shuffle?: boolean },
): PoolQuestion[] {
  const { byKey, counts } = poolIndex(pool);
  const normalized = normalizeBlueprint(lines);
  if (normalized.some((l) => (counts.get(key(l.topicId, l.difficulty)) ?? 0) < l.count)) throw new BlueprintUnsatisfiableError(blueprintShortfalls(lines, pool));
  const random = seededRandom(options.seed);
  const avoid = new Set(options.avoid ?? []);
  const drawn: PoolQuestion[] = [];
  for (const l of normalized) {
    const candidates = byKey.get(key(l.topicId, l.difficulty)) ?? [];
    const fresh = shuffled(candidates.filter((q) => !avoid.has(q.questionId)), random);
    const repeat = shuffled(candidates.filter((q) => avoid.has(q.questionId)), random);
    drawn.push(...[...fresh, ...repeat].slice(0, l.count));
  }
  return options.shuffle ? shuffled(drawn, random) : drawn;
}
