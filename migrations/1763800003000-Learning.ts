import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Courses (modules → lessons, topics, completion rule as data), enrolments and per-lesson progress, completions with
 * their certificate snapshot, and assignments whose audience is a rule evaluated at read time.
 */
export class Learning1763800003000 implements MigrationInterface {
  name = 'Learning1763800003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE course (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        title varchar(300) NOT NULL,
        description text NOT NULL DEFAULT '',
        status varchar(12) NOT NULL DEFAULT 'draft',
        estimated_hours numeric(6,1) NOT NULL DEFAULT 1,
        completion_rule jsonb NOT NULL DEFAULT '{"kind":"all_lessons"}',
        search_text text NOT NULL DEFAULT '',
        created_by uuid NULL,
        published_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_course PRIMARY KEY (id),
        CONSTRAINT fk_course_created_by FOREIGN KEY (created_by) REFERENCES user_account (id) ON DELETE SET NULL,
        CONSTRAINT ck_course_status CHECK (status IN ('draft','published','archived')),
        CONSTRAINT ck_course_hours CHECK (estimated_hours > 0 AND estimated_hours <= 1000),
        CONSTRAINT ck_course_rule CHECK (completion_rule->>'kind' IN ('all_lessons','chosen_lessons','final_quiz'))
      )`);
    await q.query(`CREATE INDEX ix_course_status ON course (status, title)`);
    await q.query(`CREATE INDEX ix_course_search ON course USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE course_topic (
        course_id uuid NOT NULL,
        topic_id uuid NOT NULL,
        CONSTRAINT pk_course_topic PRIMARY KEY (course_id, topic_id),
        CONSTRAINT fk_course_topic_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE CASCADE,
        CONSTRAINT fk_course_topic_topic FOREIGN KEY (topic_id) REFERENCES topic (id)
      )`);
    await q.query(`CREATE INDEX ix_course_topic_topic ON course_topic (topic_id)`);

    await q.query(`
      CREATE TABLE course_module (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        title varchar(300) NOT NULL,
        sort_order integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_course_module PRIMARY KEY (id),
        CONSTRAINT fk_course_module_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_course_module_course ON course_module (course_id, sort_order)`);

    await q.query(`
      CREATE TABLE lesson (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        module_id uuid NOT NULL,
        title varchar(300) NOT NULL,
        kind varchar(12) NOT NULL,
        body_html text NULL,
        url varchar(2000) NULL,
        file_key varchar(80) NULL,
        file_name varchar(255) NULL,
        file_mime varchar(120) NULL,
        file_size bigint NULL,
        duration_minutes integer NOT NULL DEFAULT 10,
        sort_order integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_lesson PRIMARY KEY (id),
        CONSTRAINT fk_lesson_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE CASCADE,
        CONSTRAINT fk_lesson_module FOREIGN KEY (module_id) REFERENCES course_module (id) ON DELETE CASCADE,
        CONSTRAINT ck_lesson_kind CHECK (kind IN ('text','video','document','link')),
        CONSTRAINT ck_lesson_duration CHECK (duration_minutes BETWEEN 1 AND 1440)
      )`);
    await q.query(`CREATE INDEX ix_lesson_module ON lesson (module_id, sort_order)`);
    await q.query(`CREATE INDEX ix_lesson_course ON lesson (course_id)`);

    await q.query(`
      CREATE TABLE enrolment (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        person_id uuid NOT NULL,
        source varchar(12) NOT NULL,
        enrolled_at timestamptz NOT NULL,
        last_lesson_id uuid NULL,
        last_activity_at timestamptz NULL,
        CONSTRAINT pk_enrolment PRIMARY KEY (id),
        CONSTRAINT uq_enrolment_course_person UNIQUE (course_id, person_id),
        CONSTRAINT fk_enrolment_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE CASCADE,
        CONSTRAINT fk_enrolment_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE,
        CONSTRAINT fk_enrolment_last_lesson FOREIGN KEY (last_lesson_id) REFERENCES lesson (id) ON DELETE SET NULL,
        CONSTRAINT ck_enrolment_source CHECK (source IN ('self','assignment'))
      )`);
    await q.query(`CREATE INDEX ix_enrolment_person ON enrolment (person_id)`);

    await q.query(`
      CREATE TABLE lesson_progress (
        person_id uuid NOT NULL,
        lesson_id uuid NOT NULL,
        course_id uuid NOT NULL,
        completed_at timestamptz NULL,
        position_seconds integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_lesson_progress PRIMARY KEY (person_id, lesson_id),
        CONSTRAINT fk_lesson_progress_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE,
        CONSTRAINT fk_lesson_progress_lesson FOREIGN KEY (lesson_id) REFERENCES lesson (id) ON DELETE CASCADE,
        CONSTRAINT fk_lesson_progress_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_lesson_progress_course ON lesson_progress (course_id, person_id)`);

    // A completion is a fact recorded once; editing the course later never takes it away. The certificate prints
    // from this snapshot so a renamed course or person still shows what was true on the day.
    await q.query(`
      CREATE TABLE course_completion (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        person_id uuid NOT NULL,
        completed_at timestamptz NOT NULL,
        certificate_code varchar(14) NOT NULL,
        person_name varchar(200) NOT NULL,
        unit_name varchar(300) NULL,
        course_title varchar(300) NOT NULL,
        estimated_hours numeric(6,1) NOT NULL,
        CONSTRAINT pk_course_completion PRIMARY KEY (id),
        CONSTRAINT uq_course_completion_course_person UNIQUE (course_id, person_id),
        CONSTRAINT uq_course_completion_code UNIQUE (certificate_code),
        CONSTRAINT fk_course_completion_course FOREIGN KEY (course_id) REFERENCES course (id),
        CONSTRAINT fk_course_completion_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_course_completion_person ON course_completion (person_id)`);

    await q.query(`
      CREATE TABLE course_assignment (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        categories varchar(20)[] NOT NULL DEFAULT '{}',
        does_cchc_work boolean NULL,
        is_leader boolean NULL,
        person_ids uuid[] NOT NULL DEFAULT '{}',
        due_date date NOT NULL,
        note varchar(1000) NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL,
        cancelled_at timestamptz NULL,
        CONSTRAINT pk_course_assignment PRIMARY KEY (id),
        CONSTRAINT fk_course_assignment_course FOREIGN KEY (course_id) REFERENCES course (id),
        CONSTRAINT fk_course_assignment_unit FOREIGN KEY (unit_id) REFERENCES org_unit (id),
        CONSTRAINT fk_course_assignment_created_by FOREIGN KEY (created_by) REFERENCES user_account (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX ix_course_assignment_course ON course_assignment (course_id)`);
    await q.query(`CREATE INDEX ix_course_assignment_unit ON course_assignment (unit_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['course_assignment', 'course_completion', 'lesson_progress', 'enrolment', 'lesson', 'course_module', 'course_topic', 'course']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
