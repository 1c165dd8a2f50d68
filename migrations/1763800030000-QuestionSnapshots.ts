import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Frozen questions stored once, not once per attempt. Until now every attempt kept its own ≈ 22 KB copy of the questions
 * it was given (text, options, key, explanation, study links) so that a question edited mid-round never changes an open
 * attempt; storing and compressing that copy was most of the cost of a synchronised start.
 *
 * Now a question is frozen once into `test_question_snapshot`, **content-addressed**: the row's id is the MD5 of its
 * content (`ck_test_question_snapshot_address`), so identical content is one row, different content is always a new row,
 * and a row can never be changed (`trg_test_question_snapshot_frozen` refuses UPDATE and DELETE). An attempt keeps the
 * snapshot ids of its questions (`snapshot_ids`, beside `question_ids`) and its own option order (`option_sets`); its
 * frozen questions are the snapshots with the options in that order (`test_attempt_questions`). Attempts started before
 * this migration keep their own copy in `questions`; exactly one of the two is set (`ck_test_attempt_frozen`).
 */
export class QuestionSnapshots1763800030000 implements MigrationInterface {
  name = 'QuestionSnapshots1763800030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE test_question_snapshot (
        id uuid NOT NULL,
        version_id uuid NOT NULL,
        content jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_test_question_snapshot PRIMARY KEY (id),
        CONSTRAINT ck_test_question_snapshot_address CHECK (id = md5(content::text)::uuid)
      )`);
    await q.query(`
      CREATE FUNCTION test_question_snapshot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'test_question_snapshot % is frozen: attempts read it', OLD.id USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_test_question_snapshot_frozen BEFORE UPDATE OR DELETE ON test_question_snapshot
        FOR EACH ROW EXECUTE FUNCTION test_question_snapshot_frozen()`);
    await q.query(`ALTER TABLE test_attempt ADD COLUMN snapshot_ids uuid[] NULL, ALTER COLUMN questions DROP NOT NULL`);
    await q.query(`
      ALTER TABLE test_attempt ADD CONSTRAINT ck_test_attempt_frozen
        CHECK ((questions IS NULL) <> (snapshot_ids IS NULL) AND (snapshot_ids IS NULL OR cardinality(snapshot_ids) = cardinality(question_ids)))`);
    // An attempt's frozen questions, in its order, each with its options in the attempt's order.
    await q.query(`
      CREATE FUNCTION test_attempt_questions(p_questions jsonb, p_snapshot_ids uuid[], p_option_sets text[]) RETURNS jsonb
        LANGUAGE sql STABLE AS $$
        SELECT coalesce(p_questions, (
          SELECT coalesce(jsonb_agg(s.content || jsonb_build_object('options', (
                   SELECT coalesce(jsonb_agg(o ORDER BY array_position(string_to_array(p_option_sets[x.n], ','), o->>'id')), '[]'::jsonb)
                     FROM jsonb_array_elements(s.content->'options') o)) ORDER BY x.n), '[]'::jsonb)
            FROM unnest(p_snapshot_ids) WITH ORDINALITY AS x(id, n) JOIN test_question_snapshot s ON s.id = x.id))
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE test_attempt SET questions = test_attempt_questions(NULL, snapshot_ids, option_sets) WHERE questions IS NULL`);
    await q.query(`DROP FUNCTION test_attempt_questions(jsonb, uuid[], text[])`);
    await q.query(`ALTER TABLE test_attempt DROP CONSTRAINT ck_test_attempt_frozen`);
    await q.query(`ALTER TABLE test_attempt DROP COLUMN snapshot_ids, ALTER COLUMN questions SET NOT NULL`);
    await q.query(`DROP TABLE test_question_snapshot`);
    await q.query(`DROP FUNCTION test_question_snapshot_frozen()`);
  }
}
