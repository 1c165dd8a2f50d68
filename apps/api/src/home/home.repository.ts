import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUDIENCE_STATUSES } from '@cchc/shared';
import { scopeSql, UnitScope } from '@api/common/access';
import { audienceSql, roundAudience, roundAudienceDocument } from '@api/common/audience';
import { viOrder } from '@api/common/database';

export interface OpenRoundCountRow {
  roundId: string;
  name: string;
  closesAt: Date;
  audience: number;
  notTaken: number;
}

const AT_WORK = `(${AUDIENCE_STATUSES.map((s) => `'${s}'`).join(',')})`;

/** A remedial assignment `ra` whose items are all done (or that was closed): the same "done" as the learner's page. */
const REMEDIAL_DONE = `(ra.status = 'closed' OR NOT EXISTS (
    SELECT 1 FROM remedial_item i WHERE i.assignment_id = ra.id AND NOT (CASE WHEN i.kind = 'document' THEN i.read_at IS NOT NULL
      ELSE EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.person_id = ra.person_id AND lp.lesson_id = i.ref_id
                     AND lp.completed_at IS NOT NULL AND lp.updated_at >= ra.created_at) END)))`;

/** The counts the officers' home page shows, each one statement over the scope (the lists they link to hold the rows). */
@Injectable()
export class HomeRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Open rounds that reach the scope, with their audience there and how many of it have not submitted: the same rule
   * as the round's "not taken" list (audience today minus a result or a submitted attempt).
   */
  async openRounds(scope: UnitScope, now: Date): Promise<OpenRoundCountRow[]> {
    const params: unknown[] = [now];
    const inScope = scopeSql(scope, { path: 'u.path', person: 'p.id' }, params);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT r.id AS "roundId", r.name, r.closes_at AS "closesAt", count(a.id)::int AS audience,
              count(a.id) FILTER (WHERE NOT EXISTS (SELECT 1 FROM test_result tr WHERE tr.round_id = r.id AND tr.person_id = a.id)
                                    AND NOT EXISTS (SELECT 1 FROM test_attempt s WHERE s.round_id = r.id AND s.person_id = a.id AND s.submitted_at IS NOT NULL))::int AS "notTaken"
         FROM test_round r
         JOIN LATERAL (SELECT p.id FROM person p JOIN org_unit u ON u.id = p.unit_id
                        WHERE ${audienceSql({ alias: 'p', unitPath: 'u.path' }, roundAudience(roundAudienceDocument('r')))} AND ${inScope}) a ON TRUE
        WHERE r.status NOT IN ('draft', 'closed', 'archived') AND r.opens_at <= $1 AND r.closes_at > $1
        GROUP BY r.id
        ORDER BY r.closes_at, ${viOrder('r.name')}`,
      params,
    );
    return rows as unknown as OpenRoundCountRow[];
  }

  /**
   * Failed results of the year in the scope (people at work: the low-scorer list), and how many of them have no
   * finished remedial work (none assigned, or items still to study).
   */
  async lowScorers(scope: UnitScope, year: number): Promise<{ total: number; withoutRemedialDone: number }> {
    const params: unknown[] = [year];
    const rows = await this.db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE ra.id IS NULL OR NOT ${REMEDIAL_DONE})::int AS "withoutRemedialDone"
         FROM test_result tr
         JOIN person p ON p.id = tr.person_id JOIN org_unit u ON u.id = p.unit_id
         LEFT JOIN remedial_assignment ra ON ra.round_id = tr.round_id AND ra.person_id = tr.person_id
        WHERE NOT tr.passed AND coverage_evidence_year(tr.finished_at) = $1 AND p.status IN ${AT_WORK}
          AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`,
      params,
    );
    return rows[0];
  }
}
