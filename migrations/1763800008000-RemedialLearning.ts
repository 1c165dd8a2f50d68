import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Remedial learning: a round may auto-assign the lessons and documents to re-study to those who scored under its
 * threshold, with a due date and one re-test. One assignment per person and round; its items are the lessons and
 * library documents (a document is done when the learner marks it read; a lesson when completed after assignment).
 */
export class RemedialLearning1763800008000 implements MigrationInterface {
  name = 'RemedialLearning1763800008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE test_round
        ADD COLUMN remedial_auto boolean NOT NULL DEFAULT false,
        ADD COLUMN remedial_due_days integer NOT NULL DEFAULT 14,
        ADD CONSTRAINT ck_test_round_remedial_due_days CHECK (remedial_due_days BETWEEN 1 AND 180)`);
    await q.query(`
      CREATE TABLE remedial_assignment (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL,
        person_id uuid NOT NULL,
        attempt_id uuid NULL,
        status varchar(8) NOT NULL DEFAULT 'open',
        due_date date NOT NULL,
        closed_at timestamptz NULL,
        retest_attempt_id uuid NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_remedial_assignment PRIMARY KEY (id),
        CONSTRAINT uq_remedial_assignment_round_person UNIQUE (round_id, person_id),
        CONSTRAINT fk_remedial_assignment_round FOREIGN KEY (round_id) REFERENCES test_round (id) ON DELETE CASCADE,
        CONSTRAINT fk_remedial_assignment_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE,
        CONSTRAINT fk_remedial_assignment_attempt FOREIGN KEY (attempt_id) REFERENCES test_attempt (id) ON DELETE SET NULL,
        CONSTRAINT fk_remedial_assignment_retest FOREIGN KEY (retest_attempt_id) REFERENCES test_attempt (id) ON DELETE SET NULL,
        CONSTRAINT ck_remedial_assignment_status CHECK (status IN ('open','closed'))
      )`);
    await q.query(`CREATE INDEX ix_remedial_assignment_person ON remedial_assignment (person_id)`);
    await q.query(`CREATE INDEX ix_remedial_assignment_due ON remedial_assignment (due_date) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE remedial_item (
        assignment_id uuid NOT NULL,
        kind varchar(10) NOT NULL,
        ref_id uuid NOT NULL,
        topic_id uuid NOT NULL,
        sort_order integer NOT NULL,
        read_at timestamptz NULL,
        CONSTRAINT pk_remedial_item PRIMARY KEY (assignment_id, kind, ref_id),
        CONSTRAINT fk_remedial_item_assignment FOREIGN KEY (assignment_id) REFERENCES remedial_assignment (id) ON DELETE CASCADE,
        CONSTRAINT fk_remedial_item_topic FOREIGN KEY (topic_id) REFERENCES topic (id) ON DELETE CASCADE,
        CONSTRAINT ck_remedial_item_kind CHECK (kind IN ('lesson','document'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE remedial_item`);
    await q.query(`DROP TABLE remedial_assignment`);
    await q.query(`
      ALTER TABLE test_round
        DROP CONSTRAINT ck_test_round_remedial_due_days,
        DROP COLUMN remedial_due_days,
        DROP COLUMN remedial_auto`);
  }
}
