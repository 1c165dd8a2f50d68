import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Item-analysis counters in 16 shards per (round, question). Every submission of a round used to add to the same
 * 40 counter rows, so concurrent submissions queued on their row locks; now a submission adds to the shard chosen by
 * its attempt id and readers sum the shards.
 */
export class ItemStatShards1763800007500 implements MigrationInterface {
  name = 'ItemStatShards1763800007500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE test_item_stat ADD COLUMN shard smallint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE test_item_stat ADD CONSTRAINT ck_test_item_stat_shard CHECK (shard BETWEEN 0 AND 15)`);
    await q.query(`ALTER TABLE test_item_stat DROP CONSTRAINT pk_test_item_stat`);
    await q.query(`ALTER TABLE test_item_stat ADD CONSTRAINT pk_test_item_stat PRIMARY KEY (round_id, question_id, shard)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Fold the shards back into one row per (round, question), option counts added key by key.
    await q.query(`
      CREATE TEMP TABLE item_stat_merged ON COMMIT DROP AS
      SELECT s.round_id, s.question_id, sum(s.attempts)::int AS attempts, sum(s.correct)::int AS correct,
             coalesce((SELECT jsonb_object_agg(k, n) FROM (
                 SELECT e.key AS k, sum(e.value::int) AS n
                   FROM test_item_stat s2 CROSS JOIN LATERAL jsonb_each_text(s2.option_counts) e
                  WHERE s2.round_id = s.round_id AND s2.question_id = s.question_id GROUP BY e.key) x), '{}'::jsonb) AS option_counts,
             sum(s.sum_total) AS sum_total, sum(s.sum_total_sq) AS sum_total_sq, sum(s.sum_total_correct) AS sum_total_correct
        FROM test_item_stat s GROUP BY s.round_id, s.question_id`);
    await q.query(`DELETE FROM test_item_stat`);
    await q.query(`ALTER TABLE test_item_stat DROP CONSTRAINT pk_test_item_stat`);
    await q.query(`ALTER TABLE test_item_stat DROP CONSTRAINT ck_test_item_stat_shard`);
    await q.query(`ALTER TABLE test_item_stat DROP COLUMN shard`);
    await q.query(`ALTER TABLE test_item_stat ADD CONSTRAINT pk_test_item_stat PRIMARY KEY (round_id, question_id)`);
    await q.query(`
      INSERT INTO test_item_stat (round_id, question_id, attempts, correct, option_counts, sum_total, sum_total_sq, sum_total_correct)
      SELECT round_id, question_id, attempts, correct, option_counts, sum_total, sum_total_sq, sum_total_correct FROM item_stat_merged`);
  }
}
