import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { scopePersonSql, scopeSql, UnitScope } from '@api/common/access';
import { Coalescer, preparedQuery, viOrder } from '@api/common/database';
import { FrozenQuestion, GradedItem, TestAttempt, TestRound } from './test-round.entity';
import { AUDIENCE_SQL, audienceDocument } from './test-rounds.repository';

export interface AttemptSummary {
  eligible: boolean;
  /** The person works in the round's province (always, for a national round): another province's round is unknown to them. */
  inProvince: boolean;
  attemptsUsed: number;
  openAttemptId: string | null;
  lastQuestionIds: string[];
}

/**
 * Stores answers (one per attempt and question: see `SAVE_BATCH`), each only if its attempt is the person's, still
 * open at the save's time, and holds the question with every option chosen (the question's option ids sit beside its
 * id in `option_sets`); a lower `seq` never wins. Arrays, one element per save: $1 attempt, $2 person, $3 question,
 * $4 choice (an array literal), $5 seq, $6 saved at. Answers the rows written.
 */
const SAVE_ANSWERS_SQL = `INSERT INTO test_answer AS t (attempt_id, question_id, choice, seq, saved_at)
  SELECT a.id, x.question_id, x.choice::text[], x.seq, x.at
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::bigint[], $6::timestamptz[]) WITH ORDINALITY AS x(attempt_id, person_id, question_id, choice, seq, at, n)
    JOIN test_attempt a ON a.id = x.attempt_id
   WHERE a.person_id = x.person_id AND a.submitted_at IS NULL AND a.deadline_at > x.at
     AND x.choice::text[] <@ string_to_array(a.option_sets[array_position(a.question_ids, x.question_id)], ',')
   ORDER BY x.n
  ON CONFLICT (attempt_id, question_id) DO UPDATE SET choice = excluded.choice, seq = excluded.seq, saved_at = excluded.saved_at
   WHERE excluded.seq > t.seq
  RETURNING attempt_id, question_id, seq`;

/** One answer to store (see `saveAnswer`). */
interface AnswerSave {
  attemptId: string;
  personId: string;
  questionId: string;
  choice: string[];
  seq: number;
  now: Date;
}

/**
 * Saves arriving together go in one statement (one commit and WAL flush for all), at most this many per statement and
 * this many statements at once. Two saves of the same question never share a statement (ON CONFLICT DO UPDATE cannot
 * write a row twice) nor run at the same time: the later one goes after, as it would alone.
 */
const SAVE_BATCH = { maxBatch: 200, maxInFlight: 4, key: (s: AnswerSave) => `${s.attemptId}/${s.questionId}` };

/** Orders the saves of a statement by row, so two statements running at once lock their rows in the same order. */
const byRow = (a: AnswerSave, b: AnswerSave) => (a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0);

/** Everything a submission reads of its attempts, in one statement (see `submissionInput`); several attempts at once. */
const GRADING_FIELDS = (q: string) =>
  `jsonb_build_object('questionId', ${q}->'questionId', 'topicId', ${q}->'topicId', 'correct', ${q}->'correct', 'lessonIds', ${q}->'lessonIds', 'documentIds', ${q}->'documentIds')`;
const SUBMISSION_INPUTS_SQL = `SELECT a.id, a.person_id, a.round_id, a.number, a.deadline_at, a.submitted_at, a.snapshot_ids,
       (SELECT jsonb_agg(${GRADING_FIELDS('q')} ORDER BY n) FROM jsonb_array_elements(a.questions) WITH ORDINALITY AS x(q, n)) AS questions,
       s.answers, coalesce(s.fingerprint, 0) AS fingerprint,
       EXISTS (SELECT 1 FROM course c WHERE c.status = 'published' AND c.completion_rule->>'kind' = 'final_quiz'
                  AND c.completion_rule->>'testRoundId' = a.round_id::text) AS completes_courses
  FROM test_attempt a
  CROSS JOIN LATERAL (SELECT jsonb_agg(jsonb_build_array(t.question_id, t.choice)) AS answers, sum(t.seq)::float8 AS fingerprint
                        FROM test_answer t WHERE t.attempt_id = a.id) s
 WHERE a.id = ANY($1::uuid[])`;

/**
 * The start's checks as a CTE `s` (eligible, in_province, used, open_id, last_ids): $1 round, $2 person, $3 the round's
 * audience document, $4 its province; the scope's parameters are appended to `params`.
 */
