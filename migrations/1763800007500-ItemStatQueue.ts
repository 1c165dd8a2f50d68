import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Item-analysis counters are no longer added to inside each submission's transaction: every submission of a round
 * added to the same 40 counter rows, so concurrent submissions queued on those row locks (≈ 75 submissions/s at
 * most). A submission now only queues its attempt here (an insert no one else touches); a folder adds queued attempts
 * to the counters in batches, soon after the submission and always before the item analysis is read.
 */
export class ItemStatQueue1763800007500 implements MigrationInterface {
  name = 'ItemStatQueue1763800007500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE test_item_stat_pending (
        attempt_id uuid NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_test_item_stat_pending PRIMARY KEY (attempt_id),
        CONSTRAINT fk_test_item_stat_pending_attempt FOREIGN KEY (attempt_id) REFERENCES test_attempt (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The older schema counts inside the submission: fold what is still queued so no submission goes uncounted.
    await q.query(`
      WITH batch AS (DELETE FROM test_item_stat_pending RETURNING attempt_id),
      items AS (
        SELECT a.round_id, (e->>'questionId')::uuid AS qid, (e->>'credit')::int AS credit, a.score::float8 AS total, e->'chosen' AS chosen
          FROM batch b JOIN test_attempt a ON a.id = b.attempt_id CROSS JOIN LATERAL jsonb_array_elements(a.graded) e),
      per_q AS (
        SELECT round_id, qid, count(*)::int AS n, sum(credit)::int AS c, sum(total) AS st, sum(total * total) AS sst, sum(credit * total) AS stc
          FROM items GROUP BY round_id, qid),
      opts AS (
        SELECT round_id, qid, jsonb_object_agg(opt, n) AS oc
          FROM (SELECT round_id, qid, o AS opt, count(*)::int AS n FROM items CROSS JOIN LATERAL jsonb_array_elements_text(chosen) o GROUP BY 1, 2, 3) x
         GROUP BY round_id, qid)
      INSERT INTO test_item_stat AS s (round_id, question_id, attempts, correct, option_counts, sum_total, sum_total_sq, sum_total_correct)
      SELECT p.round_id, p.qid, p.n, p.c, coalesce(o.oc, '{}'::jsonb), p.st, p.sst, p.stc
        FROM per_q p LEFT JOIN opts o ON o.round_id = p.round_id AND o.qid = p.qid
      ON CONFLICT (round_id, question_id) DO UPDATE SET
        attempts = s.attempts + excluded.attempts,
        correct = s.correct + excluded.correct,
        option_counts = coalesce((SELECT jsonb_object_agg(k, coalesce((s.option_counts->>k)::int, 0) + coalesce((excluded.option_counts->>k)::int, 0))
                                    FROM (SELECT jsonb_object_keys(s.option_counts) UNION SELECT jsonb_object_keys(excluded.option_counts)) AS keys(k)), '{}'),
        sum_total = s.sum_total + excluded.sum_total,
        sum_total_sq = s.sum_total_sq + excluded.sum_total_sq,
        sum_total_correct = s.sum_total_correct + excluded.sum_total_correct`);
    await q.query(`DROP TABLE test_item_stat_pending`);
  }
}
