import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions that can be ended and sign-in that holds under load.
 * - `user_account.token_version`: every access token carries the version it was issued under; sign-out, a password
 *   change or reset, disabling the account and refresh-token theft bump it, and every API node refuses older tokens
 *   within seconds. `sessions_revoked_at` lets a node read only the accounts revoked since it last looked.
 * - `rate_limit_hit`: per-client-address counters for sign-in, refresh and password change, in fixed windows, kept in
 *   the database so the limit holds across API processes and machines.
 */
export class SessionsAndSignIn1763800012000 implements MigrationInterface {
  name = 'SessionsAndSignIn1763800012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_account ADD COLUMN token_version integer NOT NULL DEFAULT 0, ADD COLUMN sessions_revoked_at timestamptz`);
    await q.query(`CREATE INDEX ix_user_account_sessions_revoked ON user_account (sessions_revoked_at) WHERE sessions_revoked_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE rate_limit_hit (
        bucket varchar(40) NOT NULL,
        client varchar(64) NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL,
        CONSTRAINT pk_rate_limit_hit PRIMARY KEY (bucket, client, window_start)
      )`);
    await q.query(`CREATE INDEX ix_rate_limit_hit_window ON rate_limit_hit (window_start)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_hit`);
    await q.query(`DROP INDEX ix_user_account_sessions_revoked`);
    await q.query(`ALTER TABLE user_account DROP COLUMN sessions_revoked_at, DROP COLUMN token_version`);
  }
}
