import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a question version's texts are written: `plain` (every existing version: shown as typed) or `html` (sanitised
 * by the server with the question allow-list). Per-option feedback lives in each option of `options` (an optional
 * `feedback` string beside `id` and `text`), so an attempt's frozen copy keeps it with the option it belongs to; the
 * check keeps every stored option an object with a text.
 */
export class QuestionTextFormat1763800027000 implements MigrationInterface {
  name = 'QuestionTextFormat1763800027000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE question_version ADD COLUMN format varchar(8) NOT NULL DEFAULT 'plain'`);
    await q.query(`ALTER TABLE question_version ADD CONSTRAINT ck_question_version_format CHECK (format IN ('plain','html'))`);
    await q.query(`ALTER TABLE question_version ADD CONSTRAINT ck_question_version_options_array CHECK (jsonb_typeof(options) = 'array')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE question_version DROP CONSTRAINT ck_question_version_options_array`);
    await q.query(`ALTER TABLE question_version DROP CONSTRAINT ck_question_version_format`);
    await q.query(`ALTER TABLE question_version DROP COLUMN format`);
  }
}
