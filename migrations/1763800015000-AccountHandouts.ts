import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts for everyone: one-time password handouts and accounts disabled with their person.
 *
 * A handout holds the plain one-time passwords of accounts just created or reset, encrypted (AES-256-GCM) with a key
 * the server hands to the officer once and does not keep: the database alone cannot read them. Each format (.xlsx,
 * PDF) can be downloaded once; when both are taken, or the handout expires, the ciphertext is deleted and only the
 * record of who made it remains. The accounts themselves store argon2 hashes only.
 */
export class AccountHandouts1763800015000 implements MigrationInterface {
  name = 'AccountHandouts1763800015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_handout (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL,
        created_by uuid NULL,
        kind varchar(10) NOT NULL,
        accounts integer NOT NULL,
        sealed bytea NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        pdf_taken_at timestamptz NULL,
        xlsx_taken_at timestamptz NULL,
        CONSTRAINT pk_account_handout PRIMARY KEY (id),
        CONSTRAINT fk_account_handout_unit FOREIGN KEY (unit_id) REFERENCES org_unit (id),
        CONSTRAINT fk_account_handout_creator FOREIGN KEY (created_by) REFERENCES user_account (id) ON DELETE SET NULL,
        CONSTRAINT ck_account_handout_kind CHECK (kind IN ('bulk','import','reset')),
        CONSTRAINT ck_account_handout_accounts CHECK (accounts > 0)
      )`);
    await q.query(`CREATE INDEX ix_account_handout_expires ON account_handout (expires_at) WHERE sealed IS NOT NULL`);
    // Set when the account was disabled because its person retired or left, so returning to work re-enables it
    // (and an account disabled for another reason stays disabled).
    await q.query(`ALTER TABLE user_account ADD COLUMN disabled_reason varchar(20) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_account DROP COLUMN disabled_reason`);
    await q.query(`DROP TABLE account_handout`);
  }
}
