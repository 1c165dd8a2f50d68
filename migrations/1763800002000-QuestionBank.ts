import { MigrationInterface, QueryRunner } from 'typeorm';

/** The question bank. A question's content lives in immutable versions; editing adds a version, so an attempt can
 *  always show exactly what it was given. */
export class QuestionBank1763800002000 implements MigrationInterface {
  name = 'QuestionBank1763800002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE question_code_seq`);
    await q.query(`
      CREATE TABLE question (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(20) NOT NULL DEFAULT ('CH' || lpad(nextval('question_code_seq')::text, 6, '0')),
        topic_id uuid NOT NULL,
        type varchar(12) NOT NULL,
        difficulty varchar(8) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'draft',
        current_version integer NOT NULL DEFAULT 1,
        tags text[] NOT NULL DEFAULT '{}',
        search_text text NOT NULL DEFAULT '',
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_question PRIMARY KEY (id),
        CONSTRAINT uq_question_code UNIQUE (code),
        CONSTRAINT fk_question_topic FOREIGN KEY (topic_id) REFERENCES topic (id),
        CONSTRAINT fk_question_created_by FOREIGN KEY (created_by) REFERENCES user_account (id) ON DELETE SET NULL,
        CONSTRAINT ck_question_type CHECK (type IN ('single','multiple','true_false')),
        CONSTRAINT ck_question_difficulty CHECK (difficulty IN ('easy','medium','hard')),
        CONSTRAINT ck_question_status CHECK (status IN ('draft','published','retired'))
      )`);
    await q.query(`CREATE INDEX ix_question_pool ON question (topic_id, difficulty) WHERE status = 'published'`);
    await q.query(`CREATE INDEX ix_question_search_trgm ON question USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE question_version (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        question_id uuid NOT NULL,
        version integer NOT NULL,
        topic_id uuid NOT NULL,
        type varchar(12) NOT NULL,
        difficulty varchar(8) NOT NULL,
        stem text NOT NULL,
        options jsonb NOT NULL,
        correct jsonb NOT NULL,
        explanation text NULL,
        lesson_ids uuid[] NOT NULL DEFAULT '{}',
        document_ids uuid[] NOT NULL DEFAULT '{}',
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_question_version PRIMARY KEY (id),
        CONSTRAINT uq_question_version UNIQUE (question_id, version),
        CONSTRAINT fk_question_version_question FOREIGN KEY (question_id) REFERENCES question (id),
        CONSTRAINT fk_question_version_topic FOREIGN KEY (topic_id) REFERENCES topic (id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE question_version`);
    await q.query(`DROP TABLE question`);
    await q.query(`DROP SEQUENCE question_code_seq`);
  }
}
