import { EntityManager } from 'typeorm';
import { blueprintSize, BlueprintLine, Difficulty } from '@cchc/shared';

/**
 * The demo's periodic test: a quarterly round open to the whole province, built from whatever the bank has
 * published at seed time (up to 4 questions per topic and difficulty, at most 30 in all). Nothing when the bank is empty.
 */
export async function seedDemoTestRounds(tx: EntityManager, now: Date, log: (m: string) => void = () => {}): Promise<void> {
  // Past rounds (the coverage demo seeds last quarter's results) do not count: learners need one to sit now.
  const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM test_round WHERE status IN ('scheduled', 'open')`);
  if (n > 0) return;
  const cells: { topic_id: string; difficulty: Difficulty; n: number }[] = await tx.query(
    `SELECT q.topic_id, q.difficulty, count(*)::int AS n FROM question q JOIN topic t ON t.id = q.topic_id
      WHERE q.status = 'published' GROUP BY q.topic_id, q.difficulty, t.sort_order ORDER BY t.sort_order, q.difficulty`,
  );
  const blueprint: BlueprintLine[] = [];
  for (const c of cells) {
    const room = 30 - blueprintSize(blueprint);
    if (room <= 0) break;
    blueprint.push({ topicId: c.topic_id, difficulty: c.difficulty, count: Math.min(c.n, 4, room) });
  }
  if (!blueprint.length) return;
  const opensAt = new Date(now.getTime() - 86_400_000);
  const closesAt = new Date(now.getTime() + 30 * 86_400_000);
  await tx.query(
    `INSERT INTO test_round (name, status, opens_at, closes_at, topic_ids, pass_mark, blueprint, time_limit_minutes, attempts_allowed, review_mode, recurrence)
     VALUES ($1, 'open', $2, $3, $4::uuid[], 5, $5::jsonb, 30, 2, 'topics', 'quarterly')`,
    [
      'Kiểm tra định kỳ kiến thức CCHC, ASEAN và văn hóa công vụ (QĐ 1718)',
      opensAt,
      closesAt,
      [...new Set(blueprint.map((l) => l.topicId))],
      JSON.stringify(blueprint),
    ],
  );
  log(`demo test round: ${blueprintSize(blueprint)} questions from the published bank`);
}
