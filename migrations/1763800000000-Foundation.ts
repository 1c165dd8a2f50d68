import { MigrationInterface, QueryRunner } from 'typeorm';

const VIETNAMESE_LETTERS = 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ';

/** Org units, people with dated history, user accounts, refresh tokens, audit log, settings. */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // fold_vi(): the SQL twin of foldVietnamese() in libs/shared, for searching stored text without diacritics.
    const from = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.toUpperCase();
    const to = [...from].map((c) => (c.toLowerCase() === 'đ' ? 'd' : c.normalize('NFD')[0].toLowerCase())).join('');
    await q.query(`
      CREATE FUNCTION fold_vi(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT lower(translate(t, '${from}', '${to}')) $$`);

    await q.query(`
      CREATE TABLE org_unit (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(50) NOT NULL,
        name varchar(255) NOT NULL,
        level varchar(20) NOT NULL,
        parent_id uuid NULL,
        path text COLLATE "C" NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'active',
        merged_into_id uuid NULL,
        closed_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_org_unit PRIMARY KEY (id),
        CONSTRAINT uq_org_unit_code UNIQUE (code),
        CONSTRAINT fk_org_unit_parent FOREIGN KEY (parent_id) REFERENCES org_unit (id),
        CONSTRAINT fk_org_unit_merged_into FOREIGN KEY (merged_into_id) REFERENCES org_unit (id),
        CONSTRAINT ck_org_unit_level CHECK (level IN ('province','department','district','commune','sub_unit','public_service')),
        CONSTRAINT ck_org_unit_status CHECK (status IN ('active','closed','merged'))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_org_unit_path ON org_unit (path)`);
    await q.query(`CREATE INDEX ix_org_unit_parent ON org_unit (parent_id)`);

    await q.query(`
      CREATE TABLE person (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        staff_code varchar(30) NOT NULL,
        full_name varchar(120) NOT NULL,
        search_text text NOT NULL,
        unit_id uuid NOT NULL,
        category varchar(20) NOT NULL,
        position varchar(150) NULL,
        email varchar(254) NULL,
        phone varchar(20) NULL,
        date_of_birth date NULL,
        gender varchar(6) NULL,
        does_cchc_work boolean NOT NULL DEFAULT false,
        is_leader boolean NOT NULL DEFAULT false,
        status varchar(10) NOT NULL DEFAULT 'active',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_person PRIMARY KEY (id),
        CONSTRAINT uq_person_staff_code UNIQUE (staff_code),
        CONSTRAINT fk_person_unit FOREIGN KEY (unit_id) REFERENCES org_unit (id),
        CONSTRAINT ck_person_category CHECK (category IN ('can_bo','cong_chuc','vien_chuc','nguoi_lao_dong')),
        CONSTRAINT ck_person_status CHECK (status IN ('active','on_leave','retired','left')),
        CONSTRAINT ck_person_gender CHECK (gender IS NULL OR gender IN ('male','female'))
      )`);
    await q.query(`CREATE INDEX ix_person_unit ON person (unit_id)`);
    await q.query(`CREATE INDEX ix_person_search_trgm ON person USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE person_unit_history (
        id bigserial NOT NULL,
        person_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        from_date timestamptz NOT NULL,
        to_date timestamptz NULL,
        reason varchar(10) NOT NULL,
        note text NULL,
        CONSTRAINT pk_person_unit_history PRIMARY KEY (id),
        CONSTRAINT fk_person_unit_history_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE,
        CONSTRAINT fk_person_unit_history_unit FOREIGN KEY (unit_id) REFERENCES org_unit (id),
        CONSTRAINT ck_person_unit_history_reason CHECK (reason IN ('hire','transfer','merge','import'))
      )`);
    await q.query(`CREATE INDEX ix_person_unit_history_person ON person_unit_history (person_id, from_date)`);
    await q.query(`CREATE UNIQUE INDEX ux_person_unit_history_open ON person_unit_history (person_id) WHERE to_date IS NULL`);

    await q.query(`
      CREATE TABLE person_status_history (
        id bigserial NOT NULL,
        person_id uuid NOT NULL,
        status varchar(10) NOT NULL,
        from_date timestamptz NOT NULL,
        to_date timestamptz NULL,
        note text NULL,
        CONSTRAINT pk_person_status_history PRIMARY KEY (id),
        CONSTRAINT fk_person_status_history_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_person_status_history_person ON person_status_history (person_id, from_date)`);

    await q.query(`
      CREATE TABLE user_account (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        username varchar(60) NOT NULL,
        display_name varchar(120) NOT NULL,
        password_hash text NOT NULL,
        role varchar(20) NOT NULL,
        unit_id uuid NULL,
        person_id uuid NULL,
        failed_attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz NULL,
        must_change_password boolean NOT NULL DEFAULT false,
        disabled boolean NOT NULL DEFAULT false,
        last_login_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_user_account PRIMARY KEY (id),
        CONSTRAINT fk_user_account_unit FOREIGN KEY (unit_id) REFERENCES org_unit (id),
        CONSTRAINT fk_user_account_person FOREIGN KEY (person_id) REFERENCES person (id),
        CONSTRAINT ck_user_account_role CHECK (role IN ('learner','unit_officer','coordinator','author','admin')),
        CONSTRAINT ck_user_account_officer_unit CHECK (role <> 'unit_officer' OR unit_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_user_account_username ON user_account (lower(username))`);
    await q.query(`CREATE UNIQUE INDEX ux_user_account_person ON user_account (person_id) WHERE person_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE refresh_token (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NULL,
        revoked_reason varchar(10) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_refresh_token PRIMARY KEY (id),
        CONSTRAINT fk_refresh_token_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_refresh_token_hash ON refresh_token (token_hash)`);
    await q.query(`CREATE INDEX ix_refresh_token_user ON refresh_token (user_id)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid NULL,
        actor_name varchar(120) NULL,
        action varchar(40) NOT NULL,
        entity_type varchar(40) NOT NULL,
        entity_id varchar(64) NULL,
        unit_path text COLLATE "C" NULL,
        summary text NOT NULL,
        details jsonb NULL,
        CONSTRAINT pk_audit_log PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX ix_audit_log_at ON audit_log (at DESC)`);
    await q.query(`CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, entity_id)`);

    await q.query(`
      CREATE TABLE app_setting (
        key varchar(60) NOT NULL,
        value text NOT NULL,
        CONSTRAINT pk_app_setting PRIMARY KEY (key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_setting`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE user_account`);
    await q.query(`DROP TABLE person_status_history`);
    await q.query(`DROP TABLE person_unit_history`);
    await q.query(`DROP TABLE person`);
    await q.query(`DROP TABLE org_unit`);
    await q.query(`DROP FUNCTION fold_vi(text)`);
  }
}
