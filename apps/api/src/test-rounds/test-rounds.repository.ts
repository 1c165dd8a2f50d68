import { Injectable } from '@nestjs/common';
import { ReadReplica } from '@api/read-replica';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { Difficulty, QuestionType, RoundAudience } from '@cchc/shared';
import { scopeSql, UnitScope } from '@api/common/access';
import { FrozenQuestion, GradedItem, TestAttempt, TestRound } from './test-round.entity';

/** A published question's current version, as drawn into attempts. */
export interface BankQuestion extends Omit<FrozenQuestion, 'difficulty' | 'type'> {
  difficulty: Difficulty;
  type: QuestionType;
}

export interface AttemptSummary {
  eligible: boolean;
  attemptsUsed: number;
  openAttemptId: string | null;
  lastQuestionIds: string[];
}

export interface ResultRow {
  personId: string;
  staffCode: string;
  fullName: string;
  unitId: string;
  unitName: string;
  score: number;
  band: string;
  passed: boolean;
  attemptsUsed: number;
  finishedAt: Date;
  attemptId: string | null;
}

/** The person-matches-audience condition; $a is the audience jsonb parameter. */
const AUDIENCE_SQL = (person: string, unit: string, a: string) => `
  ${person}.status = 'active'
  AND (${a}->>'unitId' IS NULL OR ${unit}.path LIKE (SELECT path FROM org_unit WHERE id = (${a}->>'unitId')::uuid) || '%')
  AND (jsonb_array_length(coalesce(${a}->'categories', '[]')) = 0 OR coalesce(${a}->'categories', '[]') ? ${person}.category)
  AND (${a}->>'doesCchcWork' IS NULL OR ${person}.does_cchc_work = (${a}->>'doesCchcWork')::boolean)
  AND (${a}->>'isLeader' IS NULL OR ${person}.is_leader = (${a}->>'isLeader')::boolean)`;

/** Stores one answer if the attempt is the person's, still open, and holds the question; a lower `seq` never wins. */
const SAVE_ANSWER_SQL = `INSERT INTO test_answer AS t (attempt_id, question_id, choice, seq, saved_at)
  SELECT a.id, $3, $4::text[], $5, $6 FROM test_attempt a
   WHERE a.id = $1 AND a.person_id = $2 AND a.submitted_at IS NULL AND a.deadline_at > $6 AND $3 = ANY(a.question_ids)
  ON CONFLICT (attempt_id, question_id) DO UPDATE SET choice = excluded.choice, seq = excluded.seq, saved_at = excluded.saved_at
   WHERE excluded.seq > t.seq
  RETURNING seq`;

/** A row of question × current version (`question_id, version_id, topic_id, … lesson_ids, document_ids`). */
export function toBankQuestion(r: Record<string, unknown>): BankQuestion {
  return {
    questionId: r.question_id as string,
    versionId: r.version_id as string,
    topicId: r.topic_id as string,
    difficulty: r.difficulty as Difficulty,
    type: r.type as QuestionType,
    stem: r.stem as string,
    options: r.options as { id: string; text: string }[],
    correct: r.correct as string[],
    explanation: (r.explanation as string) ?? null,
    lessonIds: (r.lesson_ids as string[]) ?? [],
    documentIds: (r.document_ids as string[]) ?? [],
  };
}

@Injectable()
export class TestRoundsRepository {
  constructor(
    private readonly db: DataSource,
    /** Item analysis reads the standby when there is one (DATABASE_READ_URL). */
    private readonly reads: ReadReplica,
  ) {}

  // ---------- rounds ----------

  findRound(id: string, manager: EntityManager = this.db.manager): Promise<TestRound | null> {
    return manager.findOne(TestRound, { where: { id } });
  }

  listRounds(includeDrafts: boolean): Promise<TestRound[]> {
    const qb = this.db.manager.getRepository(TestRound).createQueryBuilder('r').orderBy('r.opens_at', 'DESC').addOrderBy('r.name', 'ASC');
    if (!includeDrafts) qb.where(`r.status <> 'draft'`);
    return qb.getMany();
  }

