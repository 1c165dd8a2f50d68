import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The built-in xAPI Learning Record Store (xAPI 1.0.3): LRS clients (Basic auth key/secret with scopes), statements
 * (the whole statement as jsonb plus the columns the standard queries filter on), attachments by their SHA-2, and the
 * three document resources (state, activity profile, agent profile) in one table.
 */
export class XapiLrs1763800017000 implements MigrationInterface {
  name = 'XapiLrs1763800017000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lrs_client (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        key text NOT NULL,
        secret_hash text NOT NULL,
        scopes text[] NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT pk_lrs_client PRIMARY KEY (id),
        CONSTRAINT uq_lrs_client_key UNIQUE (key),
        CONSTRAINT ck_lrs_client_scopes CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['write', 'read_own', 'read_all']::text[]),
        CONSTRAINT fk_lrs_client_created_by FOREIGN KEY (created_by) REFERENCES user_account (id) ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE xapi_statement (
        seq bigint GENERATED ALWAYS AS IDENTITY,
        id uuid NOT NULL,
        statement jsonb NOT NULL,
        stored timestamptz NOT NULL,
        verb_id text NOT NULL,
        actor_ifis text[] NOT NULL,
        object_activity_id text,
        object_statement_id uuid,
        registration uuid,
        related_agents text[] NOT NULL,
        related_activities text[] NOT NULL,
        voided boolean NOT NULL DEFAULT false,
        client_id uuid,
        CONSTRAINT pk_xapi_statement PRIMARY KEY (seq),
        CONSTRAINT uq_xapi_statement_id UNIQUE (id),
        CONSTRAINT fk_xapi_statement_client FOREIGN KEY (client_id) REFERENCES lrs_client (id) ON DELETE SET NULL
      )`);
    // The common queries: by stored time, agent (+ verb + activity), verb, activity, registration; paging by seq.
    await q.query(`CREATE INDEX ix_xapi_statement_stored ON xapi_statement (stored, seq)`);
    await q.query(`CREATE INDEX ix_xapi_statement_actor ON xapi_statement USING gin (actor_ifis)`);
    await q.query(`CREATE INDEX ix_xapi_statement_verb ON xapi_statement (verb_id, stored)`);
    await q.query(`CREATE INDEX ix_xapi_statement_activity ON xapi_statement (object_activity_id, stored)`);
    await q.query(`CREATE INDEX ix_xapi_statement_registration ON xapi_statement (registration) WHERE registration IS NOT NULL`);
    await q.query(`CREATE INDEX ix_xapi_statement_related_agents ON xapi_statement USING gin (related_agents)`);
    await q.query(`CREATE INDEX ix_xapi_statement_related_activities ON xapi_statement USING gin (related_activities)`);
    await q.query(`CREATE INDEX ix_xapi_statement_ref ON xapi_statement (object_statement_id) WHERE object_statement_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE xapi_attachment (
        sha2 text NOT NULL,
        content_type text NOT NULL,
        content bytea NOT NULL,
        CONSTRAINT pk_xapi_attachment PRIMARY KEY (sha2)
      )`);
    await q.query(`
      CREATE TABLE xapi_document (
        id bigint GENERATED ALWAYS AS IDENTITY,
        kind text NOT NULL,
        activity_id text NOT NULL DEFAULT '',
        agent_ifi text NOT NULL DEFAULT '',
        registration text NOT NULL DEFAULT '',
        doc_id text NOT NULL,
        content_type text NOT NULL,
        content bytea NOT NULL,
        etag text NOT NULL,
        updated timestamptz NOT NULL,
        CONSTRAINT pk_xapi_document PRIMARY KEY (id),
        CONSTRAINT ck_xapi_document_kind CHECK (kind IN ('state', 'activity_profile', 'agent_profile')),
        CONSTRAINT uq_xapi_document UNIQUE (kind, activity_id, agent_ifi, registration, doc_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE xapi_document`);
    await q.query(`DROP TABLE xapi_attachment`);
    await q.query(`DROP TABLE xapi_statement`);
    await q.query(`DROP TABLE lrs_client`);
  }
}
