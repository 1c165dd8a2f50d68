import { EntityManager } from 'typeorm';
import { QuestionStatus, questionSearchText } from '@cchc/shared';
import { DEMO_QUESTIONS, demoQuestionContent } from './demo-data/demo-questions';

/**
 * The demo question bank, published, authored by the demo author account. Idempotent: does nothing when the bank
 * already has questions. Runs inside the demo seed's transaction.
 */
export async function seedDemoQuestions(tx: EntityManager): Promise<number> {
  const [{ n }] = await tx.query('SELECT count(*)::int AS n FROM question');
  if (n > 0) return 0;
  const topics = new Map<string, string>((await tx.query('SELECT id, code FROM topic')).map((t: { id: string; code: string }) => [t.code, t.id]));
  const [author] = await tx.query(`SELECT id FROM user_account WHERE username = 'bienson'`);
  for (const q of DEMO_QUESTIONS) {
    const topicId = topics.get(q.topic);
    if (!topicId) throw new Error(`demo question topic ${q.topic} does not exist`);
    const c = demoQuestionContent(q);
    const [row]: { id: string; code: string }[] = await tx.query(
      `INSERT INTO question (topic_id, type, difficulty, status, current_version, tags, created_by) VALUES ($1, $2, $3, $4, 1, $5, $6) RETURNING id, code`,
      [topicId, q.type, q.difficulty, QuestionStatus.Published, q.tags, author?.id ?? null],
    );
    await tx.query(`UPDATE question SET search_text = $2 WHERE id = $1`, [row.id, questionSearchText(row.code, c.stem, c.options)]);
    await tx.query(
      `INSERT INTO question_version (question_id, version, topic_id, type, difficulty, stem, options, correct, explanation, created_by)
       VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [row.id, topicId, q.type, q.difficulty, c.stem, JSON.stringify(c.options), JSON.stringify(c.correct), q.explanation, author?.id ?? null],
    );
  }
  return DEMO_QUESTIONS.length;
}
