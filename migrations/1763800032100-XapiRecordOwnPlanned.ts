import { MigrationInterface, QueryRunner } from 'typeorm';
import { recordOwnStatement } from './1763800029100-XapiStatementActivities';

/** xapi_record_own's statement as migration 1763800029100 left it (the body is the same in both languages). */
const RECORD_OWN = recordOwnStatement(true);

/**
 * xapi_record_own (our learning events' statements, also written inside the exam submission) as PL/pgSQL instead of
 * SQL: the same statement, but a SQL function's statement was planned again on every call — 3.8 ms of planning per
 * call in bench:exam's submissions, more than running it — where PL/pgSQL keeps the plan for the session.
 */
export class XapiRecordOwnPlanned1763800032100 implements MigrationInterface {
  name = 'XapiRecordOwnPlanned1763800032100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION xapi_record_own(payload jsonb) RETURNS integer LANGUAGE plpgsql AS $fn$
      DECLARE n integer;
      BEGIN${RECORD_OWN} INTO n FROM ins;
        RETURN n;
      END $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION xapi_record_own(payload jsonb) RETURNS integer LANGUAGE sql AS $fn$${RECORD_OWN} FROM ins$fn$`);
  }
}
