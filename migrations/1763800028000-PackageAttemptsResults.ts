import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-lecture packages, second round (#13): the lesson's result (the score and success of the package attempt that
 * counts) beside its completion; cmi5 AUs waived for a learner; and a durable queue of stored files to remove once
 * their package is gone. A trigger queues every package file row deleted (a lesson, module or course deleted, a
 * package replaced) in the deleting transaction, so nothing is queued if it rolls back and nothing is forgotten if
 * the removal from storage fails after the commit: the queue is drained after each such change and on a schedule.
 */
export class PackageAttemptsResults1763800028000 implements MigrationInterface {
  name = 'PackageAttemptsResults1763800028000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE lesson_progress
        ADD COLUMN score_scaled numeric,
        ADD COLUMN score_raw numeric,
        ADD COLUMN score_min numeric,
        ADD COLUMN score_max numeric,
        ADD COLUMN success varchar(16),
        ADD CONSTRAINT ck_lesson_progress_success CHECK (success IN ('passed','failed','unknown')),
        ADD CONSTRAINT ck_lesson_progress_score_scaled CHECK (score_scaled BETWEEN -1 AND 1)`);
    await q.query(`
      ALTER TABLE package_runtime
        ADD COLUMN waived_reason varchar(32),
        ADD CONSTRAINT ck_package_runtime_waived CHECK (waived_reason IN ('Tested Out','Equivalent AU','Equivalent Outside Activity','Administrative'))`);
    await q.query(`
      CREATE TABLE file_cleanup (
        file_key varchar(64) NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT now(),
        tries integer NOT NULL DEFAULT 0,
        last_error text,
        CONSTRAINT pk_file_cleanup PRIMARY KEY (file_key)
      )`);
    await q.query(`
      CREATE FUNCTION queue_package_file_cleanup() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO file_cleanup (file_key) SELECT file_key FROM deleted_files ON CONFLICT ON CONSTRAINT pk_file_cleanup DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_learning_package_file_cleanup AFTER DELETE ON learning_package_file
        REFERENCING OLD TABLE AS deleted_files FOR EACH STATEMENT EXECUTE FUNCTION queue_package_file_cleanup()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_learning_package_file_cleanup ON learning_package_file`);
    await q.query(`DROP FUNCTION queue_package_file_cleanup()`);
    await q.query(`DROP TABLE file_cleanup`);
    await q.query(`ALTER TABLE package_runtime DROP CONSTRAINT ck_package_runtime_waived, DROP COLUMN waived_reason`);
    await q.query(`
      ALTER TABLE lesson_progress
        DROP CONSTRAINT ck_lesson_progress_score_scaled,
        DROP CONSTRAINT ck_lesson_progress_success,
        DROP COLUMN success, DROP COLUMN score_max, DROP COLUMN score_min, DROP COLUMN score_raw, DROP COLUMN score_scaled`);
  }
}