function summarySql(scope: UnitScope, params: unknown[]): string {
  return `WITH me AS (SELECT $2::uuid AS id WHERE ${scopePersonSql(scope, '$2::uuid', params)}),
       s AS (SELECT EXISTS (SELECT 1 FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE p.id = (SELECT id FROM me) AND ${AUDIENCE_SQL('p', 'u', '$3::jsonb')}) AS eligible,
                    (SELECT $4::uuid IS NULL OR p.province_id = $4::uuid FROM person p WHERE p.id = (SELECT id FROM me)) AS in_province,
                    (SELECT count(*)::int FROM test_attempt WHERE round_id = $1 AND person_id = (SELECT id FROM me)) AS used,
                    (SELECT id FROM test_attempt WHERE round_id = $1 AND person_id = (SELECT id FROM me) AND submitted_at IS NULL) AS open_id,
                    (SELECT question_ids FROM test_attempt WHERE round_id = $1 AND person_id = (SELECT id FROM me) ORDER BY number DESC LIMIT 1) AS last_ids)`;
}

/**
 * A PostgreSQL array literal of strings, every element quoted: built in one pass where the driver would escape each
 * element on its own (80 ids and 40 option orders per start, for a whole province at the same minute). Ids and option
 * orders hold no quote or backslash, so the escaping pass runs only when the text has one.
 */
