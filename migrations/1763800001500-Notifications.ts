import { MigrationInterface, QueryRunner } from 'typeorm';

/** In-app notifications (Q&A answers, assignments falling due, test rounds opening, report deadlines). */
export class Notifications1763800001500 implements MigrationInterface {
  name = 'Notifications1763800001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id bigserial NOT NULL,
        user_id uuid NOT NULL,
        kind varchar(40) NOT NULL,
        title varchar(200) NOT NULL,
        body text NULL,
        link varchar(500) NULL,
        dedupe_key varchar(200) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz NULL,
        CONSTRAINT pk_notification PRIMARY KEY (id),
        CONSTRAINT fk_notification_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_notification_user ON notification (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_notification_unread ON notification (user_id) WHERE read_at IS NULL`);
    // A reminder sent by a scheduled job twice (two instances, a retry) still reaches the user once.
    await q.query(`CREATE UNIQUE INDEX ux_notification_dedupe ON notification (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
  }
}
