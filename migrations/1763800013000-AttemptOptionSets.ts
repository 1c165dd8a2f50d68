import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The option ids of each question drawn into an attempt, beside `question_ids` (same order, ids joined by commas), so
 * the answer save can refuse an option that is not in the question without reading the attempt's frozen questions
 * (≈ 10 KB of jsonb stored out of line) on every save. Option ids never contain a comma (the save checks their form).
 */
export class AttemptOptionSets1763800013000 implements MigrationInterface {
  name = 'AttemptOptionSets1763800013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE test_attempt ADD COLUMN option_sets text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE test_attempt a SET option_sets = ARRAY(
        SELECT coalesce((SELECT string_agg(o->>'id', ',') FROM jsonb_array_elements(x.q->'options') o), '')
          FROM jsonb_array_elements(a.questions) WITH ORDINALITY AS x(q, n) ORDER BY x.n)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE test_attempt DROP COLUMN option_sets`);
  }
}
