import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { foldVietnamese, type LowScorerSort } from '@cchc/shared';
import { scopeSql, UnitScope } from '@api/common/access';
import type { StudyCandidate } from '@cchc/shared';
import { Coalescer, preparedQuery, viNameOrder, viOrder } from '@api/common/database';
import { AUDIENCE_DOCUMENT_SQL, AUDIENCE_SQL } from './test-rounds.repository';

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

export interface StudyLabels {
  topics: Map<string, string>;
  lessons: Map<string, string>;
  documents: Map<string, string>;
}

/** Most rows of one low-scorer export. */
export const LOW_SCORERS_MAX = 20_000;

const LOW_SCORER_ORDER: Record<LowScorerSort, string> = {
  score: `r.score ASC, ${viNameOrder('p.full_name')}`,
  fullName: viNameOrder('p.full_name'),
  unit: `${viOrder('u.name')}, ${viNameOrder('p.full_name')}`,
  date: `r.finished_at DESC, ${viNameOrder('p.full_name')}`,
};

/** A person's counted result of a round (test_result, test_result_topic: the contract coverage reads). */
@Injectable()
export class ResultsRepository {
  constructor(private readonly db: DataSource) {}

  /** One person's counted result of a round, if the scope reaches them (their own scope, or a manager's). */
  async resultOf(scope: UnitScope, roundId: string, personId: string): Promise<ResultRow | null> {
    const params: unknown[] = [roundId, personId];
    const rows = await this.resultRows(`r.round_id = $1 AND r.person_id = $2 AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`, params);
    return rows[0] ?? null;
  }

