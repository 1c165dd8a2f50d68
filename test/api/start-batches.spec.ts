import { Role, UnitLevel } from '@cchc/shared';
import { scopes } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { AppException } from '@api/common/errors';
import { arrayLiteral, AttemptsRepository, FirstAttempt } from '@api/test-rounds/attempts.repository';
import { AttemptsService } from '@api/test-rounds/attempts.service';
import { TestRoundsRepository } from '@api/test-rounds/test-rounds.repository';
import { createTestApp, insertPerson, insertUnit, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';
import { createOpenRound, roundBody, seedBank } from './test-round-fixtures';

/** The repository's batched statement, watched: how many starts each one carried. */
type Batched = { startFirstAttempts: (starts: unknown[]) => Promise<unknown> };

describe('first starts arriving together: one statement, each start answered exactly as alone', () => {
  let t: TestApp;
  let p: SmallProvince;
  let topics: Record<string, string>;
  let coord: string;
  const people: Record<string, AuthUser> = {};

  const auth = (username: string, unitId: string, personId: string): AuthUser => ({
    id: username,
    username,
    displayName: username,
    role: Role.Learner,
    unitId,
    personId,
    tokenVersion: 0,
    mustChangePassword: false,
  });

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    topics = await seedBank(t.db, 4);
    coord = await login(t.http, 'coord');
    const other = await insertUnit(t.db, { code: 'K', name: 'UBND tỉnh Khác', level: UnitLevel.Province });
    const otherCommune = await insertUnit(t.db, { code: 'K.X.A', name: 'Xã Khác', level: UnitLevel.Commune, parent: other });
    const make = async (key: string, unitId: string, status?: string) => {
      const person = await insertPerson(t.db, { staffCode: `SB${key}`, fullName: `Người Bắt Đầu ${key}`, unitId, status });
      await insertUser(t.db, { username: `batdau${key}`, role: Role.Learner, unitId, personId: person.id });
      people[key] = auth(`batdau${key}`, unitId, person.id);
    };
    await make('fresh1', p.units.communeA.id);
    await make('fresh2', p.units.communeA.id);
    await make('inProgress', p.units.communeA.id);
    await make('secondTry', p.units.communeA.id);
    await make('usedUp', p.units.communeA.id);
    await make('otherCommune', p.units.communeB.id);
    await make('retired', p.units.communeA.id, 'retired');
    await make('otherProvince', otherCommune.id);
  });
  afterAll(() => t.close());

  /** What a start answered, as a learner would tell it apart: the attempt's number and whether it was one they had. */
  async function outcome(roundId: string, user: AuthUser, had: Map<string, string>): Promise<string> {
    try {
      const a = await t.app.get(AttemptsService).start(user, roundId);
      expect(a.questions).toHaveLength(4);
      return `200 #${a.number}${had.get(user.personId!) === a.id ? ' resumed' : ''}`;
    } catch (e) {
      if (e instanceof AppException) return `${e.status} ${e.code}`;
      throw e;
    }
  }

  /** A round of communeA with two attempts allowed, and the history: one attempt open, one submitted, two submitted. */
  async function roundWithHistory(): Promise<{ roundId: string; had: Map<string, string> }> {
    const roundId = await createOpenRound(t.http, coord, roundBody(topics, { attemptsAllowed: 2, audience: { unitId: p.units.communeA.id } }));
    const service = t.app.get(AttemptsService);
    const had = new Map<string, string>();
    had.set(people.inProgress.personId!, (await service.start(people.inProgress, roundId)).id);
    await service.submit(people.secondTry, (await service.start(people.secondTry, roundId)).id);
    await service.submit(people.usedUp, (await service.start(people.usedUp, roundId)).id);
    await service.submit(people.usedUp, (await service.start(people.usedUp, roundId)).id);
    return { roundId, had };
  }

  const burst = () => [
    people.fresh1,
    people.inProgress,
    people.otherCommune,
    people.fresh2,
    people.secondTry,
    people.otherProvince,
    people.usedUp,
    people.retired,
    people.fresh1, // the same learner twice (two tabs)
  ];

  it('a burst mixing eligible, started, used-up, outside-the-audience and other-province learners: one statement, the same answers as one by one', async () => {
    const alone = await roundWithHistory();
    const oneByOne: string[] = [];
    for (const user of burst()) oneByOne.push(await outcome(alone.roundId, user, alone.had));

    const together = await roundWithHistory();
    const repo = t.app.get(AttemptsRepository) as unknown as Batched;
    const batches = jest.spyOn(repo, 'startFirstAttempts');
    let answers: string[];
    try {
      answers = await Promise.all(burst().map((user) => outcome(together.roundId, user, together.had)));
      expect(batches.mock.calls.map(([starts]) => starts.length)).toEqual([9]);
    } finally {
      batches.mockRestore();
    }

    expect(answers).toEqual([
      '200 #1',
      '200 #1 resumed',
      '403 NOT_IN_AUDIENCE',
      '200 #1',
      '200 #2',
      '404 TEST_ROUND_NOT_FOUND',
      '409 NO_ATTEMPTS_LEFT',
      '403 NOT_IN_AUDIENCE',
      '200 #1',
    ]);
    expect(answers).toEqual(oneByOne);

    // The stored attempts are the same too: one for each new start, none for the refused, one for the learner twice.
    const stored = (roundId: string) =>
      t.db.query(`SELECT person_id, number, submitted_at IS NULL AS open FROM test_attempt WHERE round_id = $1 ORDER BY person_id, number`, [roundId]);
    const rows = await stored(together.roundId);
    expect(rows).toEqual(await stored(alone.roundId));
    expect(rows.filter((r: { person_id: string }) => r.person_id === people.fresh1.personId)).toEqual([{ person_id: people.fresh1.personId, number: 1, open: true }]);
    for (const refused of [people.otherCommune, people.otherProvince, people.retired]) {
      expect(rows.filter((r: { person_id: string }) => r.person_id === refused.personId)).toEqual([]);
    }
    // Both tabs of the learner who pressed twice hold the same attempt and questions.
    const service = t.app.get(AttemptsService);
    const [tab1, tab2] = await Promise.all([service.start(people.fresh1, together.roundId), service.start(people.fresh1, together.roundId)]);
    expect(tab2.id).toBe(tab1.id);
    expect(tab2.questions).toEqual(tab1.questions);
  });

  it('each start in a batch is checked against its own caller\'s scope: a start for someone else writes nothing, beside one that does', async () => {
    const roundId = await createOpenRound(t.http, coord, roundBody(topics, { attemptsAllowed: 1, audience: { unitId: p.units.communeA.id } }));
    const round = (await t.app.get(TestRoundsRepository).findRound(roundId))!;
    // A drawn attempt to store: the shape of a real one, taken from a start in another round.
    const sample = await t.app.get(AttemptsService).start(people.fresh2, await createOpenRound(t.http, coord, roundBody(topics, { audience: { unitId: p.units.communeA.id } })));
    const [row] = await t.db.query(`SELECT seed, started_at, deadline_at, question_ids, snapshot_ids, option_sets FROM test_attempt WHERE id = $1`, [sample.id]);
    const drawn = (personId: string): FirstAttempt => ({
      personId,
      seed: row.seed,
      startedAt: row.started_at,
      deadlineAt: row.deadline_at,
      questionIds: row.question_ids,
      snapshotIds: row.snapshot_ids,
      questions: (row.option_sets as string[]).map((set, i) => ({ questionId: row.question_ids[i], options: set.split(',').map((id) => ({ id })) })) as unknown as FirstAttempt['questions'],
    });
    const repo = t.app.get(AttemptsRepository);
    const batches = jest.spyOn(repo as unknown as Batched, 'startFirstAttempts');
    let results;
    try {
      results = await Promise.all([
        repo.startFirstAttempt(scopes.person(people.fresh1.personId!), round, drawn(people.fresh1.personId!)),
        // fresh1's session asking for fresh2's attempt: outside its scope.
        repo.startFirstAttempt(scopes.person(people.fresh1.personId!), round, drawn(people.fresh2.personId!)),
        repo.startFirstAttempt(scopes.none(), round, drawn(people.secondTry.personId!)),
        // A start is its learner's own: even a scope that reaches everyone starts nobody else's attempt.
        repo.startFirstAttempt(scopes.all(), round, drawn(people.secondTry.personId!)),
      ]);
      expect(batches.mock.calls.map(([starts]) => starts.length)).toEqual([4]);
    } finally {
      batches.mockRestore();
    }
    expect(results[0].insertedId).toEqual(expect.any(String));
    for (const refused of results.slice(1)) {
      expect(refused).toEqual({ summary: { eligible: false, inProvince: false, attemptsUsed: 0, openAttemptId: null, lastQuestionIds: [] }, insertedId: null });
    }
    const rows = await t.db.query(`SELECT person_id FROM test_attempt WHERE round_id = $1`, [roundId]);
    expect(rows).toEqual([{ person_id: people.fresh1.personId }]);
  });

  it('two statements at once holding the same learners (two tabs each) store one attempt each, every start answered with it, no start re-run alone', async () => {
    const roundId = await createOpenRound(t.http, coord, roundBody(topics, { audience: { unitId: p.units.communeA.id } }));
    const crowd: AuthUser[] = [];
    for (let i = 0; i < 60; i++) {
      const person = await insertPerson(t.db, { staffCode: `SD${i}`, fullName: `Người Đông ${i}`, unitId: p.units.communeA.id });
      crowd.push(auth(`dong${i}`, p.units.communeA.id, person.id));
    }
    // 120 starts: the first statement takes 100 (everyone, then the last 40 again), the second the first 20 again.
    const calls = [...crowd, ...[...crowd].reverse()];
    const repo = t.app.get(AttemptsRepository) as unknown as Batched;
    const batches = jest.spyOn(repo, 'startFirstAttempts');
    let answers;
    try {
      answers = await Promise.all(calls.map((user) => t.app.get(AttemptsService).start(user, roundId)));
      // Both statements ran through: a failed one (e.g. a deadlock between them) would have re-run its starts one by one.
      expect(batches.mock.calls.map(([starts]) => starts.length)).toEqual([100, 20]);
    } finally {
      batches.mockRestore();
    }
    const rows: { person_id: string; id: string }[] = await t.db.query(`SELECT person_id, id FROM test_attempt WHERE round_id = $1`, [roundId]);
    expect(rows).toHaveLength(60);
    const attemptOf = new Map(rows.map((r) => [r.person_id, r.id]));
    expect(answers.map((a) => a.id)).toEqual(calls.map((user) => attemptOf.get(user.personId!)));
  });

  it('the array literals the start sends are read back by PostgreSQL exactly, plain ids or awkward text', async () => {
    const cases = [[], ['a,b,c,d', 'c,a,d,b'], ['0b7f5c1e-2f4a-4c3e-9d1a-5b6c7d8e9f00'], ['', ' ', 'chứa "ngoặc"', 'gạch \\ ngược', '{ngoặc nhọn}', 'NULL', 'a,b']];
    for (const values of cases) {
      const [{ back }] = await t.db.query(`SELECT $1::text[] AS back`, [arrayLiteral(values)]);
      expect(back).toEqual(values);
    }
  });
});
