import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Images of question texts (Moodle XML `@@PLUGINFILE@@` files, GIFT `data:` images): the bytes live in the file store
 * (so every node serves them), the row says whose bank the image belongs to — who may read it — and what it is. A
 * question's HTML points at `/api/question-images/<id>`; question versions are immutable, so an image is never
 * replaced under an attempt that shows it.
 */
export class QuestionImages1763800027100 implements MigrationInterface {
  name = 'QuestionImages1763800027100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE question_image (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        province_id uuid NULL,
        file_key varchar(120) NOT NULL,
        mime varchar(20) NOT NULL,
        size integer NOT NULL,
        sha256 char(64) NOT NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_question_image PRIMARY KEY (id),
        CONSTRAINT uq_question_image_file_key UNIQUE (file_key),
        CONSTRAINT fk_question_image_province FOREIGN KEY (province_id) REFERENCES org_unit (id),
        CONSTRAINT fk_question_image_created_by FOREIGN KEY (created_by) REFERENCES user_account (id) ON DELETE SET NULL,
        CONSTRAINT ck_question_image_mime CHECK (mime IN ('image/png','image/jpeg','image/gif','image/webp')),
        CONSTRAINT ck_question_image_size CHECK (size > 0 AND size <= 2097152)
      )`);
    await q.query(`CREATE INDEX ix_question_image_province ON question_image (province_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE question_image`);
  }
}