  async insertRound(round: Partial<TestRound>, manager: EntityManager): Promise<string> {
    const r = await manager.insert(TestRound, round);
    return r.identifiers[0].id as string;
  }

  async updateRound(id: string, patch: Partial<TestRound>, manager: EntityManager): Promise<void> {
    await manager.update(TestRound, { id }, patch);
  }

  async hasAttempts(roundId: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM test_attempt WHERE round_id = $1 LIMIT 1`, [roundId]);
    return rows.length > 0;
  }

  async unitName(unitId: string): Promise<string | null> {
    const rows = await this.db.query(`SELECT name FROM org_unit WHERE id = $1`, [unitId]);
    return rows[0]?.name ?? null;
  }

  async unitPath(unitId: string): Promise<string | null> {
    const rows = await this.db.query(`SELECT path FROM org_unit WHERE id = $1`, [unitId]);
    return rows[0]?.path ?? null;
  }

  async topicNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.db.query(`SELECT id, name FROM topic WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Rounds whose window opened and that are still marked scheduled: to open and announce. */
  roundsToOpen(now: Date): Promise<TestRound[]> {
    return this.db.manager
      .getRepository(TestRound)
      .createQueryBuilder('r')
      .where(`r.status IN ('scheduled','open') AND r.opens_at <= :now AND r.closes_at > :now AND r.audience_notified_at IS NULL`, { now })
      .getMany();
  }

  /** Rounds whose window ended but not yet marked closed, or recurring ones without their next round. */
  roundsToClose(now: Date): Promise<TestRound[]> {
    return this.db.manager
      .getRepository(TestRound)
      .createQueryBuilder('r')
      .where(`r.status IN ('scheduled','open','closed') AND r.closes_at <= :now AND (r.status <> 'closed' OR (r.recurrence IS NOT NULL AND r.next_round_id IS NULL))`, { now })
      .getMany();
  }

  async audiencePersonIds(audience: RoundAudience, manager: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT p.id FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE ${AUDIENCE_SQL('p', 'u', '$1::jsonb')}`,
      [JSON.stringify(audience)],
    );
    return rows.map((r) => r.id);
  }

  async audienceCountInScope(audience: RoundAudience, scope: UnitScope, unitPath: string | null): Promise<number> {
    const params: unknown[] = [JSON.stringify(audience)];
    let sql = `SELECT count(*)::int AS n FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE ${AUDIENCE_SQL('p', 'u', '$1::jsonb')}`;
    sql += ` AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`;
    if (unitPath) {
      params.push(`${unitPath}%`);
      sql += ` AND u.path LIKE $${params.length}`;
    }
    const [{ n }] = await this.db.query(sql, params);
    return n;
  }

  // ---------- the bank ----------

  /** Published questions of these topics, at their current version. */
  async pool(topicIds: string[]): Promise<BankQuestion[]> {
    if (!topicIds.length) return [];
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT q.id AS question_id, v.id AS version_id, q.topic_id, q.difficulty, q.type, v.stem, v.options, v.correct, v.explanation,
              v.lesson_ids, v.document_ids
         FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version
        WHERE q.status = 'published' AND q.topic_id = ANY($1::uuid[])
        ORDER BY q.code`,
      [topicIds],
    );
    return rows.map(toBankQuestion);
  }

  // ---------- attempts ----------

