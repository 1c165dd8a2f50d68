import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CCHC document library and the Q&A channel.
 *
 * Search: PostgreSQL full-text search with the 'simple' configuration over text folded in the application
 * (toSearchText: no diacritics, lower case, punctuation as spaces). 'simple' neither stems nor drops stop words,
 * which is right for Vietnamese, whose words are single syllables PostgreSQL has no dictionary for. A tsvector
 * ranks (title and number weigh more than the file's text) and stays small and fast on long PDF texts, where a
 * trigram index would be large and give no useful ranking. The FAQ is short text and uses a trigram index instead.
 */
export class LibraryAndQa1763800004000 implements MigrationInterface {
  name = 'LibraryAndQa1763800004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE library_document (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        number varchar(100) NULL,
        title varchar(500) NOT NULL,
        issuer varchar(300) NULL,
        issued_on date NULL,
        effective_on date NULL,
        topic_id uuid NULL,
        type varchar(12) NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'in_force',
        replaced_by_id uuid NULL,
        summary text NULL,
        file_key varchar(120) NOT NULL,
        file_name varchar(255) NOT NULL,
        format varchar(8) NOT NULL,
        content_type varchar(120) NOT NULL,
        size bigint NOT NULL,
        sha256 char(64) NOT NULL,
        content_text text NOT NULL DEFAULT '',
        search_head text NOT NULL DEFAULT '',
        search_body text NOT NULL DEFAULT '',
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', search_head), 'A') || setweight(to_tsvector('simple', search_body), 'B')
        ) STORED,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_library_document PRIMARY KEY (id),
        CONSTRAINT uq_library_document_file_key UNIQUE (file_key),
        CONSTRAINT fk_library_document_topic FOREIGN KEY (topic_id) REFERENCES topic (id),
        CONSTRAINT fk_library_document_replaced_by FOREIGN KEY (replaced_by_id) REFERENCES library_document (id) ON DELETE SET NULL,
        CONSTRAINT fk_library_document_created_by FOREIGN KEY (created_by) REFERENCES user_account (id) ON DELETE SET NULL,
        CONSTRAINT ck_library_document_type CHECK (type IN ('legal','lecture','data','guide')),
        CONSTRAINT ck_library_document_status CHECK (status IN ('in_force','replaced')),
        CONSTRAINT ck_library_document_not_self_replaced CHECK (replaced_by_id IS NULL OR replaced_by_id <> id),
        CONSTRAINT ck_library_document_replaced_link CHECK (replaced_by_id IS NULL OR status = 'replaced'),
        CONSTRAINT ck_library_document_size CHECK (size >= 0)
      )`);
    await q.query(`CREATE INDEX ix_library_document_search ON library_document USING gin (search_vector)`);
    await q.query(`CREATE INDEX ix_library_document_topic ON library_document (topic_id)`);
    await q.query(`CREATE INDEX ix_library_document_issued ON library_document (issued_on DESC NULLS LAST, created_at DESC)`);
    await q.query(`CREATE INDEX ix_library_document_replaced_by ON library_document (replaced_by_id) WHERE replaced_by_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE qa_question (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        asker_id uuid NULL,
        asker_name varchar(200) NULL,
        asker_unit_id uuid NULL,
        topic_id uuid NULL,
        title varchar(300) NOT NULL,
        body text NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'open',
        answer text NULL,
        answered_by uuid NULL,
        answered_by_name varchar(200) NULL,
        answered_at timestamptz NULL,
        published boolean NOT NULL DEFAULT false,
        published_at timestamptz NULL,
        search_text text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_qa_question PRIMARY KEY (id),
        CONSTRAINT fk_qa_question_asker FOREIGN KEY (asker_id) REFERENCES user_account (id) ON DELETE SET NULL,
        CONSTRAINT fk_qa_question_asker_unit FOREIGN KEY (asker_unit_id) REFERENCES org_unit (id),
        CONSTRAINT fk_qa_question_topic FOREIGN KEY (topic_id) REFERENCES topic (id),
        CONSTRAINT fk_qa_question_answered_by FOREIGN KEY (answered_by) REFERENCES user_account (id) ON DELETE SET NULL,
        CONSTRAINT ck_qa_question_status CHECK (status IN ('open','answered')),
        CONSTRAINT ck_qa_question_answered CHECK ((status = 'answered') = (answer IS NOT NULL)),
        CONSTRAINT ck_qa_question_published CHECK (NOT published OR (answer IS NOT NULL AND published_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_qa_question_asker ON qa_question (asker_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_qa_question_inbox ON qa_question (status, created_at)`);
    await q.query(`CREATE INDEX ix_qa_question_faq_search ON qa_question USING gin (search_text gin_trgm_ops) WHERE published`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE qa_question`);
    await q.query(`DROP TABLE library_document`);
  }
}
