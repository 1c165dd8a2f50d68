import { DataSource } from 'typeorm';
import type TestAgent from 'supertest/lib/agent';

export const topicId = async (db: DataSource, code: string): Promise<string> => (await db.query(`SELECT id FROM topic WHERE code = $1`, [code]))[0].id;

/** A published single-choice question whose key is option "a" (options a–d; a and b with feedback), straight into the bank tables. */
export async function insertQuestion(
  db: DataSource,
  q: { topicId: string; difficulty?: string; stem?: string; lessonIds?: string[]; documentIds?: string[]; status?: string; type?: string; correct?: string[] },
): Promise<string> {
  const type = q.type ?? 'single';
  const [{ id }] = await db.query(`INSERT INTO question (topic_id, type, difficulty, status) VALUES ($1, $2, $3, $4) RETURNING id`, [
    q.topicId,
    type,
    q.difficulty ?? 'medium',
    q.status ?? 'published',
  ]);
  const options =
    type === 'true_false'
      ? [{ id: 'true', text: 'Đúng' }, { id: 'false', text: 'Sai' }]
      : ['a', 'b', 'c', 'd'].map((o) => ({ id: o, text: `Phương án ${o.toUpperCase()}`, ...(o < 'c' && { feedback: `Phản hồi riêng cho phương án ${o.toUpperCase()}` }) }));
  await db.query(
    `INSERT INTO question_version (question_id, version, topic_id, type, difficulty, stem, options, correct, explanation, lesson_ids, document_ids)
     VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9::uuid[], $10::uuid[])`,
    [
      id,
      q.topicId,
      type,
      q.difficulty ?? 'medium',
      q.stem ?? `Câu hỏi thử nghiệm ${id.slice(0, 6)}?`,
      JSON.stringify(options),
      JSON.stringify(q.correct ?? (type === 'true_false' ? ['true'] : ['a'])),
      'Giải thích: đáp án đúng theo văn bản hướng dẫn.',
      q.lessonIds ?? [],
      q.documentIds ?? [],
    ],
  );
  return id;
}

export async function seedBank(db: DataSource, perCell: number, topics: string[] = ['ASEAN', 'VHCV'], difficulties: string[] = ['easy', 'medium']) {
  const ids: Record<string, string> = {};
  for (const code of topics) {
    ids[code] = await topicId(db, code);
    for (const difficulty of difficulties) {
      for (let i = 0; i < perCell; i++) {
        await insertQuestion(db, { topicId: ids[code], difficulty, lessonIds: [`00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`] });
      }
    }
  }
  return ids;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Every key anywhere in a JSON value. */
export function allKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => allKeys(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      allKeys(v, out);
    }
  }
  return out;
}

/** The correct choice for a question of an attempt, read from the database (as the tests' answer key). */
export async function keyOf(db: DataSource, attemptId: string): Promise<Map<string, string[]>> {
  const [{ questions }] = await db.query(`SELECT test_attempt_questions(questions, snapshot_ids, option_sets) AS questions FROM test_attempt WHERE id = $1`, [attemptId]);
  return new Map((questions as { questionId: string; correct: string[] }[]).map((q) => [q.questionId, q.correct]));
}

export function roundBody(topics: Record<string, string>, over: Record<string, unknown> = {}, now = new Date()) {
  return {
    name: 'Kiểm tra kiến thức CCHC quý IV/2026',
    opensAt: new Date(now.getTime() - 60_000).toISOString(),
    closesAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
    blueprint: [
      { topicId: topics.ASEAN, difficulty: 'easy', count: 2 },
      { topicId: topics.ASEAN, difficulty: 'medium', count: 1 },
      { topicId: topics.VHCV, difficulty: 'easy', count: 1 },
    ],
    timeLimitMinutes: 20,
    attemptsAllowed: 2,
    passMark: 5,
    ...over,
  };
}

export async function createOpenRound(http: TestAgent, token: string, body: object): Promise<string> {
  const created = await http.post('/api/test-rounds').set(bearer(token)).send(body);
  if (created.status !== 201) throw new Error(`create round: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await http.post(`/api/test-rounds/${created.body.id}/publish`).set(bearer(token));
  if (published.status !== 200) throw new Error(`publish round: ${published.status} ${JSON.stringify(published.body)}`);
  return created.body.id;
}