  /** Eligibility, attempts used, the attempt in progress and the previous attempt's questions, in one round trip. */
  async attemptSummary(round: TestRound, personId: string): Promise<AttemptSummary> {
    const [row] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE p.id = $2 AND ${AUDIENCE_SQL('p', 'u', '$3::jsonb')}) AS eligible,
              (SELECT count(*)::int FROM test_attempt WHERE round_id = $1 AND person_id = $2) AS used,
              (SELECT id FROM test_attempt WHERE round_id = $1 AND person_id = $2 AND submitted_at IS NULL) AS open_id,
              (SELECT question_ids FROM test_attempt WHERE round_id = $1 AND person_id = $2 ORDER BY number DESC LIMIT 1) AS last_ids`,
      [round.id, personId, JSON.stringify(round.audience)],
    );
    return { eligible: row.eligible, attemptsUsed: row.used, openAttemptId: row.open_id ?? null, lastQuestionIds: row.last_ids ?? [] };
  }

  /** Inserts the attempt unless one is already in progress (a concurrent start); returns the new id or null. */
  async insertAttempt(a: Omit<TestAttempt, 'id' | 'submittedAt' | 'submittedBy' | 'score' | 'band' | 'passed' | 'graded'>): Promise<string | null> {
    const rows = await this.db.query(
      `INSERT INTO test_attempt (round_id, person_id, number, seed, started_at, deadline_at, question_ids, questions)
       VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8::jsonb)
       ON CONFLICT DO NOTHING RETURNING id`,
      [a.roundId, a.personId, a.number, a.seed, a.startedAt, a.deadlineAt, a.questionIds, JSON.stringify(a.questions)],
    );
    return rows[0]?.id ?? null;
  }

  /** Whose the attempt is and whether it is still open, without loading its frozen questions (~10 KB of jsonb). */
  async attemptHead(id: string): Promise<{ id: string; personId: string; submittedAt: Date | null; deadlineAt: Date } | null> {
    const rows: { id: string; person_id: string; submitted_at: Date | null; deadline_at: Date }[] = await this.db.query(
      `SELECT id, person_id, submitted_at, deadline_at FROM test_attempt WHERE id = $1`,
      [id],
    );
    return rows[0] ? { id: rows[0].id, personId: rows[0].person_id, submittedAt: rows[0].submitted_at, deadlineAt: rows[0].deadline_at } : null;
  }

  findAttempt(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<TestAttempt | null> {
    return manager.findOne(TestAttempt, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async answers(attemptId: string, manager: EntityManager = this.db.manager): Promise<{ questionId: string; choice: string[]; seq: number }[]> {
    const rows: { question_id: string; choice: string[]; seq: string }[] = await manager.query(
      `SELECT question_id, choice, seq FROM test_answer WHERE attempt_id = $1`,
      [attemptId],
    );
    return rows.map((r) => ({ questionId: r.question_id, choice: r.choice, seq: Number(r.seq) }));
  }

  /**
   * The hot path: one statement. Saves only into the caller's own attempt while it is open and the question is in
   * it, and overwrites only with a higher sequence number. Returns the stored seq, or null when nothing was written.
   */
  /**
   * The exam's hot path (one save per answer given): a named prepared statement on the driver's pool, so PostgreSQL
   * parses and plans it once per connection rather than on every save, and no query runner is built per call.
   */
  async saveAnswer(attemptId: string, personId: string, questionId: string, choice: string[], seq: number, now: Date): Promise<number | null> {
    const pool = (this.db.driver as PostgresDriver).master as { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: { seq: string }[] }> };
    const { rows } = await pool.query({ name: 'test_answer_save', text: SAVE_ANSWER_SQL, values: [attemptId, personId, questionId, choice, seq, now] });
    return rows.length ? Number(rows[0].seq) : null;
  }

  async storedSeq(attemptId: string, questionId: string): Promise<number | null> {
    const rows = await this.db.query(`SELECT seq FROM test_answer WHERE attempt_id = $1 AND question_id = $2`, [attemptId, questionId]);
    return rows.length ? Number(rows[0].seq) : null;
  }

  async markSubmitted(
    id: string,
    g: { submittedAt: Date; submittedBy: 'learner' | 'deadline'; score: number; band: string; passed: boolean; graded: GradedItem[] },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE test_attempt SET submitted_at = $2, submitted_by = $3, score = $4, band = $5, passed = $6, graded = $7::jsonb WHERE id = $1`,
      [id, g.submittedAt, g.submittedBy, g.score, g.band, g.passed, JSON.stringify(g.graded)],
    );
  }

  async submittedAttempts(roundId: string, personId: string, manager: EntityManager): Promise<{ id: string; score: number; submittedAt: Date; graded: GradedItem[] }[]> {
    const rows: { id: string; score: string; submitted_at: Date; graded: GradedItem[] }[] = await manager.query(
      `SELECT id, score, submitted_at, graded FROM test_attempt WHERE round_id = $1 AND person_id = $2 AND submitted_at IS NOT NULL`,
      [roundId, personId],
    );
    return rows.map((r) => ({ id: r.id, score: Number(r.score), submittedAt: r.submitted_at, graded: r.graded }));
  }

  async overdueAttemptIds(now: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM test_attempt WHERE submitted_at IS NULL AND deadline_at <= $1 ORDER BY deadline_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Queues a submitted attempt for the item counters (inside the submission's transaction; touches no shared row). */
  async queueItemStats(attemptId: string, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO test_item_stat_pending (attempt_id) VALUES ($1) ON CONFLICT DO NOTHING`, [attemptId]);
  }

  /**
   * Adds up to `limit` queued attempts to their rounds' item counters in one statement, and returns how many. Queued
   * rows another folder holds are skipped (SKIP LOCKED), so several folders (API instances) never count one twice.
   */
  async foldItemStats(limit: number): Promise<number> {
    const rows: { n: number }[] = await this.db.query(
      `WITH batch AS (
         DELETE FROM test_item_stat_pending WHERE attempt_id IN (
           SELECT attempt_id FROM test_item_stat_pending ORDER BY queued_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING attempt_id),
       items AS (
         SELECT a.round_id, (e->>'questionId')::uuid AS qid, (e->>'credit')::int AS credit, a.score::float8 AS total, e->'chosen' AS chosen
           FROM batch b JOIN test_attempt a ON a.id = b.attempt_id CROSS JOIN LATERAL jsonb_array_elements(a.graded) e),
       per_q AS (
         SELECT round_id, qid, count(*)::int AS n, sum(credit)::int AS c, sum(total) AS st, sum(total * total) AS sst, sum(credit * total) AS stc
           FROM items GROUP BY round_id, qid),
       opts AS (
         SELECT round_id, qid, jsonb_object_agg(opt, n) AS oc
           FROM (SELECT round_id, qid, o AS opt, count(*)::int AS n FROM items CROSS JOIN LATERAL jsonb_array_elements_text(chosen) o GROUP BY 1, 2, 3) x
          GROUP BY round_id, qid),
       counted AS (
         INSERT INTO test_item_stat AS s (round_id, question_id, attempts, correct, option_counts, sum_total, sum_total_sq, sum_total_correct)
         SELECT p.round_id, p.qid, p.n, p.c, coalesce(o.oc, '{}'::jsonb), p.st, p.sst, p.stc
           FROM per_q p LEFT JOIN opts o ON o.round_id = p.round_id AND o.qid = p.qid
          ORDER BY p.round_id, p.qid
         ON CONFLICT (round_id, question_id) DO UPDATE SET
           attempts = s.attempts + excluded.attempts,
           correct = s.correct + excluded.correct,
           option_counts = coalesce((SELECT jsonb_object_agg(k, coalesce((s.option_counts->>k)::int, 0) + coalesce((excluded.option_counts->>k)::int, 0))
                                       FROM (SELECT jsonb_object_keys(s.option_counts) UNION SELECT jsonb_object_keys(excluded.option_counts)) AS keys(k)), '{}'),
           sum_total = s.sum_total + excluded.sum_total,
           sum_total_sq = s.sum_total_sq + excluded.sum_total_sq,
           sum_total_correct = s.sum_total_correct + excluded.sum_total_correct
         RETURNING 1)
       SELECT (SELECT count(*) FROM batch)::int AS n`,
      [limit],
    );
    return rows[0]?.n ?? 0;
  }

  // ---------- results ----------

  async upsertResult(
    r: { roundId: string; personId: string; attemptId: string; score: number; band: string; passed: boolean; attemptsUsed: number; finishedAt: Date },
    topics: { topicId: string; correct: number; total: number; score: number }[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO test_result (round_id, person_id, attempt_id, score, band, passed, attempts_used, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (round_id, person_id) DO UPDATE SET attempt_id = excluded.attempt_id, score = excluded.score, band = excluded.band,
         passed = excluded.passed, attempts_used = excluded.attempts_used, finished_at = excluded.finished_at`,
      [r.roundId, r.personId, r.attemptId, r.score, r.band, r.passed, r.attemptsUsed, r.finishedAt],
    );
    await manager.query(`DELETE FROM test_result_topic WHERE round_id = $1 AND person_id = $2`, [r.roundId, r.personId]);
    await manager.query(
      `INSERT INTO test_result_topic (round_id, person_id, topic_id, correct, total, score)
       SELECT $1, $2, * FROM unnest($3::uuid[], $4::numeric[], $5::int[], $6::numeric[])`,
      [r.roundId, r.personId, topics.map((t) => t.topicId), topics.map((t) => t.correct), topics.map((t) => t.total), topics.map((t) => t.score)],
    );
  }

  async resultOf(roundId: string, personId: string): Promise<ResultRow | null> {
    const rows = await this.resultRows(`r.round_id = $1 AND r.person_id = $2`, [roundId, personId]);
    return rows[0] ?? null;
  }

  /** Results of a round for people in the scope (and below a unit when given), lowest scores first. */
  resultsInScope(roundId: string, scope: UnitScope, unitPath: string | null, lowOnlyBelow: number | null): Promise<ResultRow[]> {
    const params: unknown[] = [roundId];
    let where = `r.round_id = $1 AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`;
    if (unitPath) {
      params.push(`${unitPath}%`);
      where += ` AND u.path LIKE $${params.length}`;
    }
    if (lowOnlyBelow !== null) {
      params.push(lowOnlyBelow);
      where += ` AND (NOT r.passed OR EXISTS (SELECT 1 FROM test_result_topic t WHERE t.round_id = r.round_id AND t.person_id = r.person_id AND t.score < $${params.length}))`;
    }
    return this.resultRows(where, params);
  }

  private async resultRows(where: string, params: unknown[]): Promise<ResultRow[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT r.person_id, p.staff_code, p.full_name, u.id AS unit_id, u.name AS unit_name, r.score, r.band, r.passed, r.attempts_used,
              r.finished_at, r.attempt_id
         FROM test_result r JOIN person p ON p.id = r.person_id JOIN org_unit u ON u.id = p.unit_id
        WHERE ${where}
        ORDER BY r.score ASC, p.full_name ASC
        LIMIT 5000`,
      params,
    );
    return rows.map((r) => ({
      personId: r.person_id as string,
      staffCode: r.staff_code as string,
      fullName: r.full_name as string,
      unitId: r.unit_id as string,
      unitName: r.unit_name as string,
      score: Number(r.score),
      band: r.band as string,
      passed: r.passed as boolean,
      attemptsUsed: r.attempts_used as number,
      finishedAt: r.finished_at as Date,
      attemptId: (r.attempt_id as string) ?? null,
    }));
  }

  async topicScores(roundId: string, personIds: string[]): Promise<Map<string, { topicId: string; correct: number; total: number; score: number }[]>> {
    const out = new Map<string, { topicId: string; correct: number; total: number; score: number }[]>();
    if (!personIds.length) return out;
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT t.person_id, t.topic_id, t.correct, t.total, t.score FROM test_result_topic t
         JOIN topic tp ON tp.id = t.topic_id
        WHERE t.round_id = $1 AND t.person_id = ANY($2::uuid[]) ORDER BY tp.sort_order, tp.name`,
      [roundId, personIds],
    );
    for (const r of rows) {
      const list = out.get(r.person_id as string) ?? [];
      list.push({ topicId: r.topic_id as string, correct: Number(r.correct), total: r.total as number, score: Number(r.score) });
      out.set(r.person_id as string, list);
    }
    return out;
  }

  async attemptsByIds(ids: string[]): Promise<TestAttempt[]> {
    if (!ids.length) return [];
    return this.db.manager.getRepository(TestAttempt).createQueryBuilder('a').where('a.id IN (:...ids)', { ids }).getMany();
  }

  /** Lesson and library document titles when those tables exist (other domains build them); ids alone otherwise. */
  async studyTitles(lessonIds: string[], documentIds: string[]): Promise<{ lessons: Map<string, string>; documents: Map<string, string> }> {
    const lookup = async (table: string, ids: string[]) => {
      if (!ids.length) return new Map<string, string>();
      try {
        const [{ t }] = await this.db.query(`SELECT to_regclass($1) IS NOT NULL AS t`, [table]);
        if (!t) return new Map<string, string>();
        const rows: { id: string; title: string }[] = await this.db.query(`SELECT id::text AS id, title::text AS title FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
        return new Map(rows.map((r) => [r.id, r.title]));
      } catch {
        return new Map<string, string>();
      }
    };
    return { lessons: await lookup('lesson', lessonIds), documents: await lookup('library_document', documentIds) };
  }

  // ---------- item analysis ----------

  async itemStats(roundId: string): Promise<Record<string, unknown>[]> {
    // Counters were just folded on the primary: the standby answers only once it has replayed that far.
    await this.reads.needPrimaryState();
    return this.reads.query(
      `SELECT s.question_id, q.code, q.topic_id, q.difficulty, s.attempts, s.correct, s.option_counts, s.sum_total, s.sum_total_sq, s.sum_total_correct
         FROM test_item_stat s JOIN question q ON q.id = s.question_id
        WHERE s.round_id = $1 ORDER BY q.code`,
      [roundId],
    );
  }

  /**
   * p(upper 27%) − p(lower 27%) per question, among the round's submitted attempts that were given the question
   * (each person draws their own questions), ranked by total score.
   */
  async discrimination(roundId: string): Promise<Map<string, number>> {
    const rows: { qid: string; d: string | null }[] = await this.reads.query(
      `WITH items AS (
         SELECT e->>'questionId' AS qid, (e->>'credit')::numeric AS credit, a.score, a.submitted_at, a.id
           FROM test_attempt a CROSS JOIN LATERAL jsonb_array_elements(a.graded) e
          WHERE a.round_id = $1 AND a.submitted_at IS NOT NULL),
       ranked AS (
         SELECT qid, credit, row_number() OVER (PARTITION BY qid ORDER BY score DESC, submitted_at, id) AS rn, count(*) OVER (PARTITION BY qid) AS n
           FROM items),
       grouped AS (
         SELECT qid, credit, CASE WHEN rn <= greatest(1, round(n * 0.27)) THEN 1 WHEN rn > n - greatest(1, round(n * 0.27)) THEN -1 END AS grp
           FROM ranked WHERE n >= 2)
       SELECT qid, avg(credit) FILTER (WHERE grp = 1) - avg(credit) FILTER (WHERE grp = -1) AS d
         FROM grouped WHERE grp IS NOT NULL GROUP BY qid`,
      [roundId],
    );
    return new Map(rows.filter((r) => r.d !== null).map((r) => [r.qid, Number(r.d)]));
  }

  async questionStems(versionIds: string[]): Promise<Map<string, { stem: string; options: { id: string; text: string }[]; correct: string[] }>> {
    if (!versionIds.length) return new Map();
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT v.question_id, v.stem, v.options, v.correct FROM question_version v
         JOIN question q ON q.id = v.question_id AND v.version = q.current_version WHERE v.question_id = ANY($1::uuid[])`,
      [versionIds],
    );
    return new Map(rows.map((r) => [r.question_id as string, { stem: r.stem as string, options: r.options as { id: string; text: string }[], correct: r.correct as string[] }]));
  }

}