  /** Results of a round for people in the scope (the caller's, or one unit's subtree within it), lowest scores first. */
  resultsInScope(scope: UnitScope, roundId: string, lowOnlyBelow: number | null): Promise<ResultRow[]> {
    const params: unknown[] = [roundId];
    let where = `r.round_id = $1 AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`;
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
        ORDER BY r.score ASC, ${viNameOrder('p.full_name')}
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

  /**
   * A round's low scorers in the scope (failed, or a topic below `below`): a page of them (limit null: every one, up to
   * a cap) and how many there are. Name or staff code search, with or without diacritics.
   */
  async lowScorers(
    scope: UnitScope,
    roundId: string,
    below: number,
    f: { q?: string; sort?: LowScorerSort },
    limit: number | null,
    offset: number,
  ): Promise<{ rows: (ResultRow & { position: string | null })[]; total: number }> {
    const params: unknown[] = [roundId, below];
    const parts = [
      `r.round_id = $1`,
      `(NOT r.passed OR EXISTS (SELECT 1 FROM test_result_topic t WHERE t.round_id = r.round_id AND t.person_id = r.person_id AND t.score < $2))`,
      scopeSql(scope, { path: 'u.path', person: 'p.id' }, params),
    ];
    if (f.q) {
      params.push(`%${foldVietnamese(f.q).replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
      parts.push(`p.search_text LIKE $${params.length}`);
    }
    const from = `FROM test_result r JOIN person p ON p.id = r.person_id JOIN org_unit u ON u.id = p.unit_id WHERE ${parts.join(' AND ')}`;
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n ${from}`, params);
    const order = LOW_SCORER_ORDER[f.sort ?? 'score'];
    params.push(limit ?? LOW_SCORERS_MAX, offset);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT r.person_id, p.staff_code, p.full_name, p.position, u.id AS unit_id, u.name AS unit_name, r.score, r.band, r.passed, r.attempts_used,
              r.finished_at, r.attempt_id
         ${from}
        ORDER BY ${order}, p.staff_code, r.person_id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      total: n,
      rows: rows.map((r) => ({
        personId: r.person_id as string,
        staffCode: r.staff_code as string,
        fullName: r.full_name as string,
        position: (r.position as string) ?? null,
        unitId: r.unit_id as string,
        unitName: r.unit_name as string,
        score: Number(r.score),
        band: r.band as string,
        passed: r.passed as boolean,
        attemptsUsed: r.attempts_used as number,
        finishedAt: r.finished_at as Date,
        attemptId: (r.attempt_id as string) ?? null,
      })),
    };
  }

  /** Stored per-topic scores of these people in a round, for those the scope reaches. */
  async topicScores(scope: UnitScope, roundId: string, personIds: string[]): Promise<Map<string, { topicId: string; correct: number; total: number; score: number }[]>> {
    const out = new Map<string, { topicId: string; correct: number; total: number; score: number }[]>();
    if (!personIds.length) return out;
    const params: unknown[] = [roundId, personIds];
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT t.person_id, t.topic_id, t.correct, t.total, t.score FROM test_result_topic t
         JOIN topic tp ON tp.id = t.topic_id JOIN person p ON p.id = t.person_id JOIN org_unit u ON u.id = p.unit_id
        WHERE t.round_id = $1 AND t.person_id = ANY($2::uuid[]) AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}
        ORDER BY tp.sort_order, ${viOrder('tp.name')}`,
      params,
    );
    for (const r of rows) {
      const list = out.get(r.person_id as string) ?? [];
      list.push({ topicId: r.topic_id as string, correct: Number(r.correct), total: r.total as number, score: Number(r.score) });
      out.set(r.person_id as string, list);
    }
    return out;
  }


  /** Names of topics and titles of the lessons and library documents a result page shows, in one round trip. */
  async labels(topicIds: string[], lessonIds: string[], documentIds: string[]): Promise<StudyLabels> {
    if (!topicIds.length && !lessonIds.length && !documentIds.length) return { topics: new Map(), lessons: new Map(), documents: new Map() };
    const rows: { kind: 'topic' | 'lesson' | 'document'; id: string; title: string }[] = await this.db.query(
      `SELECT 'topic' AS kind, id, name AS title FROM topic WHERE id = ANY($1::uuid[])
       UNION ALL SELECT 'lesson', id, title FROM lesson WHERE id = ANY($2::uuid[])
       UNION ALL SELECT 'document', id, title FROM library_document WHERE id = ANY($3::uuid[])`,
      [[...new Set(topicIds)], [...new Set(lessonIds)], [...new Set(documentIds)]],
    );
    const of = (kind: string) => new Map(rows.filter((r) => r.kind === kind).map((r) => [r.id, r.title]));
    return { topics: of('topic'), lessons: of('lesson'), documents: of('document') };
  }

  /**
   * What a weak topic without a linked lesson can lead to: published courses and in-force library documents of the
   * topic or its sub-topics (depth 0), else of the nearest topic above it (depth 1, 2…), nearest first, by title.
   */
  studyCandidates(topicIds: string[]): Promise<StudyCandidate[]> {
    if (!topicIds.length) return Promise.resolve([]);
    return this.studyBatches.call(topicIds);
  }

  /**
   * Submissions arriving together share one read (planning this recursive statement costs PostgreSQL several times
   * more than running it): each gets the rows of its own weak topics, in the same order as alone.
   */
  private readonly studyBatches = new Coalescer<string[], StudyCandidate[]>(
    async (lists) => {
      const rows = await this.studyCandidatesOf([...new Set(lists.flat())]);
      return lists.map((topics) => rows.filter((r) => topics.includes(r.weakTopicId)));
    },
    { maxBatch: 100, maxInFlight: 2 },
  );

  private studyCandidatesOf(topicIds: string[]): Promise<StudyCandidate[]> {
    // Prepared: planning this recursive statement cost PostgreSQL several times more than running it, once per submission.
    return preparedQuery<StudyCandidate>(
      this.db,
      `WITH RECURSIVE up AS (
         SELECT t.id AS weak, t.id AS anc, 0 AS depth FROM topic t WHERE t.id = ANY($1::uuid[])
         UNION ALL SELECT up.weak, p.parent_id, up.depth + 1 FROM up JOIN topic p ON p.id = up.anc WHERE p.parent_id IS NOT NULL AND up.depth < 10
       ), down AS (
         SELECT id AS anc, id AS topic, 0 AS depth FROM topic
         UNION ALL SELECT down.anc, c.id, down.depth + 1 FROM down JOIN topic c ON c.parent_id = down.topic WHERE down.depth < 10
       ), found AS (
         SELECT DISTINCT ON (up.weak, x.kind, x.id) up.weak AS "weakTopicId", x.kind, up.depth, x.id, x.title
           FROM up JOIN down ON down.anc = up.anc
           JOIN LATERAL (
             SELECT 'course' AS kind, c.id, c.title FROM course_topic ct JOIN course c ON c.id = ct.course_id AND c.status = 'published' WHERE ct.topic_id = down.topic
             UNION ALL
             SELECT 'document', d.id, d.title FROM library_document d WHERE d.topic_id = down.topic AND d.status = 'in_force'
           ) x ON true
          ORDER BY up.weak, x.kind, x.id, up.depth
       )
       SELECT * FROM found ORDER BY depth, ${viOrder('title')}, id`,
      [[...new Set(topicIds)]],
    );
  }

  /**
   * For the learner's list, every non-draft round in one statement: whether they are in its audience, attempts used,
   * the attempt in progress, and their counted result (nothing for a person outside the scope).
   */
  async myRounds(scope: UnitScope, personId: string): Promise<
    { roundId: string; eligible: boolean; used: number; openAttemptId: string | null; result: { score: number; band: string; passed: boolean; attemptsUsed: number } | null }[]
  > {
    const params: unknown[] = [personId];
    const rows: Record<string, unknown>[] = await this.db.query(
      `WITH me AS (SELECT p.id, p.status, p.category, p.does_cchc_work, p.is_leader, u.path FROM person p JOIN org_unit u ON u.id = p.unit_id
                    WHERE p.id = $1 AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)})
       SELECT r.id AS round_id, (${AUDIENCE_SQL('me', 'me', AUDIENCE_DOCUMENT_SQL('r'))}) AS eligible,
              (SELECT count(*)::int FROM test_attempt a WHERE a.round_id = r.id AND a.person_id = me.id) AS used,
              (SELECT a.id FROM test_attempt a WHERE a.round_id = r.id AND a.person_id = me.id AND a.submitted_at IS NULL) AS open_id,
              tr.score, tr.band, tr.passed, tr.attempts_used
         FROM me CROSS JOIN test_round r LEFT JOIN test_result tr ON tr.round_id = r.id AND tr.person_id = me.id
        WHERE r.status <> 'draft'`,
      params,
    );
    return rows.map((r) => ({
      roundId: r.round_id as string,
      eligible: r.eligible as boolean,
      used: r.used as number,
      openAttemptId: (r.open_id as string) ?? null,
      result: r.score === null ? null : { score: Number(r.score), band: r.band as string, passed: r.passed as boolean, attemptsUsed: r.attempts_used as number },
    }));
  }
}
