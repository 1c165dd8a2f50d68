import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@cchc/migrations';
import { dataSourceOptions, migrate } from '../../apps/api/src/database/database';
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

  it('folds the item-analysis shards back into one row per question when ItemStatShards is undone', async () => {
    const question = await insertQuestion(ds, { topicId: await topicId(ds, 'ASEAN') });
    const [{ id: round }] = await ds.query(`INSERT INTO test_round (name, opens_at, closes_at) VALUES ('Đợt thử', now(), now() + interval '1 day') RETURNING id`);
    await ds.query(
      `INSERT INTO test_item_stat (round_id, question_id, shard, attempts, correct, option_counts, sum_total, sum_total_sq, sum_total_correct)
       VALUES ($1, $2, 3, 2, 1, '{"a":1,"b":1}', 15, 125, 10), ($1, $2, 11, 1, 1, '{"a":1}', 9, 81, 9)`,
      [round, question],
    );
    const shards = MIGRATIONS.findIndex((m) => m.name === 'ItemStatShards1763800007500');
    expect(shards).toBeGreaterThan(0);
    for (let i = MIGRATIONS.length - 1; i >= shards; i--) await ds.undoLastMigration({ transaction: 'each' });
    const [row] = await ds.query(`SELECT attempts, correct, option_counts, sum_total, sum_total_sq, sum_total_correct FROM test_item_stat WHERE round_id = $1`, [round]);
    expect(row).toEqual({ attempts: 3, correct: 2, option_counts: { a: 2, b: 1 }, sum_total: 24, sum_total_sq: 206, sum_total_correct: 19 });
    await migrate(db.url);
    const [back] = await ds.query(`SELECT shard, attempts FROM test_item_stat WHERE round_id = $1`, [round]);
    expect(back).toEqual({ shard: 0, attempts: 3 });
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
