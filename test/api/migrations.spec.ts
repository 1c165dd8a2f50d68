import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@cchc/migrations';
import { dataSourceOptions, migrate } from '@api/database/database';
import { createTestDatabase } from '../support/test-db';
import { insertQuestion, topicId } from './test-round-fixtures';

/** Every migration has a real down(): the schema can be taken back to nothing and rebuilt, keeping data where it says so. */
describe('migrations', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ ...dataSourceOptions(db.url), extra: { max: 2 } });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const tables = async (): Promise<string[]> =>
    (await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`)).map((r: { tablename: string }) => r.tablename);

  it('counts still-queued submissions into the item counters when ItemStatQueue is undone', async () => {
    const [a, b] = [await insertQuestion(ds, { topicId: await topicId(ds, 'ASEAN') }), await insertQuestion(ds, { topicId: await topicId(ds, 'VHCV') })];
    const [{ id: round }] = await ds.query(`INSERT INTO test_round (name, opens_at, closes_at) VALUES ('Đợt thử', now(), now() + interval '1 day') RETURNING id`);
    const [{ id: unit }] = await ds.query(`INSERT INTO org_unit (code, name, level, path) VALUES ('MG', 'Tỉnh Thử', 'province', '/mg/') RETURNING id`);
    const [{ id: person }] = await ds.query(
      `INSERT INTO person (staff_code, full_name, search_text, unit_id, category, status) VALUES ('MG1', 'Người Thử', 'nguoi thu', $1, 'cong_chuc', 'active') RETURNING id`,
      [unit],
    );
    const graded = (ca: number, chosenA: string, cb: number, chosenB: string) =>
      JSON.stringify([{ questionId: a, topicId: 't', chosen: [chosenA], credit: ca }, { questionId: b, topicId: 't', chosen: [chosenB], credit: cb }]);
    for (const [n, score, g] of [[1, 10, graded(1, 'a', 1, 'a')], [2, 5, graded(1, 'a', 0, 'c')]] as const) {
      const [{ id }] = await ds.query(
        `INSERT INTO test_attempt (round_id, person_id, number, seed, started_at, deadline_at, question_ids, questions, submitted_at, score, band, passed, graded)
         VALUES ($1, $2, $3, 1, now(), now() + interval '1 hour', $4::uuid[], '[]', now(), $5, 'Đạt', true, $6::jsonb) RETURNING id`,
        [round, person, n, [a, b], score, g],
      );
      await ds.query(`INSERT INTO test_item_stat_pending (attempt_id) VALUES ($1)`, [id]);
    }
    const queue = MIGRATIONS.findIndex((m) => m.name === 'ItemStatQueue1763800007500');
    expect(queue).toBeGreaterThan(0);
    for (let i = MIGRATIONS.length - 1; i >= queue; i--) await ds.undoLastMigration({ transaction: 'each' });
    const rows = await ds.query(`SELECT question_id, attempts, correct, option_counts, sum_total, sum_total_sq, sum_total_correct FROM test_item_stat WHERE round_id = $1`, [round]);
    const byQ = new Map(rows.map((r: { question_id: string }) => [r.question_id, r]));
    expect(byQ.get(a)).toMatchObject({ attempts: 2, correct: 2, option_counts: { a: 2 }, sum_total: 15, sum_total_sq: 125, sum_total_correct: 15 });
    expect(byQ.get(b)).toMatchObject({ attempts: 2, correct: 1, option_counts: { a: 1, c: 1 }, sum_total: 15, sum_total_sq: 125, sum_total_correct: 10 });
    await migrate(db.url);
    expect(await ds.query(`SELECT count(*)::int AS n FROM test_item_stat_pending`)).toEqual([{ n: 0 }]);
  });

  it('gives an attempt that keeps only its credits its graded items back when CompactGradedAttempts is undone', async () => {
    const topic = await topicId(ds, 'ASEAN');
    const [a, b] = [await insertQuestion(ds, { topicId: topic }), await insertQuestion(ds, { topicId: topic })];
    const [{ id: round }] = await ds.query(`INSERT INTO test_round (name, opens_at, closes_at) VALUES ('Đợt gọn', now(), now() + interval '1 day') RETURNING id`);
    const [{ id: unit }] = await ds.query(`INSERT INTO org_unit (code, name, level, path) VALUES ('MC', 'Tỉnh Gọn', 'province', '/mc/') RETURNING id`);
    const [{ id: person }] = await ds.query(
      `INSERT INTO person (staff_code, full_name, search_text, unit_id, category, status) VALUES ('MC1', 'Người Gọn', 'nguoi gon', $1, 'cong_chuc', 'active') RETURNING id`,
      [unit],
    );
    const questions = [a, b].map((questionId) => ({ questionId, topicId: topic, options: [{ id: 'a' }, { id: 'c' }], correct: ['a'] }));
    const [{ id: attempt }] = await ds.query(
      `INSERT INTO test_attempt (round_id, person_id, number, seed, started_at, deadline_at, question_ids, questions, submitted_at, score, band, passed, credits)
       VALUES ($1, $2, 1, 1, now(), now() + interval '1 hour', $3::uuid[], $4::jsonb, now(), 5, 'Đạt', true, B'10') RETURNING id`,
      [round, person, [a, b], JSON.stringify(questions)],
    );
    await ds.query(`INSERT INTO test_answer (attempt_id, question_id, choice, seq, saved_at) VALUES ($1, $2, '{a}', 1, now()), ($1, $3, '{c}', 2, now())`, [attempt, a, b]);
    const expected = [
      { questionId: a, topicId: topic, chosen: ['a'], credit: 1 },
      { questionId: b, topicId: topic, chosen: ['c'], credit: 0 },
    ];
    expect(await ds.query(`SELECT test_attempt_graded(t) AS graded FROM test_attempt t WHERE t.id = $1`, [attempt])).toEqual([{ graded: expected }]);
    const compact = MIGRATIONS.findIndex((m) => m.name === 'CompactGradedAttempts1763800032000');
    expect(compact).toBeGreaterThan(0);
    for (let i = MIGRATIONS.length - 1; i >= compact; i--) await ds.undoLastMigration({ transaction: 'each' });
    expect(await ds.query(`SELECT graded FROM test_attempt WHERE id = $1`, [attempt])).toEqual([{ graded: expected }]);
    await migrate(db.url);
    expect(await ds.query(`SELECT test_attempt_graded(t) AS graded, credits FROM test_attempt t WHERE t.id = $1`, [attempt])).toEqual([{ graded: expected, credits: null }]);
  });

  it('takes every migration back to an empty schema and builds the same tables again', async () => {
    const before = await tables();
    expect(before.length).toBeGreaterThan(30);
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    await migrate(db.url);
    expect(await tables()).toEqual(before);
  });
});
