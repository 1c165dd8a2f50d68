import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * With a read replica (DATABASE_READ_URL), heavy reads go to the standby unless the caller has written something
 * the standby has not replayed yet. Each staff user's last write position (WAL LSN) is kept here, in the primary,
 * so every node routes that user's next reads correctly whichever node took the write.
 */
export class ReadYourWrites1763800014500 implements MigrationInterface {
  name = 'ReadYourWrites1763800014500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_last_write (
        user_id uuid NOT NULL,
        lsn pg_lsn NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_user_last_write PRIMARY KEY (user_id),
        CONSTRAINT fk_user_last_write_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_last_write`);
  }
}
