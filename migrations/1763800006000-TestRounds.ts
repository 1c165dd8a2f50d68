import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Test rounds in full (blueprint, audience, attempts, bands, review, recurrence), attempts with their frozen
 * questions, answers saved one row per question, and item-analysis counters kept up to date at each submission.
 * test_result / test_result_topic (the contract coverage reads) keep their columns and meaning.
 */
export class TestRounds1763800006000 implements MigrationInterface {
  name = 'TestRounds1763800006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE test_round
        ADD COLUMN blueprint jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN audience jsonb NOT NULL DEFAULT '{"unitId":null,"categories":[],"doesCchcWork":null,"isLeader":null}',
        ADD COLUMN time_limit_minutes integer NOT NULL DEFAULT 30,
        ADD COLUMN attempts_allowed integer NOT NULL DEFAULT 1,
        ADD COLUMN counting varchar(8) NOT NULL DEFAULT 'highest',
        ADD COLUMN bands jsonb NOT NULL DEFAULT '[{"label":"Giỏi","min":9},{"label":"Khá","min":7},{"label":"Đạt","min":5},{"label":"Chưa đạt","min":0}]',
        ADD COLUMN shuffle_questions boolean NOT NULL DEFAULT true,
        ADD COLUMN shuffle_options boolean NOT NULL DEFAULT true,
        ADD COLUMN review_mode varchar(8) NOT NULL DEFAULT 'topics',
        ADD COLUMN recurrence varchar(12) NULL,
        ADD COLUMN recommend_below numeric(4,2) NOT NULL DEFAULT 5,
        ADD COLUMN commend_min_score numeric(4,2) NOT NULL DEFAULT 9,
        ADD COLUMN commend_top_n integer NOT NULL DEFAULT 3,
        ADD COLUMN previous_round_id uuid NULL,
        ADD COLUMN next_round_id uuid NULL,
        ADD COLUMN audience_notified_at timestamptz NULL,
        ADD CONSTRAINT ck_test_round_counting CHECK (counting IN ('highest','last')),
        ADD CONSTRAINT ck_test_round_review CHECK (review_mode IN ('score','topics','full')),
        ADD CONSTRAINT ck_test_round_recurrence CHECK (recurrence IS NULL OR recurrence IN ('quarterly','half_yearly','yearly')),
        ADD CONSTRAINT ck_test_round_time_limit CHECK (time_limit_minutes BETWEEN 1 AND 600),
        ADD CONSTRAINT ck_test_round_attempts CHECK (attempts_allowed BETWEEN 1 AND 20),
        ADD CONSTRAINT fk_test_round_previous FOREIGN KEY (previous_round_id) REFERENCES test_round (id) ON DELETE SET NULL,
        ADD CONSTRAINT fk_test_round_next FOREIGN KEY (next_round_id) REFERENCES test_round (id) ON DELETE SET NULL
    `);
    await q.query(`CREATE UNIQUE INDEX uq_test_round_previous ON test_round (previous_round_id) WHERE previous_round_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_test_round_window ON test_round (opens_at, closes_at) WHERE status <> 'draft'`);

    await q.query(`
      CREATE TABLE test_attempt (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL,
        person_id uuid NOT NULL,
        number integer NOT NULL,
        seed integer NOT NULL,
        started_at timestamptz NOT NULL,
        deadline_at timestamptz NOT NULL,
        submitted_at timestamptz NULL,
        submitted_by varchar(10) NULL,
        question_ids uuid[] NOT NULL,
        questions jsonb NOT NULL,
        score numeric(4,2) NULL,
        band varchar(30) NULL,
        passed boolean NULL,
        graded jsonb NULL,
        CONSTRAINT pk_test_attempt PRIMARY KEY (id),
        CONSTRAINT uq_test_attempt_number UNIQUE (round_id, person_id, number),
        CONSTRAINT fk_test_attempt_round FOREIGN KEY (round_id) REFERENCES test_round (id) ON DELETE CASCADE,
        CONSTRAINT fk_test_attempt_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE,
        CONSTRAINT ck_test_attempt_submitted_by CHECK (submitted_by IS NULL OR submitted_by IN ('learner','deadline')),
        CONSTRAINT ck_test_attempt_deadline CHECK (deadline_at > started_at)
      )`);
    // One attempt in progress per person and round: a second start resumes it.
    await q.query(`CREATE UNIQUE INDEX uq_test_attempt_open ON test_attempt (round_id, person_id) WHERE submitted_at IS NULL`);
    await q.query(`CREATE INDEX ix_test_attempt_due ON test_attempt (deadline_at) WHERE submitted_at IS NULL`);

    // One row per question: saves overwrite only with a higher sequence number.
    await q.query(`
      CREATE TABLE test_answer (
        attempt_id uuid NOT NULL,
        question_id uuid NOT NULL,
        choice text[] NOT NULL,
        seq bigint NOT NULL,
        saved_at timestamptz NOT NULL,
        CONSTRAINT pk_test_answer PRIMARY KEY (attempt_id, question_id),
        CONSTRAINT fk_test_answer_attempt FOREIGN KEY (attempt_id) REFERENCES test_attempt (id) ON DELETE CASCADE
      )`);

    // Item analysis counters, per round and question, added to inside each submission's transaction.
    await q.query(`
      CREATE TABLE test_item_stat (
        round_id uuid NOT NULL,
        question_id uuid NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        correct integer NOT NULL DEFAULT 0,
        option_counts jsonb NOT NULL DEFAULT '{}',
        sum_total double precision NOT NULL DEFAULT 0,
        sum_total_sq double precision NOT NULL DEFAULT 0,
        sum_total_correct double precision NOT NULL DEFAULT 0,
        CONSTRAINT pk_test_item_stat PRIMARY KEY (round_id, question_id),
        CONSTRAINT fk_test_item_stat_round FOREIGN KEY (round_id) REFERENCES test_round (id) ON DELETE CASCADE,
        CONSTRAINT fk_test_item_stat_question FOREIGN KEY (question_id) REFERENCES question (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_test_attempt_round_submitted ON test_attempt (round_id) WHERE submitted_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_item_stat`);
    await q.query(`DROP TABLE test_answer`);
    await q.query(`DROP TABLE test_attempt`);
    await q.query(`DROP INDEX ix_test_round_window`);
    await q.query(`DROP INDEX uq_test_round_previous`);
    await q.query(`
      ALTER TABLE test_round
        DROP CONSTRAINT fk_test_round_next, DROP CONSTRAINT fk_test_round_previous,
        DROP CONSTRAINT ck_test_round_attempts, DROP CONSTRAINT ck_test_round_time_limit, DROP CONSTRAINT ck_test_round_recurrence,
        DROP CONSTRAINT ck_test_round_review, DROP CONSTRAINT ck_test_round_counting,
        DROP COLUMN audience_notified_at, DROP COLUMN next_round_id, DROP COLUMN previous_round_id, DROP COLUMN commend_top_n,
        DROP COLUMN commend_min_score, DROP COLUMN recommend_below, DROP COLUMN recurrence, DROP COLUMN review_mode,
        DROP COLUMN shuffle_options, DROP COLUMN shuffle_questions, DROP COLUMN bands, DROP COLUMN counting,
        DROP COLUMN attempts_allowed, DROP COLUMN time_limit_minutes, DROP COLUMN audience, DROP COLUMN blueprint`);
  }
}
