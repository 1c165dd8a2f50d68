import { Role } from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { AppException } from '@api/common/errors';
import { AttemptsRepository } from '@api/test-rounds/attempts.repository';
import { AttemptsService } from '@api/test-rounds/attempts.service';
import { createTestApp, insertPerson, insertUser, login, seedSmallProvince, TestApp } from '../support/test-app';
import { bearer, createOpenRound, roundBody, seedBank } from './test-round-fixtures';

/** The repository's save statement, watched: how many saves each one carried. */
type Batched = { saveAnswers: (saves: unknown[]) => Promise<unknown> };

interface Taker {
  auth: AuthUser;
  token: string;
}
/** One learner's own attempts: `closed` submitted, `open` in progress; `other` is another learner's open attempt. */
interface Sitting {
  me: Taker;
  them: Taker;
  closed: Attempt;
  open: Attempt;
  other: Attempt;
}
interface Attempt {
  id: string;
  questions: { questionId: string; options: { id: string }[] }[];
}

/**
 * A save described by slot, so it means the same thing in two sittings with different draws: which attempt, which of
 * its questions (or one that is in no attempt), which of that question's options (or an id no question has).
 */
interface Save {
  by: 'me' | 'them';
  attempt: 'open' | 'closed' | 'other';
  question: number | 'unknown';
  options: (number | 'zz')[];
  seq: number;
}

const UNKNOWN_QUESTION = '00000000-0000-4000-8000-000000000001';

