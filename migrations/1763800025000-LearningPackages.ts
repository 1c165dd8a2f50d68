import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-lecture packages (SCORM 1.2, SCORM 2004, cmi5) as a lesson kind: the package of a lesson with its structure, its
 * files (kept in FileStorage, one row per path), and each learner's runtime data per item and attempt.
 */
export class LearningPackages1763800025000 implements MigrationInterface {
  name = 'LearningPackages1763800025000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE lesson DROP CONSTRAINT ck_lesson_kind`);
    await q.query(`ALTER TABLE lesson ADD CONSTRAINT ck_lesson_kind CHECK (kind IN ('text','video','document','link','package'))`);
    await q.query(`
      CREATE TABLE learning_package (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        lesson_id uuid NOT NULL,
        standard varchar(16) NOT NULL,
        title text NOT NULL,
        identifier text NOT NULL DEFAULT '',
        structure jsonb NOT NULL,
        file_name text NOT NULL,
        file_count integer NOT NULL,
        total_bytes bigint NOT NULL,
        uploaded_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_learning_package PRIMARY KEY (id),
        CONSTRAINT uq_learning_package_lesson UNIQUE (lesson_id),
        CONSTRAINT fk_learning_package_lesson FOREIGN KEY (lesson_id) REFERENCES lesson(id) ON DELETE CASCADE,
        CONSTRAINT fk_learning_package_uploader FOREIGN KEY (uploaded_by) REFERENCES user_account(id) ON DELETE SET NULL,
        CONSTRAINT ck_learning_package_standard CHECK (standard IN ('scorm12','scorm2004','cmi5'))
      )`);
    await q.query(`
      CREATE TABLE learning_package_file (
        package_id uuid NOT NULL,
        path text NOT NULL,
        file_key varchar(64) NOT NULL,
        size bigint NOT NULL,
        CONSTRAINT pk_learning_package_file PRIMARY KEY (package_id, path),
        CONSTRAINT fk_learning_package_file_package FOREIGN KEY (package_id) REFERENCES learning_package(id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE package_runtime (
        person_id uuid NOT NULL,
        package_id uuid NOT NULL,
        item_id varchar(255) NOT NULL,
        attempt integer NOT NULL DEFAULT 1,
        seq integer NOT NULL DEFAULT 0,
        completion varchar(16) NOT NULL DEFAULT 'not attempted',
        success varchar(16) NOT NULL DEFAULT 'unknown',
        score_scaled numeric,
        score_raw numeric,
        score_min numeric,
        score_max numeric,
        location text NOT NULL DEFAULT '',
        suspend_data text NOT NULL DEFAULT '',
        exit varchar(32) NOT NULL DEFAULT '',
        total_seconds numeric NOT NULL DEFAULT 0,
        session_seconds numeric NOT NULL DEFAULT 0,
        interactions jsonb NOT NULL DEFAULT '[]',
        cmi jsonb NOT NULL DEFAULT '{}',
        terminated_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_package_runtime PRIMARY KEY (person_id, package_id, item_id, attempt),
        CONSTRAINT fk_package_runtime_person FOREIGN KEY (person_id) REFERENCES person(id) ON DELETE CASCADE,
        CONSTRAINT fk_package_runtime_package FOREIGN KEY (package_id) REFERENCES learning_package(id) ON DELETE CASCADE,
        CONSTRAINT ck_package_runtime_completion CHECK (completion IN ('completed','incomplete','not attempted','unknown')),
        CONSTRAINT ck_package_runtime_success CHECK (success IN ('passed','failed','unknown'))
      )`);
    await q.query(`CREATE INDEX ix_package_runtime_package ON package_runtime (package_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE package_runtime`);
    await q.query(`DROP TABLE learning_package_file`);
    await q.query(`DROP TABLE learning_package`);
    await q.query(`DELETE FROM lesson WHERE kind = 'package'`);
    await q.query(`ALTER TABLE lesson DROP CONSTRAINT ck_lesson_kind`);
    await q.query(`ALTER TABLE lesson ADD CONSTRAINT ck_lesson_kind CHECK (kind IN ('text','video','document','link'))`);
  }
}
