import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statements whose object is a StatementRef, in stored order: the LRS's second query branch ("a statement matches
 * when the statement it targets does", xAPI 1.0.3 §2.1.3) walks only these, so filtered queries stay index-only.
 */
export class XapiStatementRefOrder1763800026000 implements MigrationInterface {
  name = 'XapiStatementRefOrder1763800026000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_xapi_statement_ref_stored ON xapi_statement (stored, seq) WHERE object_statement_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_xapi_statement_ref_stored`);
  }
}