export function arrayLiteral(values: readonly string[]): string {
  if (!values.length) return '{}';
  if (!/["\\]/.test(values.join(''))) return `{"${values.join('","')}"}`;
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * `startFirstAttempt` for several callers in one statement (a burst of a province's starts). Rounds: $1 id, $2 audience
 * document, $3 province; one element per start: $4 its round's position in $1, $5 person, $6 the person its caller's
 * scope allows (its own: see startFirstAttempt; NULL for none), $7 seed, $8 started at, $9 deadline, $10 where its
 * questions begin in $12–$14 and $11 how many it has; the drawn attempts one after another: $12 question ids, $13
 * snapshot ids, $14 option sets (flat arrays: one array of arrays would be escaped twice). Each start gets the checks of
 * `summarySql` against the database as it was before the statement, and its attempt is inserted only when the person
 * is eligible, in the round's province and has no attempt yet; a person twice in one burst (two tabs) is inserted once,
 * for the first of them, the other going on from its summary as a concurrent start does. Inserted in person order, so
 * two bursts holding the same people never wait on each other in a cycle.
 */
const START_FIRST_ATTEMPTS_SQL = `WITH r AS (SELECT * FROM unnest($1::uuid[], $2::jsonb[], $3::uuid[]) WITH ORDINALITY AS r(id, audience, province_id, n)),
       x AS (SELECT x.*, row_number() OVER (PARTITION BY x.rn, x.person_id ORDER BY x.ord) = 1 AS first
               FROM unnest($4::int[], $5::uuid[], $6::uuid[], $7::int[], $8::timestamptz[], $9::timestamptz[], $10::int[], $11::int[])
                    WITH ORDINALITY AS x(rn, person_id, scope_person_id, seed, started_at, deadline_at, lo, n, ord)),
       s AS (SELECT x.ord, x.first, r.id AS round_id, me.id AS person_id,
                    EXISTS (SELECT 1 FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE p.id = me.id AND ${AUDIENCE_SQL('p', 'u', 'r.audience')}) AS eligible,
                    (SELECT r.province_id IS NULL OR p.province_id = r.province_id FROM person p WHERE p.id = me.id) AS in_province,
                    (SELECT count(*)::int FROM test_attempt t WHERE t.round_id = r.id AND t.person_id = me.id) AS used,
                    (SELECT t.id FROM test_attempt t WHERE t.round_id = r.id AND t.person_id = me.id AND t.submitted_at IS NULL) AS open_id,
                    (SELECT t.question_ids FROM test_attempt t WHERE t.round_id = r.id AND t.person_id = me.id ORDER BY t.number DESC LIMIT 1) AS last_ids
               FROM x JOIN r ON r.n = x.rn
               -- The caller's scope, per start: its own person only (scopePersonSql's condition for a person scope).
               LEFT JOIN LATERAL (SELECT x.person_id AS id WHERE x.person_id = x.scope_person_id) me ON TRUE),
       ins AS (INSERT INTO test_attempt (round_id, person_id, number, seed, started_at, deadline_at, question_ids, snapshot_ids, option_sets)
               SELECT s.round_id, s.person_id, 1, x.seed, x.started_at, x.deadline_at,
                      ($12::uuid[])[x.lo:x.lo + x.n - 1], ($13::uuid[])[x.lo:x.lo + x.n - 1], ($14::text[])[x.lo:x.lo + x.n - 1]
                 FROM s JOIN x ON x.ord = s.ord
                WHERE s.first AND s.eligible AND s.in_province AND s.used = 0
                ORDER BY s.round_id, s.person_id
               ON CONFLICT DO NOTHING RETURNING id, round_id, person_id)
  SELECT s.eligible, s.in_province, s.used, s.open_id, s.last_ids, ins.id AS inserted_id
    FROM s LEFT JOIN ins ON s.first AND ins.round_id = s.round_id AND ins.person_id = s.person_id
   ORDER BY s.ord`;

/** First starts of a burst sent together (see Coalescer): at most this many per statement, this many statements at once. */
const START_BATCH = { maxBatch: 100, maxInFlight: 2 };

/** A drawn first attempt, before it is stored. */
export type FirstAttempt = Pick<TestAttempt, 'personId' | 'seed' | 'startedAt' | 'deadlineAt' | 'questionIds' | 'questions'> & { snapshotIds: string[] };

/** What `startFirstAttempt` answers: the checks it made, and the attempt's id when it stored one. */
export interface FirstStartOutcome {
  summary: AttemptSummary;
  insertedId: string | null;
}

/** One caller's first start in a burst: the person its scope allows (null for none), the round, the drawn attempt. */
interface FirstStart {
  scopePersonId: string | null;
  round: TestRound;
  attempt: FirstAttempt;
}

/** The attempt's `option_sets`: each question's option ids in the drawn order, comma-separated. */
function optionSets(questions: readonly Pick<FrozenQuestion, 'options'>[]): string[] {
  return questions.map((q) => q.options.map((o) => o.id).join(','));
}

function toSummary(row: Record<string, unknown>): AttemptSummary {
  return {
    eligible: row.eligible as boolean,
    inProvince: row.in_province === true,
    attemptsUsed: row.used as number,
    openAttemptId: (row.open_id as string | null) ?? null,
    lastQuestionIds: (row.last_ids as string[] | null) ?? [],
  };
}

/**
 * The write of one or several submissions in one statement (see `recordSubmissions`). Arrays, one element per
 * submission: $1 attempt, $2 submitted at, $3 by, $4 score, $5 band, $6 passed, $7 credits (one bit per question, in
 * question order: see test_attempt_graded), $8 counting rule, $9 answers' fingerprint; per-topic results flattened,
 * each with its submission's position: $10 position, $11 topic, $12 correct, $13 total, $14 score; $15 each
 * submission's xAPI payload (a JSON array); labels to read back: $16 topics, $17 lessons, $18 documents; with
 * evidence, flattened likewise: $19 position, $20 topic.
 */
function recordSubmissionsSql(withEvidence: boolean): string {
  const evidence = withEvidence
    ? `, evidence AS (
         INSERT INTO training_evidence (person_id, topic_id, kind, source_type, source_id, occurred_at, details)
         SELECT c.person_id, e.topic_id, 'test_passed', 'test_round', c.round_id::text, c.sub_at, jsonb_build_object('score', c.score, 'band', c.band, 'attemptId', c.id)
           FROM cnt c JOIN unnest($19::int[], $20::uuid[]) AS e(ord, topic_id) ON e.ord = c.ord
         ON CONFLICT ON CONSTRAINT uq_training_evidence_source DO NOTHING)`
    : '';
  // The round's counting rule decides whether this attempt replaces the counted one.
  const replaces = `((SELECT i.counting FROM input i WHERE i.id = excluded.attempt_id) = 'last' OR r.attempt_id IS NULL OR excluded.score > r.score)`;
  return `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::numeric[], $5::text[], $6::boolean[], $7::text[], $8::text[], $9::numeric[])
                         WITH ORDINALITY AS x(id, sub_at, sub_by, score, band, passed, credits, counting, fingerprint, ord)),
       att AS (
         UPDATE test_attempt a SET submitted_at = i.sub_at, submitted_by = i.sub_by, score = i.score, band = i.band, passed = i.passed, credits = i.credits::bit varying
           FROM input i
          WHERE a.id = i.id AND a.submitted_at IS NULL
            AND (SELECT coalesce(sum(t.seq), 0) FROM test_answer t WHERE t.attempt_id = i.id) = i.fingerprint
         RETURNING i.ord, a.id, a.round_id, a.person_id, a.number, i.sub_at, i.score, i.band, i.passed),
       res AS (
         INSERT INTO test_result AS r (round_id, person_id, attempt_id, score, band, passed, attempts_used, finished_at)
         SELECT round_id, person_id, id, score, band, passed, number, sub_at FROM att
         ON CONFLICT (round_id, person_id) DO UPDATE SET
           attempts_used = excluded.attempts_used,
           attempt_id = CASE WHEN ${replaces} THEN excluded.attempt_id ELSE r.attempt_id END,
           score = CASE WHEN ${replaces} THEN excluded.score ELSE r.score END,
           band = CASE WHEN ${replaces} THEN excluded.band ELSE r.band END,
           passed = CASE WHEN ${replaces} THEN excluded.passed ELSE r.passed END,
           finished_at = CASE WHEN ${replaces} THEN excluded.finished_at ELSE r.finished_at END
         RETURNING r.attempt_id),
       cnt AS (SELECT att.* FROM att JOIN res ON res.attempt_id = att.id),
       topics AS (
         INSERT INTO test_result_topic AS t (round_id, person_id, topic_id, correct, total, score)
         SELECT c.round_id, c.person_id, x.topic_id, x.correct, x.total, x.score
           FROM cnt c JOIN unnest($10::int[], $11::uuid[], $12::numeric[], $13::int[], $14::numeric[]) AS x(ord, topic_id, correct, total, score) ON x.ord = c.ord
         ON CONFLICT (round_id, person_id, topic_id) DO UPDATE SET correct = excluded.correct, total = excluded.total, score = excluded.score),
       stale_topics AS (
         DELETE FROM test_result_topic d USING cnt c
          WHERE d.round_id = c.round_id AND d.person_id = c.person_id
            AND NOT EXISTS (SELECT 1 FROM unnest($10::int[], $11::uuid[]) AS x(ord, topic_id) WHERE x.ord = c.ord AND x.topic_id = d.topic_id)),
       queued AS (
         INSERT INTO test_item_stat_pending (attempt_id) SELECT id FROM att ON CONFLICT DO NOTHING),
       xapi AS (
         SELECT xapi_record_own(jsonb_set(x.payload, '{rows}', x.stmts)) AS n
           FROM (SELECT (array_agg(p.payload))[1] AS payload, jsonb_agg(e.stmt ORDER BY p.ord, e.n) AS stmts
                   FROM jsonb_array_elements($15::jsonb) WITH ORDINALITY AS p(payload, ord) JOIN att ON att.ord = p.ord
                   CROSS JOIN LATERAL jsonb_array_elements(p.payload->'rows') WITH ORDINALITY AS e(stmt, n)) x
          WHERE x.stmts IS NOT NULL)${evidence}
       SELECT (SELECT jsonb_agg(jsonb_build_array(att.ord, EXISTS (SELECT 1 FROM cnt WHERE cnt.ord = att.ord))) FROM att) AS written,
              (SELECT n FROM xapi) AS xapi,
              (SELECT jsonb_agg(jsonb_build_array(id, name) ORDER BY sort_order, ${viOrder('name')}) FROM topic WHERE id = ANY($11::uuid[] || $16::uuid[])) AS topics,
              (SELECT jsonb_object_agg(id, title) FROM lesson WHERE id = ANY($17::uuid[])) AS lessons,
              (SELECT jsonb_object_agg(id, title) FROM library_document WHERE id = ANY($18::uuid[])) AS documents`;
}
const RECORD_SUBMISSIONS_SQL = recordSubmissionsSql(false);
const RECORD_SUBMISSIONS_WITH_EVIDENCE_SQL = recordSubmissionsSql(true);

/** Submissions of a burst sent together (see Coalescer): at most this many per statement, this many statements at once. */
const SUBMISSION_BATCH = { maxBatch: 100, maxInFlight: 2 };

/** An attempt row with its frozen questions (from the snapshots, or the copy of an attempt older than them). */
const ATTEMPT_COLUMNS = `a.id, a.round_id, a.person_id, a.number, a.seed, a.started_at, a.deadline_at, a.submitted_at, a.submitted_by,
       a.question_ids, a.snapshot_ids, test_attempt_questions(a.questions, a.snapshot_ids, a.option_sets) AS questions,
       a.score, a.band, a.passed, test_attempt_graded(a) AS graded`;

function toAttempt(r: Record<string, unknown>): TestAttempt {
  return {
    id: r.id as string,
    roundId: r.round_id as string,
    personId: r.person_id as string,
    number: r.number as number,
    seed: r.seed as number,
    startedAt: r.started_at as Date,
    deadlineAt: r.deadline_at as Date,
    submittedAt: (r.submitted_at as Date | null) ?? null,
    submittedBy: (r.submitted_by as TestAttempt['submittedBy']) ?? null,
    questionIds: r.question_ids as string[],
    snapshotIds: (r.snapshot_ids as string[] | null) ?? null,
    questions: (r.questions as FrozenQuestion[]) ?? [],
    score: r.score === null || r.score === undefined ? null : Number(r.score),
    band: (r.band as string | null) ?? null,
    passed: (r.passed as boolean | null) ?? null,
    graded: (r.graded as GradedItem[] | null) ?? null,
  };
}

const GRADING_CACHE_MAX = 50_000;

/** What grading needs of one frozen question (the attempt keeps the full text; grading never reads it). */
export interface GradingQuestion {
  questionId: string;
  topicId: string;
  correct: string[];
  lessonIds: string[];
  documentIds: string[];
}

/** Everything a submission reads, in one statement. */
export interface SubmissionInput {
  personId: string;
  roundId: string;
  number: number;
  deadlineAt: Date;
  submittedAt: Date | null;
  questions: GradingQuestion[];
  answers: Map<string, string[]>;
  /** Sum of the saved answers' sequence numbers: the write refuses if a save slipped in after this read. */
  answersFingerprint: number;
  /** Some published course is completed by passing this round. */
  completesCourses: boolean;
}

export interface SubmissionWrite {
  attemptId: string;
  submittedAt: Date;
  submittedBy: 'learner' | 'deadline';
  score: number;
  band: string;
  passed: boolean;
  /** In question order; stored as its credits (the choices are the attempt's answers, the topics its questions'). */
  graded: GradedItem[];
  topics: { topicId: string; correct: number; total: number; score: number }[];
  counting: 'highest' | 'last';
  answersFingerprint: number;
  /** On a pass: the round's topics, each a piece of training evidence. */
  evidenceTopicIds: string[] | null;
  /** Read back in the same round trip for the result page. */
  labels: { topicIds: string[]; lessonIds: string[]; documentIds: string[] };
  /** The attempt's xAPI statement (XapiService.learningPayload), recorded in the same statement when it is written. */
  xapiPayload?: string;
}

export interface SubmissionOutcome {
  /** False when nothing was written: already submitted, or a save arrived after the read (grade again). */
  written: boolean;
  /** This attempt is now the person's counted result. */
  counted: boolean;
  /** In the topics' display order (sort order, then name). */
  topicNames: Map<string, string>;
  lessonTitles: Map<string, string>;
  documentTitles: Map<string, string>;
}

/** The attempt aggregate: a person's frozen draw, the answers saved into it, its submission. */
@Injectable()
export class AttemptsRepository {
  /** Grading projections of snapshots by id (immutable rows: never stale; cleared when it grows past the bound). */
  private readonly grading = new Map<string, GradingQuestion>();

  constructor(private readonly db: DataSource) {}

  private prepared<T>(name: string, text: string, values: unknown[], manager?: EntityManager): Promise<T[]> {
    return preparedQuery<T>(this.db, text, values, manager, name);
  }

  /** A prepared statement named after its text (for statements whose text is built, e.g. with a scope). */
  private preparedText<T>(text: string, values: unknown[], manager?: EntityManager): Promise<T[]> {
    return preparedQuery<T>(this.db, text, values, manager);
  }

  /**
   * Eligibility, attempts used, the attempt in progress and the previous attempt's questions, in one round trip; a
   * person outside the scope has none of them.
   */
  async attemptSummary(scope: UnitScope, round: TestRound, personId: string): Promise<AttemptSummary> {
    const params: unknown[] = [round.id, personId, audienceDocument(round), round.provinceId];
    // Prepared (named by its text, which varies only with the kind of scope): planning the audience rule took longer
    // than running it, on the path a whole province takes at the same minute.
    const [row] = await this.preparedText<Record<string, unknown>>(`${summarySql(scope, params)} SELECT * FROM s`, params);
    return toSummary(row);
  }

  /**
   * A person's first attempt in one round trip, on the path a whole province takes at the same minute: the summary's
   * checks and the insert in one statement. The attempt (number 1, drawn before with nothing to avoid) is stored only
   * when the person is eligible, in the round's province and has no attempt yet; otherwise nothing is written and the
   * caller goes on from the summary as for any later attempt. A concurrent start is resolved by the unique indexes,
   * as in `insertAttempt`. The first starts arriving at the same moment share one statement, each checked against its
   * own caller's scope: a start is its learner's own (`ownScopeOf`), so only a person scope lets it through, and only
   * for that person; any other scope lets nobody start (nothing is written, as for someone outside the round).
   */
  startFirstAttempt(scope: UnitScope, round: TestRound, a: FirstAttempt): Promise<FirstStartOutcome> {
    return this.firstStartBatches.call({ scopePersonId: scope.kind === 'person' ? scope.personId : null, round, attempt: a });
  }

  private readonly firstStartBatches = new Coalescer<FirstStart, FirstStartOutcome>((starts) => this.startFirstAttempts(starts), START_BATCH);

  /** startFirstAttempt of several callers in one statement (START_FIRST_ATTEMPTS_SQL); one outcome per start, in order. */
  private async startFirstAttempts(starts: FirstStart[]): Promise<FirstStartOutcome[]> {
    const rounds = new Map<string, { n: number; round: TestRound }>();
    for (const { round } of starts) if (!rounds.has(round.id)) rounds.set(round.id, { n: rounds.size + 1, round });
    const byRound = [...rounds.values()].map((r) => r.round);
    const lo: number[] = [];
    let next = 1;
    for (const x of starts) {
      lo.push(next);
      next += x.attempt.questionIds.length;
    }
    const rows = await this.prepared<Record<string, unknown>>('test_attempt_start_first', START_FIRST_ATTEMPTS_SQL, [
      byRound.map((r) => r.id),
      byRound.map((r) => audienceDocument(r)),
      byRound.map((r) => r.provinceId),
      starts.map((x) => rounds.get(x.round.id)!.n),
      starts.map((x) => x.attempt.personId),
      starts.map((x) => x.scopePersonId),
      starts.map((x) => x.attempt.seed),
      starts.map((x) => x.attempt.startedAt),
      starts.map((x) => x.attempt.deadlineAt),
      lo,
      starts.map((x) => x.attempt.questionIds.length),
      arrayLiteral(starts.flatMap((x) => x.attempt.questionIds)),
      arrayLiteral(starts.flatMap((x) => x.attempt.snapshotIds)),
      arrayLiteral(starts.flatMap((x) => optionSets(x.attempt.questions))),
    ]);
    return rows.map((row) => ({ summary: toSummary(row), insertedId: (row.inserted_id as string | null) ?? null }));
  }

  /**
   * Freezes questions (options in the bank's order) into content-addressed snapshots, once: a snapshot's id is the MD5
   * of its content, so storing the same content again is a no-op and changed content is a new snapshot. Returns each
   * question's snapshot id, in the order given.
   */
  async freezeQuestions(questions: readonly FrozenQuestion[], manager: EntityManager = this.db.manager): Promise<string[]> {
    if (!questions.length) return [];
    const rows: { id: string }[] = await manager.query(
      `WITH x AS (SELECT md5(c::text)::uuid AS id, c, n FROM unnest($1::jsonb[]) WITH ORDINALITY AS u(c, n)),
            stored AS (INSERT INTO test_question_snapshot (id, version_id, content)
                       SELECT DISTINCT ON (id) id, (c->>'versionId')::uuid, c FROM x ON CONFLICT (id) DO NOTHING)
       SELECT id FROM x ORDER BY n`,
      [questions.map((q) => JSON.stringify(q))],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Inserts the attempt unless one is already in progress (a concurrent start); returns the new id or null. The attempt
   * stores its questions' snapshot ids and option order, not a copy of the questions.
   */
  async insertAttempt(
    a: Omit<TestAttempt, 'id' | 'submittedAt' | 'submittedBy' | 'score' | 'band' | 'passed' | 'graded' | 'snapshotIds'> & { snapshotIds: string[] },
    manager: EntityManager = this.db.manager,
  ): Promise<string | null> {
    const rows = await this.preparedText<{ id: string }>(
      `INSERT INTO test_attempt (round_id, person_id, number, seed, started_at, deadline_at, question_ids, snapshot_ids, option_sets)
       VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8::uuid[], $9::text[])
       ON CONFLICT DO NOTHING RETURNING id`,
      [a.roundId, a.personId, a.number, a.seed, a.startedAt, a.deadlineAt, arrayLiteral(a.questionIds), arrayLiteral(a.snapshotIds), arrayLiteral(optionSets(a.questions))],
      manager === this.db.manager ? undefined : manager,
    );
    return rows[0]?.id ?? null;
  }

  async findAttempt(id: string, manager: EntityManager = this.db.manager): Promise<TestAttempt | null> {
    const rows: Record<string, unknown>[] = await manager.query(`SELECT ${ATTEMPT_COLUMNS} FROM test_attempt a WHERE a.id = $1`, [id]);
    return rows.length ? toAttempt(rows[0]) : null;
  }

  async answers(attemptId: string, manager: EntityManager = this.db.manager): Promise<{ questionId: string; choice: string[]; seq: number }[]> {
    const rows: { question_id: string; choice: string[]; seq: string }[] = await manager.query(
      `SELECT question_id, choice, seq FROM test_answer WHERE attempt_id = $1`,
      [attemptId],
    );
    return rows.map((r) => ({ questionId: r.question_id, choice: r.choice, seq: Number(r.seq) }));
  }

  /** Stores several answers at once (seq 1, 2, … in the order given): for seeds and imports, not the exam path. */
  async insertAnswers(attemptId: string, answers: ReadonlyMap<string, readonly string[]>, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO test_answer (attempt_id, question_id, choice, seq, saved_at)
       SELECT $1, q, ARRAY(SELECT jsonb_array_elements_text(c)), n, $4 FROM unnest($2::uuid[], $3::jsonb[]) WITH ORDINALITY AS x(q, c, n)`,
      [attemptId, [...answers.keys()], [...answers.values()].map((c) => JSON.stringify(c)), at],
    );
  }

  /**
   * The exam's hot path (one save per answer given): saves only into the caller's own attempt while it is open and the
   * question is in it, and overwrites only with a higher sequence number. Returns the stored seq, or null when nothing
   * was written. The saves of a burst share one named prepared statement on the driver's pool (see `SAVE_BATCH`); each
   * is answered after that statement has committed.
   */
  saveAnswer(attemptId: string, personId: string, questionId: string, choice: string[], seq: number, now: Date): Promise<number | null> {
    return this.saveBatches.call({ attemptId, personId, questionId, choice, seq, now });
  }

  private readonly saveBatches = new Coalescer<AnswerSave, number | null>((saves) => this.saveAnswers(saves), SAVE_BATCH);

  /** saveAnswer of several answers, of distinct attempt and question, in one statement; one result per save, in order. */
  private async saveAnswers(saves: AnswerSave[]): Promise<(number | null)[]> {
    const rows = saves.length > 1 ? [...saves].sort(byRow) : saves;
    const written = await this.prepared<{ attempt_id: string; question_id: string; seq: string }>('test_answers_save', SAVE_ANSWERS_SQL, [
      rows.map((s) => s.attemptId),
      rows.map((s) => s.personId),
      rows.map((s) => s.questionId),
      rows.map((s) => arrayLiteral(s.choice)),
      rows.map((s) => s.seq),
      rows.map((s) => s.now),
    ]);
    const stored = new Map(written.map((r) => [`${r.attempt_id}/${r.question_id}`, Number(r.seq)]));
    return saves.map((s) => stored.get(`${s.attemptId}/${s.questionId}`) ?? null);
  }

  async storedSeq(attemptId: string, questionId: string): Promise<number | null> {
    const rows = await this.db.query(`SELECT seq FROM test_answer WHERE attempt_id = $1 AND question_id = $2`, [attemptId, questionId]);
    return rows.length ? Number(rows[0].seq) : null;
  }

  async overdueAttemptIds(now: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM test_attempt WHERE submitted_at IS NULL AND deadline_at <= $1 ORDER BY deadline_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Attempts by id, of the people the scope reaches (their own scope, or a manager's). */
  async attemptsByIds(scope: UnitScope, ids: string[]): Promise<TestAttempt[]> {
    if (!ids.length) return [];
    const params: unknown[] = [ids];
    const visible: { id: string }[] = await this.db.query(
      `SELECT a.id FROM test_attempt a JOIN person p ON p.id = a.person_id JOIN org_unit u ON u.id = p.unit_id
        WHERE a.id = ANY($1::uuid[]) AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`,
      params,
    );
    if (!visible.length) return [];
    const rows: Record<string, unknown>[] = await this.db.query(`SELECT ${ATTEMPT_COLUMNS} FROM test_attempt a WHERE a.id = ANY($1::uuid[])`, [visible.map((v) => v.id)]);
    return rows.map(toAttempt);
  }

  /**
   * What grading needs of each snapshot, in the order given. Snapshots never change (their id is their content's hash),
   * so what was read once is kept: a synchronised submission of a province reads the round's few dozen snapshots once
   * per API process instead of building the key into every submission's read.
   */
  private async gradingOf(snapshotIds: string[], manager?: EntityManager): Promise<GradingQuestion[]> {
    const missing = [...new Set(snapshotIds.filter((id) => !this.grading.has(id)))];
    if (missing.length) {
      const rows = await this.prepared<{ id: string; q: GradingQuestion }>(
        'test_snapshot_grading',
        `SELECT s.id, ${GRADING_FIELDS('s.content')} AS q FROM test_question_snapshot s WHERE s.id = ANY($1::uuid[])`,
        [missing],
        manager,
      );
      if (this.grading.size + rows.length > GRADING_CACHE_MAX) this.grading.clear();
      for (const row of rows) this.grading.set(row.id, row.q);
    }
    return snapshotIds.map((id) => {
      const q = this.grading.get(id);
      if (!q) throw new Error(`question snapshot ${id} is missing`);
      return q;
    });
  }

  /** Concurrent submissions' reads and writes, each sent as one statement per burst (outside a caller's transaction). */
  private readonly inputBatches = new Coalescer<string, SubmissionInput | null>((ids) => this.submissionInputs(ids), SUBMISSION_BATCH);
  private readonly writeBatches = new Coalescer<SubmissionWrite, SubmissionOutcome>((ws) => this.recordSubmissions(ws), SUBMISSION_BATCH);

  /**
   * The attempt as grading needs it (the key and study links of each question, not its text), the answers saved, and
   * whether passing completes a course: one statement, shared with the submissions arriving at the same moment.
   */
  submissionInput(attemptId: string, manager?: EntityManager): Promise<SubmissionInput | null> {
    if (manager) return this.submissionInputs([attemptId], manager).then(([input]) => input);
    return this.inputBatches.call(attemptId);
  }

  /** submissionInput of several attempts in one statement, in the order given (null for an unknown one). */
  private async submissionInputs(attemptIds: string[], manager?: EntityManager): Promise<(SubmissionInput | null)[]> {
    const rows = await this.prepared<Record<string, unknown>>('test_submission_inputs', SUBMISSION_INPUTS_SQL, [attemptIds], manager);
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    // The snapshots of the whole batch in one read (the first burst of a round; later ones find them all kept).
    await this.gradingOf([...new Set(rows.flatMap((r) => (r.snapshot_ids as string[] | null) ?? []))], manager);
    return Promise.all(
      attemptIds.map(async (id) => {
        const r = byId.get(id);
        if (!r) return null;
        const snapshotIds = r.snapshot_ids as string[] | null;
        return {
          personId: r.person_id as string,
          roundId: r.round_id as string,
          number: r.number as number,
          deadlineAt: r.deadline_at as Date,
          submittedAt: (r.submitted_at as Date) ?? null,
          questions: snapshotIds ? await this.gradingOf(snapshotIds, manager) : ((r.questions as GradingQuestion[]) ?? []),
          answers: new Map(((r.answers as [string, string[]][]) ?? []).map(([q, c]) => [q, c])),
          answersFingerprint: r.fingerprint as number,
          completesCourses: r.completes_courses as boolean,
        };
      }),
    );
  }

  /**
   * Closes a graded attempt and writes its consequences in one statement: the attempt, the person's counted result
   * (replaced when this attempt counts under the round's rule), the per-topic scores as graded, training evidence on a
   * pass, the item-statistics queue, the xAPI statement — and reads back the labels the result page shows. Writes
   * nothing when the attempt is already submitted or a save arrived after the answers were read. Outside a transaction
   * the submissions arriving at the same moment share the statement.
   */
  recordSubmission(w: SubmissionWrite, manager?: EntityManager): Promise<SubmissionOutcome> {
    if (manager) return this.recordSubmissions([w], manager).then(([o]) => o);
    return this.writeBatches.call(w);
  }

  /** recordSubmission of several attempts in one statement; one outcome per write, in the order given. */
  private async recordSubmissions(ws: SubmissionWrite[], manager?: EntityManager): Promise<SubmissionOutcome[]> {
    const topics = ws.flatMap((w, i) => w.topics.map((t) => ({ ord: i + 1, ...t })));
    const evidence = ws.flatMap((w, i) => (w.evidenceTopicIds ?? []).map((topicId) => ({ ord: i + 1, topicId })));
    const withEvidence = evidence.length > 0;
    const rows = await this.prepared<{ written: [number, boolean][] | null; topics: [string, string][] | null; lessons: Record<string, string> | null; documents: Record<string, string> | null }>(
      withEvidence ? 'test_submissions_record_evidence' : 'test_submissions_record',
      withEvidence ? RECORD_SUBMISSIONS_WITH_EVIDENCE_SQL : RECORD_SUBMISSIONS_SQL,
      [
        ws.map((w) => w.attemptId),
        ws.map((w) => w.submittedAt),
        ws.map((w) => w.submittedBy),
        ws.map((w) => w.score),
        ws.map((w) => w.band),
        ws.map((w) => w.passed),
        ws.map((w) => w.graded.map((g) => (g.credit === 1 ? '1' : '0')).join('')),
        ws.map((w) => w.counting),
        ws.map((w) => w.answersFingerprint),
        topics.map((t) => t.ord),
        topics.map((t) => t.topicId),
        topics.map((t) => t.correct),
        topics.map((t) => t.total),
        topics.map((t) => t.score),
        // One JSON array (an array of JSON strings would be escaped once more for PostgreSQL).
        `[${ws.map((w) => w.xapiPayload ?? '{"rows":[]}').join(',')}]`,
        ws.flatMap((w) => w.labels.topicIds),
        ws.flatMap((w) => w.labels.lessonIds),
        ws.flatMap((w) => w.labels.documentIds),
        ...(withEvidence ? [evidence.map((e) => e.ord), evidence.map((e) => e.topicId)] : []),
      ],
      manager,
    );
    const r = rows[0];
    const written = new Map((r.written ?? []).map(([ord, counted]) => [ord, counted]));
    const map = (o: Record<string, string> | null) => new Map(Object.entries(o ?? {}));
    const [topicNames, lessonTitles, documentTitles] = [new Map(r.topics ?? []), map(r.lessons), map(r.documents)];
    return ws.map((_, i) => ({ written: written.has(i + 1), counted: written.get(i + 1) === true, topicNames, lessonTitles, documentTitles }));
  }
}
