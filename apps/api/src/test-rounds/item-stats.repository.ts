import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QuestionFormat, visibleText } from '@cchc/shared';
import { scopeSql, UnitScope } from '@api/common/access';
import { ReadReplica } from '@api/read-replica';

/**
 * Item statistics of a round: the per-question counters (fed by a queue that submissions fill and ItemStatsFolder
 * drains), the discrimination index computed from the submitted attempts, and the question texts they describe.
 */
@Injectable()
export class ItemStatsRepository {
  constructor(
    private readonly db: DataSource,
    /** The analysis reads the standby when there is one (DATABASE_READ_URL). */
    private readonly reads: ReadReplica,
  ) {}

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
       att AS (
         SELECT a.id, a.round_id, a.score::float8 AS total, a.graded, a.credits, a.question_ids FROM batch b JOIN test_attempt a ON a.id = b.attempt_id),
       items AS (
         SELECT att.round_id, (e->>'questionId')::uuid AS qid, (e->>'credit')::int AS credit, att.total
           FROM att CROSS JOIN LATERAL jsonb_array_elements(att.graded) e
         UNION ALL
         -- Attempts that keep their credits (see test_attempt_graded).
         SELECT att.round_id, x.qid, get_bit(att.credits, x.n::int - 1), att.total
           FROM att CROSS JOIN LATERAL unnest(att.question_ids) WITH ORDINALITY AS x(qid, n)
          WHERE att.graded IS NULL AND att.credits IS NOT NULL),
       chosen AS (
         SELECT att.round_id, (e->>'questionId')::uuid AS qid, o AS opt
           FROM att CROSS JOIN LATERAL jsonb_array_elements(att.graded) e CROSS JOIN LATERAL jsonb_array_elements_text(e->'chosen') o
         UNION ALL
         -- Their choices are their answers (no save reaches a submitted attempt): one range of the answers' key per attempt.
         SELECT att.round_id, t.question_id, o
           FROM att JOIN test_answer t ON t.attempt_id = att.id CROSS JOIN LATERAL unnest(t.choice) o
          WHERE att.graded IS NULL AND att.credits IS NOT NULL),
       per_q AS (
         SELECT round_id, qid, count(*)::int AS n, sum(credit)::int AS c, sum(total) AS st, sum(total * total) AS sst, sum(credit * total) AS stc
           FROM items GROUP BY round_id, qid),
       opts AS (
         SELECT round_id, qid, jsonb_object_agg(opt, n) AS oc
           FROM (SELECT round_id, qid, opt, count(*)::int AS n FROM chosen GROUP BY 1, 2, 3) x
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

  /**
   * The round's per-question counters, when the round reached the scope (someone in it submitted an attempt). The
   * counters are the round's own, over every taker: a question's facility does not change with who reads it.
   */
  async itemStats(scope: UnitScope, roundId: string): Promise<Record<string, unknown>[]> {
    // Counters were just folded on the primary: the standby answers only once it has replayed that far.
    await this.reads.needPrimaryState();
    const params: unknown[] = [roundId];
    return this.reads.query(
      `SELECT s.question_id, q.code, q.topic_id, q.difficulty, s.attempts, s.correct, s.option_counts, s.sum_total, s.sum_total_sq, s.sum_total_correct
         FROM test_item_stat s JOIN question q ON q.id = s.question_id
        WHERE s.round_id = $1
          AND EXISTS (SELECT 1 FROM test_attempt a JOIN person p ON p.id = a.person_id JOIN org_unit u ON u.id = p.unit_id
                       WHERE a.round_id = $1 AND a.submitted_at IS NOT NULL AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)})
        ORDER BY q.code`,
      params,
    );
  }

  /**
   * p(upper 27%) − p(lower 27%) per question, among the round's submitted attempts that were given the question
   * (each person draws their own questions), ranked by total score.
   */
  async discrimination(scope: UnitScope, roundId: string): Promise<Map<string, number>> {
    const params: unknown[] = [roundId];
    const rows: { qid: string; d: string | null }[] = await this.reads.query(
      `WITH items AS (
         SELECT e.qid, e.credit, a.score, a.submitted_at, a.id
           FROM test_attempt a JOIN person p ON p.id = a.person_id JOIN org_unit u ON u.id = p.unit_id
                CROSS JOIN LATERAL (
                  SELECT g->>'questionId' AS qid, (g->>'credit')::numeric AS credit FROM jsonb_array_elements(a.graded) g
                  UNION ALL -- an attempt that keeps its credits (see test_attempt_graded)
                  SELECT x.qid::text, get_bit(a.credits, x.n::int - 1)::numeric
                    FROM unnest(a.question_ids) WITH ORDINALITY AS x(qid, n) WHERE a.graded IS NULL AND a.credits IS NOT NULL) e
          WHERE a.round_id = $1 AND a.submitted_at IS NOT NULL AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}),
       ranked AS (
         SELECT qid, credit, row_number() OVER (PARTITION BY qid ORDER BY score DESC, submitted_at, id) AS rn, count(*) OVER (PARTITION BY qid) AS n
           FROM items),
       grouped AS (
         SELECT qid, credit, CASE WHEN rn <= greatest(1, round(n * 0.27)) THEN 1 WHEN rn > n - greatest(1, round(n * 0.27)) THEN -1 END AS grp
           FROM ranked WHERE n >= 2)
       SELECT qid, avg(credit) FILTER (WHERE grp = 1) - avg(credit) FILTER (WHERE grp = -1) AS d
         FROM grouped WHERE grp IS NOT NULL GROUP BY qid`,
      params,
    );
    return new Map(rows.filter((r) => r.d !== null).map((r) => [r.qid, Number(r.d)]));
  }

  /** The current version's stem and options of each question, as text (an HTML question read as a reader sees it). */
  async questionStems(versionIds: string[]): Promise<Map<string, { stem: string; options: { id: string; text: string }[]; correct: string[] }>> {
    if (!versionIds.length) return new Map();
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT v.question_id, v.format, v.stem, v.options, v.correct FROM question_version v
         JOIN question q ON q.id = v.question_id AND v.version = q.current_version WHERE v.question_id = ANY($1::uuid[])`,
      [versionIds],
    );
    return new Map(
      rows.map((r) => {
        const text = (s: string) => visibleText(r.format as QuestionFormat, s);
        const options = (r.options as { id: string; text: string }[]).map((o) => ({ id: o.id, text: text(o.text) }));
        return [r.question_id as string, { stem: text(r.stem as string), options, correct: r.correct as string[] }];
      }),
    );
  }
}
