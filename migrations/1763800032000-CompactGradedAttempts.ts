import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A submitted attempt keeps its per-question credit as a bit string in question order (`credits`, 5 bytes for 40
 * questions) instead of the ≈ 5 KB `graded` jsonb: the rest of `graded` is what the attempt already holds — the
 * question ids (`question_ids`), their topics (the snapshots, or the copy of an attempt older than them) and the choices
 * (`test_answer`, which no save can change once the attempt is submitted). Writing the jsonb cost the submission its
 * parsing, TOAST compression and WAL; the credits are still graded once, by libs/shared, never recomputed.
 * `test_attempt_graded(a)` gives the jsonb as before for either form (attempts submitted earlier keep `graded`).
 */
export class CompactGradedAttempts1763800032000 implements MigrationInterface {
  name = 'CompactGradedAttempts1763800032000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE test_attempt ADD COLUMN credits bit varying NULL`);
    await q.query(`
      CREATE FUNCTION test_attempt_graded(a test_attempt) RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT coalesce(a.graded, CASE WHEN a.credits IS NOT NULL THEN coalesce((
          SELECT jsonb_agg(jsonb_build_object(
                   'questionId', x.qid,
                   'topicId', coalesce(s.content->'topicId', a.questions->(x.n::int - 1)->'topicId'),
                   'chosen', coalesce(to_jsonb(t.choice), '[]'::jsonb),
                   'credit', get_bit(a.credits, x.n::int - 1)) ORDER BY x.n)
            FROM unnest(a.question_ids, a.snapshot_ids) WITH ORDINALITY AS x(qid, sid, n)
            LEFT JOIN test_question_snapshot s ON s.id = x.sid
            LEFT JOIN test_answer t ON t.attempt_id = a.id AND t.question_id = x.qid), '[]'::jsonb) END)
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE test_attempt a SET graded = test_attempt_graded(a) WHERE a.graded IS NULL AND a.credits IS NOT NULL`);
    await q.query(`DROP FUNCTION test_attempt_graded(test_attempt)`);
    await q.query(`ALTER TABLE test_attempt DROP COLUMN credits`);
  }
}
