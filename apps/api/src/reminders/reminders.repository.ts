import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { scopeSql, type UnitScope } from '@api/common/access';
import { AUDIENCE_SQL } from '@api/enrolments';

export interface Recipient {
  userId: string;
  email: string | null;
}

/**
 * Reads what reminders are about. Every read of people takes a scope like any other repository's: the daily job passes
 * `systemScope()` (it runs on nobody's behalf, for everyone), which costs nothing in SQL.
 */
@Injectable()
export class RemindersRepository {
  constructor(private readonly db: DataSource) {}

  async tryLock(tx: EntityManager): Promise<boolean> {
    const [{ ok }] = await tx.query(`SELECT pg_try_advisory_xact_lock(727100) AS ok`);
    return ok;
  }

  /**
   * People who still have to complete an assigned course due within `days`: the assignment's audience rule (the same
   * SQL the learning pages use, so who is reminded is who sees it in "my learning"), minus those who completed it.
   */
  assignmentsDue(scope: UnitScope, now: Date, days: number, tx: EntityManager): Promise<{ key: string; userId: string; email: string | null; due: Date; title: string }[]> {
    const params: unknown[] = [now, days];
    return tx.query(
      `SELECT a.id::text AS key, u.id AS "userId", p.email, a.due_date::timestamptz AS due, c.title
         FROM course_assignment a
         JOIN course c ON c.id = a.course_id
         JOIN org_unit au ON au.id = a.unit_id
         JOIN org_unit pu ON pu.path LIKE au.path || '%'
         JOIN person p ON p.unit_id = pu.id
         JOIN user_account u ON u.person_id = p.id AND NOT u.disabled
        WHERE ${AUDIENCE_SQL}
          AND a.due_date BETWEEN ($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                             AND ($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + $2::int
          AND NOT EXISTS (SELECT 1 FROM course_completion cc WHERE cc.course_id = a.course_id AND cc.person_id = p.id)
          AND ${scopeSql(scope, { path: 'pu.path', person: 'p.id' }, params)}`,
      params,
    );
  }

  /** Open remedial assignments (after a low test result) due within `days`, with items still to do. */
  remedialDue(scope: UnitScope, now: Date, days: number, tx: EntityManager): Promise<{ key: string; userId: string; email: string | null; due: string; roundId: string; roundName: string }[]> {
    const params: unknown[] = [now, days];
    return tx.query(
      `SELECT a.id::text || ':' || to_char(a.due_date, 'YYYY-MM-DD') AS key, u.id AS "userId", p.email, to_char(a.due_date, 'YYYY-MM-DD') AS due,
              r.id AS "roundId", r.name AS "roundName"
         FROM remedial_assignment a
         JOIN test_round r ON r.id = a.round_id
         JOIN person p ON p.id = a.person_id
         JOIN org_unit pu ON pu.id = p.unit_id
         JOIN user_account u ON u.person_id = p.id AND NOT u.disabled
        WHERE a.status = 'open' AND ${scopeSql(scope, { path: 'pu.path', person: 'p.id' }, params)}
          AND a.due_date BETWEEN ($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                             AND ($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + $2::int
          AND EXISTS (SELECT 1 FROM remedial_item i WHERE i.assignment_id = a.id AND (
                (i.kind = 'document' AND i.read_at IS NULL)
             OR (i.kind = 'lesson' AND NOT EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.person_id = a.person_id AND lp.lesson_id = i.ref_id
                                                    AND lp.completed_at IS NOT NULL AND lp.updated_at >= a.created_at))))`,
      params,
    );
  }

  roundsOpening(now: Date, days: number, tx: EntityManager): Promise<{ id: string; name: string; opensAt: Date; closesAt: Date }[]> {
    return tx.query(
      `SELECT id, name, opens_at AS "opensAt", closes_at AS "closesAt" FROM test_round
        WHERE status IN ('scheduled','open') AND opens_at BETWEEN $1::timestamptz - interval '1 day' AND $1::timestamptz + make_interval(days => $2::int)`,
      [now, days],
    );
  }

  learners(scope: UnitScope, tx: EntityManager): Promise<Recipient[]> {
    const params: unknown[] = [];
    return tx.query(
      `SELECT u.id AS "userId", p.email FROM user_account u JOIN person p ON p.id = u.person_id JOIN org_unit pu ON pu.id = p.unit_id
        WHERE NOT u.disabled AND p.status IN ('active','on_leave') AND ${scopeSql(scope, { path: 'pu.path', person: 'p.id' }, params)}`,
      params,
    );
  }

  /** Accounts of a role whose unit lies in the scope (an account without a unit only for the whole tree). */
  byRole(scope: UnitScope, role: string, tx: EntityManager): Promise<Recipient[]> {
    const params: unknown[] = [role];
    return tx.query(
      `SELECT u.id AS "userId", p.email FROM user_account u LEFT JOIN person p ON p.id = u.person_id LEFT JOIN org_unit uu ON uu.id = u.unit_id
        WHERE NOT u.disabled AND u.role = $1 AND ${scopeSql(scope, { path: 'uu.path', person: 'u.person_id' }, params)}`,
      params,
    );
  }

  /** Of these users, the ones not yet notified with this key (so an e-mail goes out once too). */
  async notYetNotified(userIds: string[], dedupeKey: string, tx: EntityManager): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows: { user_id: string }[] = await tx.query(`SELECT user_id FROM notification WHERE dedupe_key = $1 AND user_id = ANY($2::uuid[])`, [dedupeKey, userIds]);
    const done = new Set(rows.map((r) => r.user_id));
    return new Set(userIds.filter((u) => !done.has(u)));
  }

  targetsWithDeadlines(tx: EntityManager): Promise<{ id: string; code: string; name: string; unitDue: string | null; provinceDue: string | null; startYear: number; endYear: number }[]> {
    return tx.query(
      `SELECT id, code, name, unit_report_due AS "unitDue", province_report_due AS "provinceDue", start_year AS "startYear", end_year AS "endYear"
         FROM target WHERE active AND (unit_report_due IS NOT NULL OR province_report_due IS NOT NULL)`,
    );
  }
}
