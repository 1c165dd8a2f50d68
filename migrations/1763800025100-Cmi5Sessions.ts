import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * cmi5 launches: one row per AU session (its one-time fetch token and the credentials it hands out, both kept as
 * hashes; what the AU has said so far). Statements sent with session credentials are stored under one LRS client,
 * "cmi5", whose own secret is unusable (a random hash nobody knows).
 */
export class Cmi5Sessions1763800025100 implements MigrationInterface {
  name = 'Cmi5Sessions1763800025100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO lrs_client (id, name, key, secret_hash, scopes) VALUES ('c0115e55-0000-4000-8000-00000000c315', 'cmi5 (gói bài giảng)', 'cmi5_lms', encode(sha256(gen_random_uuid()::text::bytea), 'hex'), ARRAY['write'])`,
    );
    await q.query(`
      CREATE TABLE cmi5_session (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        package_id uuid NOT NULL,
        item_id varchar(255) NOT NULL,
        attempt integer NOT NULL DEFAULT 1,
        registration uuid NOT NULL,
        fetch_token_hash varchar(64) NOT NULL,
        secret_hash varchar(64),
        launch_mode varchar(8) NOT NULL DEFAULT 'Normal',
        initialized boolean NOT NULL DEFAULT false,
        terminated boolean NOT NULL DEFAULT false,
        abandoned boolean NOT NULL DEFAULT false,
        failed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        fetched_at timestamptz,
        CONSTRAINT pk_cmi5_session PRIMARY KEY (id),
        CONSTRAINT uq_cmi5_session_fetch_token UNIQUE (fetch_token_hash),
        CONSTRAINT fk_cmi5_session_person FOREIGN KEY (person_id) REFERENCES person(id) ON DELETE CASCADE,
        CONSTRAINT fk_cmi5_session_package FOREIGN KEY (package_id) REFERENCES learning_package(id) ON DELETE CASCADE,
        CONSTRAINT ck_cmi5_session_launch_mode CHECK (launch_mode IN ('Normal','Browse','Review'))
      )`);
    await q.query(`CREATE INDEX ix_cmi5_session_learner ON cmi5_session (person_id, package_id, item_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cmi5_session`);
    await q.query(`DELETE FROM lrs_client WHERE id = 'c0115e55-0000-4000-8000-00000000c315'`);
  }
}