describe('answers saved together: one statement per burst, each save answered and stored exactly as alone', () => {
  let t: TestApp;
  let roundId: string;
  const sittings: Sitting[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const p = await seedSmallProvince(t.db);
    const topics = await seedBank(t.db, 4);
    const coord = await login(t.http, 'coord');
    roundId = await createOpenRound(t.http, coord, roundBody(topics, { attemptsAllowed: 2, audience: { unitId: p.units.communeA.id } }));
    const takers: Taker[] = [];
    for (let i = 0; i < 4; i++) {
      const person = await insertPerson(t.db, { staffCode: `LC${i}`, fullName: `Người Lưu Cùng ${i}`, unitId: p.units.communeA.id });
      const user = await insertUser(t.db, { username: `luucung${i}`, role: Role.Learner, unitId: p.units.communeA.id, personId: person.id });
      const auth: AuthUser = { id: user.id, username: user.username, displayName: user.username, role: Role.Learner, unitId: p.units.communeA.id, personId: person.id, tokenVersion: 0, mustChangePassword: false };
      takers.push({ auth, token: await login(t.http, user.username) });
    }
    const start = async (k: Taker): Promise<Attempt> => (await t.http.post(`/api/test-rounds/${roundId}/attempts`).set(bearer(k.token)).expect(200)).body;
    // Two equal sittings: the burst goes into the first, the same saves one by one into the second.
    for (const [me, them] of [
      [takers[0], takers[1]],
      [takers[2], takers[3]],
    ]) {
      const closed = await start(me);
      await t.http.post(`/api/attempts/${closed.id}/submit`).set(bearer(me.token)).expect(200);
      sittings.push({ me, them, closed, open: await start(me), other: await start(them) });
    }
  });
  afterAll(() => t.close());

  const service = () => t.app.get(AttemptsService);

  /** A save's response, or its refusal's code, with the question named by its slot. */
  async function send(s: Sitting, save: Save): Promise<unknown> {
    const attempt = s[save.attempt];
    const question = save.question === 'unknown' ? null : attempt.questions[save.question];
    const choice = save.options.map((o) => (o === 'zz' || !question ? 'zz' : question.options[o].id));
    try {
      const r = await service().saveAnswer(s[save.by].auth, attempt.id, question?.questionId ?? UNKNOWN_QUESTION, choice, save.seq);
      return { question: save.question, seq: r.seq, stale: r.stale };
    } catch (e) {
      if (e instanceof AppException) return `${e.status} ${e.code}`;
      throw e;
    }
  }

  /** What is stored in the sitting's three attempts, questions and options by slot. */
  async function stored(s: Sitting): Promise<unknown> {
    const out: Record<string, unknown> = {};
    for (const slot of ['open', 'closed', 'other'] as const) {
      const a = s[slot];
      const rows: { question_id: string; choice: string[]; seq: string }[] = await t.db.query(`SELECT question_id, choice, seq FROM test_answer WHERE attempt_id = $1`, [a.id]);
      out[slot] = rows
        .map((r) => {
          const q = a.questions.findIndex((x) => x.questionId === r.question_id);
          return { question: q, options: r.choice.map((c) => a.questions[q].options.findIndex((o) => o.id === c)), seq: Number(r.seq) };
        })
        .sort((x, y) => x.question - y.question);
    }
    return out;
  }

  it('a burst of saves — the same question twice, a stale one, someone else\'s attempt, a closed one, bad options — answers and stores what one save after another would', async () => {
    // Stored before the burst, so that a lower seq in it is stale.
    const before: Save = { by: 'me', attempt: 'open', question: 3, options: [0], seq: 100 };
    const burst: Save[] = [
      { by: 'me', attempt: 'open', question: 0, options: [0], seq: 10 },
      { by: 'me', attempt: 'open', question: 1, options: [1], seq: 10 },
      { by: 'me', attempt: 'open', question: 0, options: [2], seq: 12 }, // the same question again, newer: wins
      { by: 'me', attempt: 'open', question: 0, options: [3], seq: 11 }, // and again, older than the last: stale
      { by: 'me', attempt: 'open', question: 2, options: ['zz'], seq: 10 }, // an option no question has
      { by: 'me', attempt: 'open', question: 2, options: [0, 'zz'], seq: 11 }, // beside one of its own
      { by: 'me', attempt: 'other', question: 0, options: [0], seq: 10 }, // someone else's attempt
      { by: 'me', attempt: 'closed', question: 0, options: [0], seq: 10 }, // my submitted attempt
      { by: 'me', attempt: 'open', question: 'unknown', options: [0], seq: 10 },
      { by: 'me', attempt: 'open', question: 3, options: [1], seq: 50 }, // older than what is stored
      { by: 'me', attempt: 'open', question: 1, options: [1], seq: 10 }, // a retry of the second save
      { by: 'them', attempt: 'other', question: 1, options: [], seq: 5 }, // clearing, in their own attempt
      { by: 'them', attempt: 'other', question: 2, options: [2], seq: 7 },
    ];
    const [together, alone] = sittings;
    await send(together, before);
    await send(alone, before);
    const closedBefore = await stored(together);

    const repo = t.app.get(AttemptsRepository) as unknown as Batched;
    const statements = jest.spyOn(repo, 'saveAnswers');
    let burstAnswers: unknown[];
    const aloneAnswers: unknown[] = [];
    try {
      burstAnswers = await Promise.all(burst.map((s) => send(together, s)));
      // The distinct questions in one statement; each repeat of a question in a statement after the one before it.
      expect(statements.mock.calls.map(([saves]) => saves.length)).toEqual([9, 3, 1]);
      statements.mockClear();
      for (const s of burst) aloneAnswers.push(await send(alone, s));
      expect(statements.mock.calls.map(([saves]) => saves.length)).toEqual(burst.map(() => 1));
    } finally {
      statements.mockRestore();
    }

    expect(burstAnswers).toEqual(aloneAnswers);
    expect(burstAnswers).toEqual([
      { question: 0, seq: 10, stale: false },
      { question: 1, seq: 10, stale: false },
      { question: 0, seq: 12, stale: false },
      { question: 0, seq: 12, stale: true },
      '400 OPTION_NOT_IN_QUESTION',
      '400 OPTION_NOT_IN_QUESTION',
      '404 ATTEMPT_NOT_FOUND',
      '409 ATTEMPT_SUBMITTED',
      '400 QUESTION_NOT_IN_ATTEMPT',
      { question: 3, seq: 100, stale: true },
      { question: 1, seq: 10, stale: true },
      { question: 1, seq: 5, stale: false },
      { question: 2, seq: 7, stale: false },
    ]);
    const after = await stored(together);
    expect(after).toEqual(await stored(alone));
    expect(after).toEqual({
      open: [
        { question: 0, options: [2], seq: 12 },
        { question: 1, options: [1], seq: 10 },
        { question: 3, options: [0], seq: 100 },
      ],
      closed: (closedBefore as { closed: unknown }).closed,
      other: [
        { question: 1, options: [], seq: 5 },
        { question: 2, options: [2], seq: 7 },
      ],
    });
  });

  it('concurrent saves over HTTP from several learners: every one acknowledged, each question holding its highest seq', async () => {
    const [s] = sittings;
    const saves = Array.from({ length: 60 }, (_, i) => ({ k: i % 2 ? s.them : s.me, a: i % 2 ? s.other : s.open, q: (i >> 1) % 4, option: i % 3, seq: 1000 + i }));
    const answers = await Promise.all(
      saves.map((x) => t.http.put(`/api/attempts/${x.a.id}/answers/${x.a.questions[x.q].questionId}`).set(bearer(x.k.token)).send({ choice: [x.a.questions[x.q].options[x.option].id], seq: x.seq })),
    );
    expect(answers.map((r) => r.status)).toEqual(saves.map(() => 200));
    for (const [i, r] of answers.entries()) {
      const newest = Math.max(...saves.filter((x) => x.a === saves[i].a && x.q === saves[i].q).map((x) => x.seq));
      // Written, or acknowledged as stale behind a newer save of the same question that was stored.
      if (r.body.stale) expect(r.body.seq).toBeGreaterThan(saves[i].seq);
      else expect(r.body.seq).toBe(saves[i].seq);
      expect(r.body.seq).toBeLessThanOrEqual(newest);
    }
    const now = await stored(s);
    for (const slot of ['open', 'other'] as const) {
      const expected = [0, 1, 2, 3].map((q) => {
        const last = saves.filter((x) => x.a === s[slot] && x.q === q).at(-1)!;
        return { question: q, options: [last.option], seq: last.seq };
      });
      expect((now as Record<string, unknown>)[slot]).toEqual(expected);
    }
  });

  it('a save the statement cannot take fails alone; the others of its burst are stored', async () => {
    const [s] = sittings;
    const repo = t.app.get(AttemptsRepository);
    const q = s.open.questions.map((x) => x.questionId);
    const now = new Date();
    const pid = s.me.auth.personId!;
    const results = await Promise.allSettled([
      repo.saveAnswer(s.open.id, pid, q[0], [s.open.questions[0].options[1].id], 5000, now),
      repo.saveAnswer(s.open.id, pid, 'not-a-question-id', ['a'], 5000, now),
      repo.saveAnswer(s.open.id, pid, q[1], [s.open.questions[1].options[2].id], 5000, now),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect([(results[0] as PromiseFulfilledResult<number>).value, (results[2] as PromiseFulfilledResult<number>).value]).toEqual([5000, 5000]);
    const rows = await t.db.query(`SELECT question_id, seq::int AS seq FROM test_answer WHERE attempt_id = $1 AND question_id = ANY($2::uuid[]) ORDER BY seq`, [s.open.id, [q[0], q[1]]]);
    expect(rows.map((r: { seq: number }) => r.seq)).toEqual([5000, 5000]);
  });
});
