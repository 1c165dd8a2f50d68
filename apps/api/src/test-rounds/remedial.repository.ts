import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RemedialItemKind, RemedialItemPlan, RemedialStatus } from '@cchc/shared';
import { scopePersonSql, systemScope, type UnitScope } from '@api/common/access';

export interface RemedialRow {
  id: string;
  roundId: string;
  personId: string;
  attemptId: string | null;
  status: RemedialStatus;
  dueDate: string;
  closedAt: Date | null;
  retestAttemptId: string | null;
  createdAt: Date;
}

export interface RemedialItemRow {
  assignmentId: string;
  kind: RemedialItemKind;
  refId: string;
  topicId: string;
  title: string | null;
  done: boolean;
}

const COLUMNS = `a.id, a.round_id AS "roundId", a.person_id AS "personId", a.attempt_id AS "attemptId", a.status,
  to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate", a.closed_at AS "closedAt", a.retest_attempt_id AS "retestAttemptId", a.created_at AS "createdAt"`;

/** Remedial assignments and their items; a lesson counts as done when completed and visited after the assignment. */
@Injectable()
export class RemedialRepository {
  constructor(private readonly db: DataSource) {}

  /** A person's assignment for the round, if the person lies in the scope (`lock`: for the submission that updates it). */
  async find(scope: UnitScope, roundId: string, personId: string, manager: EntityManager = this.db.manager, lock = false): Promise<RemedialRow | null> {
    const params: unknown[] = [roundId, personId];
    const rows: RemedialRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM remedial_assignment a WHERE a.round_id = $1 AND a.person_id = $2 AND ${scopePersonSql(scope, 'a.person_id', params)} ${lock ? 'FOR UPDATE OF a' : ''}`,
      params,
    );
    return rows[0] ?? null;
  }

  /** Creates the person's assignment for the round, or returns the one already there (a retry or a concurrent run). */
  async insert(a: { roundId: string; personId: string; attemptId: string; dueDate: string; now: Date }, tx: EntityManager): Promise<{ id: string; created: boolean }> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO remedial_assignment (round_id, person_id, attempt_id, status, due_date, created_at, updated_at)
       VALUES ($1, $2, $3, 'open', $4::date, $5, $5)
       ON CONFLICT ON CONSTRAINT uq_remedial_assignment_round_person DO NOTHING RETURNING id`,
      [a.roundId, a.personId, a.attemptId, a.dueDate, a.now],
    );
    if (rows.length) return { id: rows[0].id, created: true };
    return { id: (await this.find(systemScope(), a.roundId, a.personId, tx))!.id, created: false };
  }

  async update(id: string, patch: { attemptId?: string; status?: RemedialStatus; dueDate?: string; closedAt?: Date | null; createdAt?: Date }, now: Date, tx: EntityManager): Promise<void> {
    await tx.query(
      `UPDATE remedial_assignment SET
         attempt_id = CASE WHEN $2::boolean THEN $3::uuid ELSE attempt_id END,
         status = coalesce($4, status),
         due_date = coalesce($5::date, due_date),
         closed_at = CASE WHEN $6::boolean THEN $7::timestamptz ELSE closed_at END,
         created_at = coalesce($8::timestamptz, created_at),
         updated_at = $9
       WHERE id = $1`,
      [id, patch.attemptId !== undefined, patch.attemptId ?? null, patch.status ?? null, patch.dueDate ?? null, patch.closedAt !== undefined, patch.closedAt ?? null, patch.createdAt ?? null, now],
    );
  }

  /** Makes the items exactly `items`, keeping the read state of those that stay. */
  async replaceItems(assignmentId: string, items: RemedialItemPlan[], tx: EntityManager): Promise<void> {
    await tx.query(
      `DELETE FROM remedial_item i WHERE i.assignment_id = $1
         AND NOT EXISTS (SELECT 1 FROM unnest($2::text[], $3::uuid[]) AS x(kind, ref) WHERE x.kind = i.kind AND x.ref = i.ref_id)`,
      [assignmentId, items.map((i) => i.kind), items.map((i) => i.refId)],
    );
    if (!items.length) return;
    await tx.query(
      `INSERT INTO remedial_item (assignment_id, kind, ref_id, topic_id, sort_order)
       SELECT $1, x.kind, x.ref, x.topic, x.ord FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::int[]) AS x(kind, ref, topic, ord)
       ON CONFLICT ON CONSTRAINT pk_remedial_item DO UPDATE SET topic_id = excluded.topic_id, sort_order = excluded.sort_order`,
      [assignmentId, items.map((i) => i.kind), items.map((i) => i.refId), items.map((i) => i.topicId), items.map((_, n) => n)],
    );
  }

  /** Marks the extra attempt as taken; false when it already was (a concurrent start). */
  async markRetest(assignmentId: string, attemptId: string, now: Date): Promise<boolean> {
    // An UPDATE answers [rows, affected count].
    const [rows] = await this.db.query(
      `UPDATE remedial_assignment SET retest_attempt_id = $2, updated_at = $3 WHERE id = $1 AND retest_attempt_id IS NULL RETURNING id`,
      [assignmentId, attemptId, now],
    );
    return rows.length > 0;
  }

  /** A person's assignments, newest first (optionally of one round); none when the person lies outside the scope. */
  async ofPerson(scope: UnitScope, personId: string, roundId: string | null): Promise<RemedialRow[]> {
    const params: unknown[] = [personId, roundId];
    return this.db.query(
      `SELECT ${COLUMNS} FROM remedial_assignment a
        WHERE a.person_id = $1 AND ($2::uuid IS NULL OR a.round_id = $2::uuid) AND ${scopePersonSql(scope, 'a.person_id', params)}
        ORDER BY a.created_at DESC`,
      params,
    );
  }

  /** The round's assignments of these people, those of the scope only. */
  async ofRound(scope: UnitScope, roundId: string, personIds: string[]): Promise<RemedialRow[]> {
    if (!personIds.length) return [];
    const params: unknown[] = [roundId, personIds];
    return this.db.query(
      `SELECT ${COLUMNS} FROM remedial_assignment a WHERE a.round_id = $1 AND a.person_id = ANY($2::uuid[]) AND ${scopePersonSql(scope, 'a.person_id', params)}`,
      params,
    );
  }

  /** Items with their titles and done state, in order (of the assignments of people in the scope). */
  async items(scope: UnitScope, assignmentIds: string[]): Promise<RemedialItemRow[]> {
    if (!assignmentIds.length) return [];
    const params: unknown[] = [assignmentIds];
    return this.db.query(
      `SELECT i.assignment_id AS "assignmentId", i.kind, i.ref_id AS "refId", i.topic_id AS "topicId",
              coalesce(l.title, d.title) AS title,
              CASE WHEN i.kind = 'document' THEN i.read_at IS NOT NULL
                   ELSE EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.person_id = a.person_id AND lp.lesson_id = i.ref_id
                                  AND lp.completed_at IS NOT NULL AND lp.updated_at >= a.created_at) END AS done
         FROM remedial_item i
         JOIN remedial_assignment a ON a.id = i.assignment_id
         LEFT JOIN lesson l ON i.kind = 'lesson' AND l.id = i.ref_id
         LEFT JOIN library_document d ON i.kind = 'document' AND d.id = i.ref_id
        WHERE i.assignment_id = ANY($1::uuid[]) AND ${scopePersonSql(scope, 'a.person_id', params)}
        ORDER BY i.assignment_id, i.sort_order`,
      params,
    );
  }

  /**
   * The person's assignments that re-study this lesson and have every item done now (read inside the transaction
   * that has just completed the lesson, so it counts).
   */
  async finishedWithLesson(scope: UnitScope, personId: string, lessonId: string, tx: EntityManager): Promise<{ id: string; roundId: string }[]> {
    const params: unknown[] = [personId, lessonId];
    return tx.query(
      `SELECT a.id, a.round_id AS "roundId" FROM remedial_assignment a
        WHERE a.person_id = $1 AND ${scopePersonSql(scope, 'a.person_id', params)}
          AND EXISTS (SELECT 1 FROM remedial_item i WHERE i.assignment_id = a.id AND i.kind = 'lesson' AND i.ref_id = $2)
          AND NOT EXISTS (
                SELECT 1 FROM remedial_item i
                 WHERE i.assignment_id = a.id
                   AND NOT CASE WHEN i.kind = 'document' THEN i.read_at IS NOT NULL
                                ELSE EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.person_id = a.person_id AND lp.lesson_id = i.ref_id
                                               AND lp.completed_at IS NOT NULL AND lp.updated_at >= a.created_at) END)`,
      params,
    );
  }

  /** "I have read this": only the owner's open assignment, only a document item of it. Returns false when none matched. */
  async markDocumentRead(assignmentId: string, personId: string, documentId: string, now: Date): Promise<boolean> {
    const [rows] = await this.db.query(
      `UPDATE remedial_item i SET read_at = coalesce(i.read_at, $4)
         FROM remedial_assignment a
        WHERE a.id = i.assignment_id AND a.id = $1 AND a.person_id = $2 AND i.kind = 'document' AND i.ref_id = $3
        RETURNING i.ref_id`,
      [assignmentId, personId, documentId, now],
    );
    return rows.length > 0;
  }

  async roundName(roundId: string): Promise<string> {
    const rows: { name: string }[] = await this.db.query(`SELECT name FROM test_round WHERE id = $1`, [roundId]);
    return rows[0]?.name ?? '';
  }
}
