import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Forwarding statements to external LRSs (the Ministry's platform). Each endpoint reads the statement log in stored
 * order from its own cursor — a log-based outbox: nothing is written on the ingest path, nothing is lost (the cursor
 * only moves after the other LRS acknowledged), and a statement the other LRS refuses lands in the dead letters.
 */
export class LrsForwarding1763800026100 implements MigrationInterface {
  name = 'LrsForwarding1763800026100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lrs_forward_endpoint (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        url text NOT NULL,
        auth_key text NOT NULL,
        auth_secret text NOT NULL,
        xapi_version text NOT NULL DEFAULT '1.0.3',
        verbs text[] NOT NULL DEFAULT '{}',
        unit_id uuid,
        active boolean NOT NULL DEFAULT true,
        cursor_stored timestamptz NOT NULL DEFAULT now(),
        cursor_seq bigint NOT NULL DEFAULT 0,
        sent_count bigint NOT NULL DEFAULT 0,
        failures integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        last_error_at timestamptz,
        last_sent_at timestamptz,
        lease_until timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_lrs_forward_endpoint PRIMARY KEY (id),
        CONSTRAINT ck_lrs_forward_endpoint_version CHECK (xapi_version IN ('1.0.3', '2.0.0')),
        CONSTRAINT fk_lrs_forward_endpoint_unit FOREIGN KEY (unit_id) REFERENCES org_unit (id),
        CONSTRAINT fk_lrs_forward_endpoint_creator FOREIGN KEY (created_by) REFERENCES user_account (id) ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE lrs_forward_dead_letter (
        endpoint_id uuid NOT NULL,
        statement_id uuid NOT NULL,
        error text NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        failed_at timestamptz NOT NULL DEFAULT now(),
        retry_requested_at timestamptz,
        CONSTRAINT pk_lrs_forward_dead_letter PRIMARY KEY (endpoint_id, statement_id),
        CONSTRAINT fk_lrs_forward_dead_letter_endpoint FOREIGN KEY (endpoint_id) REFERENCES lrs_forward_endpoint (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_lrs_forward_dead_letter_retry ON lrs_forward_dead_letter (endpoint_id) WHERE retry_requested_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lrs_forward_dead_letter`);
    await q.query(`DROP TABLE lrs_forward_endpoint`);
  }
}
