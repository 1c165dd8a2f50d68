import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The part of assessment that coverage and reports read: test rounds and each person's counted result per round.
 * Assessment extends test_round (blueprint, audience, attempts...) in its own migrations.
 */
export class TestResultsContract1763800002500 implements MigrationInterface {
  name = 'TestResultsContract1763800002500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE test_round (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'draft',
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        topic_ids uuid[] NOT NULL DEFAULT '{}',
        pass_mark numeric(4,2) NOT NULL DEFAULT 5,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_test_round PRIMARY KEY (id),
        CONSTRAINT fk_test_round_created_by FOREIGN KEY (created_by) REFERENCES user_account (id) ON DELETE SET NULL,
        CONSTRAINT ck_test_round_status CHECK (status IN ('draft','scheduled','open','closed','archived')),
        CONSTRAINT ck_test_round_window CHECK (closes_at > opens_at),
        CONSTRAINT ck_test_round_pass_mark CHECK (pass_mark >= 0 AND pass_mark <= 10)
      )`);

    // One row per person per round: the attempt that counts (highest or last, per the round's rule).
    await q.query(`
      CREATE TABLE test_result (
        round_id uuid NOT NULL,
        person_id uuid NOT NULL,
        attempt_id uuid NULL,
        score numeric(4,2) NOT NULL,
        band varchar(30) NOT NULL,
        passed boolean NOT NULL,
        attempts_used integer NOT NULL DEFAULT 1,
        finished_at timestamptz NOT NULL,
        CONSTRAINT pk_test_result PRIMARY KEY (round_id, person_id),
        CONSTRAINT fk_test_result_round FOREIGN KEY (round_id) REFERENCES test_round (id) ON DELETE CASCADE,
        CONSTRAINT fk_test_result_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE,
        CONSTRAINT ck_test_result_score CHECK (score >= 0 AND score <= 10)
      )`);
    await q.query(`CREATE INDEX ix_test_result_person ON test_result (person_id)`);

    // Per person, round and topic: what the result page, recommendations and unit views show.
    await q.query(`
      CREATE TABLE test_result_topic (
        round_id uuid NOT NULL,
        person_id uuid NOT NULL,
        topic_id uuid NOT NULL,
        correct numeric(6,2) NOT NULL,
        total integer NOT NULL,
        score numeric(4,2) NOT NULL,
        CONSTRAINT pk_test_result_topic PRIMARY KEY (round_id, person_id, topic_id),
        CONSTRAINT fk_test_result_topic_result FOREIGN KEY (round_id, person_id) REFERENCES test_result (round_id, person_id) ON DELETE CASCADE,
        CONSTRAINT fk_test_result_topic_topic FOREIGN KEY (topic_id) REFERENCES topic (id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_result_topic`);
    await q.query(`DROP TABLE test_result`);
    await q.query(`DROP TABLE test_round`);
  }
}
