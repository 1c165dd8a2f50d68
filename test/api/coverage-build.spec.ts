import { EvidenceKind } from '@cchc/shared';
import { EvidenceService } from '@api/evidence/evidence.service';
import { CoverageBuilder, TargetsRepository } from '@api/targets';
import { createTestApp, insertPerson, insertUnit, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

/**
 * A new or edited target reaching more people than COVERAGE_BUILD_INLINE_PEOPLE is built after the save, in steps
 * (migrations 1763800031000 and 1763800033100: chunks of units that several workers build at once). Whatever happens during the build — test passes, evidence, an edit — its figures once
 * ready must equal a full recomputation (coverage_compute), like every other coverage figure.
 */
describe('targets built in steps', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coord: string;
  let evidence: EvidenceService;
  const topics: Record<string, string> = {};
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  let n = 0;

  const body = (extra: Record<string, unknown> = {}) => ({
    code: `BUILD.${++n}`, name: `Chỉ tiêu tính theo bước ${n}`, legalBasisNumber: '12/KH-UBND', topicId: topics.ASEAN, kind: 'people',
    audience: { categories: ['can_bo', 'cong_chuc'], doesCchcWork: null, isLeader: null, unitLevels: [], unitIds: [] },
    evidenceKinds: ['course_completed', 'test_passed', 'attendance'], validity: 'phase',
    phases: [{ name: 'Giai đoạn 2024–2026', startYear: 2024, endYear: 2026, review: 'final' }], startYear: 2024, endYear: 2026, deadline: '2026-12-31', thresholdPct: 90,
    ...extra,
  });
  const record = (personId: string, topic: string, kind: EvidenceKind, at: string) =>
    evidence.record([{ personId, topicId: topics[topic], kind, sourceType: 'course', sourceId: `src-${Math.random()}`, occurredAt: new Date(at) }]);
  const target = async (id: string) => (await t.http.get(`/api/targets/${id}`).set(auth(coord)).expect(200)).body;
  const ready = (id: string) => waitFor(`the build of target ${id}`, async () => (await target(id)).coverageBuild === null);
  /** The figures a full recomputation gives for the province in a year. */
  const expected = async (id: string, year: number) => {
    const [row] = await t.db.query(
      `SELECT count(*)::int AS eligible, count(*) FILTER (WHERE $2 = ANY(f.years))::int AS covered
         FROM coverage_compute($1) f JOIN org_unit u ON u.id = f.unit_id WHERE u.path LIKE $3 || '%'`,
      [id, year, p.units.province.path],
    );
    return row;
  };
  const figures = async (id: string, year: number) => {
    const s = (await t.http.get(`/api/coverage/targets/${id}`).query({ year }).set(auth(coord)).expect(200)).body;
    return { eligible: s.eligible, covered: s.covered };
  };
  const verify = async (id: string) => {
    const res = await t.http.post('/api/coverage/verify').set(auth(coord)).expect(200);
    return res.body.find((r: { targetId: string }) => r.targetId === id);
  };
  /** An eligible (cán bộ/công chức, at work) person in a unit the build has (`done`) or has not (`open`) reached yet. */
  const eligibleAround = (id: string, chunk: 'done' | 'open') =>
    `SELECT p.id FROM person p JOIN org_unit u ON u.id = p.unit_id
       JOIN coverage_build_chunk c ON c.target_id = '${id}' AND u.id = ANY(c.unit_ids) AND c.done = ${chunk === 'done'}
      WHERE p.status = 'active' AND p.category IN ('can_bo', 'cong_chuc') ORDER BY u.path, p.staff_code LIMIT 1`;
  /** Steps a build by hand (the builder of this app is stopped in the tests that need to hold a build half-way). */
  const step = async (id: string) => (await t.db.query(`SELECT * FROM coverage_build_step($1)`, [id]))[0];

  beforeAll(async () => {
    // Every target reaches more than 0 people: each is built after its save, two people a step.
    t = await createTestApp({ config: { coverageBuild: { inlinePeople: 0, stepPeople: 2, workers: 2 } } });
    p = await seedSmallProvince(t.db);
    evidence = t.app.get(EvidenceService);
    coord = await login(t.http, 'coord');
    for (const r of await t.db.query(`SELECT id, code FROM topic`)) topics[r.code] = r.id;
    // More units and people than one step takes, with evidence before the target exists.
    for (let i = 0; i < 4; i++) {
      const unit = await insertUnit(t.db, { code: `T.X.B${i}`, name: `Xã Bước ${i}`, level: 'commune' as never, parent: p.units.province });
      for (let j = 0; j < 3; j++) {
        const person = await insertPerson(t.db, { staffCode: `B${i}${j}`, fullName: `Người Bước ${i}${j}`, unitId: unit.id, category: j === 2 ? 'vien_chuc' : 'cong_chuc' });
        if (j === 0) await record(person.id, 'ASEAN', EvidenceKind.CourseCompleted, '2024-05-01T03:00:00Z');
        if (j === 1 && i % 2 === 0) await record(person.id, 'ASEAN', EvidenceKind.Attendance, '2025-05-01T03:00:00Z');
      }
    }
    await record(p.people.communeAStaff.id, 'ASEAN', EvidenceKind.TestPassed, '2025-02-01T03:00:00Z');
  });
  afterAll(() => t.close());

  it('a new target is built after its save; once ready, its figures equal a full recomputation', async () => {
    const created = (await t.http.post('/api/targets').set(auth(coord)).send(body()).expect(201)).body;
    await ready(created.id);
    const want = await expected(created.id, 2025);
    expect(want.eligible).toBeGreaterThan(8);
    expect(want.covered).toBeGreaterThan(2);
    expect(await figures(created.id, 2025)).toEqual(want);
    expect(await figures(created.id, 2024)).toEqual(await expected(created.id, 2024));
    expect(await verify(created.id)).toMatchObject({ counterDiffs: 0, personDiffs: 0, unitDiffs: 0 });
  });

  describe('with the builder stopped, a build held half-way', () => {
    let id: string;
    beforeAll(async () => {
      id = (await t.http.post('/api/targets').set(auth(coord)).send(body()).expect(201)).body.id;
      await ready(id);
      await t.app.get(CoverageBuilder).onModuleDestroy();
    });

    it('shows the coordinator how far it is, and a pass during the build is counted exactly', async () => {
      const edited = body({ code: (await target(id)).code, validity: 'year' });
      await t.http.put(`/api/targets/${id}`).set(auth(coord)).send(edited).expect(200);
      const first = await step(id);
      expect(first.finished).toBe(false);
      const building = (await target(id)).coverageBuild;
      expect(building).toEqual({ done: first.done, total: first.total, pct: Math.floor((100 * first.done) / first.total) });
      expect(building.pct).toBeLessThan(100);
      // Test passes during the build: of an eligible person the build has not reached yet, and of one it has.
      const [ahead, behind] = await Promise.all((['open', 'done'] as const).map(async (chunk) => (await t.db.query(eligibleAround(id, chunk)))[0]));
      expect(ahead && behind).toBeTruthy();
      for (const r of [ahead, behind]) await record(r.id, 'ASEAN', EvidenceKind.TestPassed, '2025-06-01T03:00:00Z');
      await figures(id, 2025); // a read folds the queued passes
      while (!(await step(id)).finished) {
        /* next step */
      }
      expect((await target(id)).coverageBuild).toBeNull();
      expect(await figures(id, 2025)).toEqual(await expected(id, 2025));
      expect(await figures(id, 2026)).toEqual(await expected(id, 2026));
      expect(await verify(id)).toMatchObject({ counterDiffs: 0, personDiffs: 0, unitDiffs: 0 });
    });

    it('an edit during the build starts it again under the new rules', async () => {
      await t.http.put(`/api/targets/${id}`).set(auth(coord)).send(body({ code: (await target(id)).code, validity: 'phase' })).expect(200);
      await step(id);
      await step(id);
      // Only course completions now count, for every category: what the first steps wrote under the old rules is redone.
      const rules = body({ code: (await target(id)).code, validity: 'year', evidenceKinds: ['course_completed'], audience: { categories: [], doesCchcWork: null, isLeader: null, unitLevels: [], unitIds: [] } });
      await t.http.put(`/api/targets/${id}`).set(auth(coord)).send(rules).expect(200);
      expect((await target(id)).coverageBuild).toMatchObject({ done: 0 });
      // A transfer during the build, of a person the build has not reached into a commune it has already passed.
      const passedCommune = async () =>
        (await t.db.query(
          `SELECT u.id FROM org_unit u JOIN coverage_build_chunk c ON c.target_id = $1 AND u.id = ANY(c.unit_ids) AND c.done WHERE u.level = 'commune' ORDER BY u.path LIMIT 1`,
          [id],
        ))[0];
      let mover: { id: string } | undefined;
      let passed: { id: string } | undefined;
      for (let i = 0; i < 20 && !(mover && passed); i++) {
        await step(id);
        [mover, passed] = [(await t.db.query(eligibleAround(id, 'open')))[0], await passedCommune()];
      }
      expect(mover && passed).toBeTruthy();
      await t.db.query(`UPDATE person SET unit_id = $2 WHERE id = $1`, [mover!.id, passed!.id]);
      while (!(await step(id)).finished) {
        /* next step */
      }
      const want = await expected(id, 2025);
      expect(await figures(id, 2025)).toEqual(want);
      expect(await figures(id, 2024)).toEqual(await expected(id, 2024));
      expect(await verify(id)).toMatchObject({ counterDiffs: 0, personDiffs: 0, unitDiffs: 0 });
    });

    it('a build left half-way by a stopped node is picked up by the next builder', async () => {
      await t.http.put(`/api/targets/${id}`).set(auth(coord)).send(body({ code: (await target(id)).code })).expect(200);
      await step(id);
      expect((await target(id)).coverageBuild).not.toBeNull();
      // Another node's builder (a fresh one here) finds the open build and finishes it.
      const builder = new CoverageBuilder(t.app.get(TargetsRepository), { coverageBuild: { inlinePeople: 0, stepPeople: 2, workers: 2 } } as never);
      builder.kick();
      await ready(id);
      await builder.onModuleDestroy();
      expect(await verify(id)).toMatchObject({ counterDiffs: 0, personDiffs: 0, unitDiffs: 0 });
    });

    it('two workers step the same build at once, each on its own chunk, and the figures are exact', async () => {
      await t.http.put(`/api/targets/${id}`).set(auth(coord)).send(body({ code: (await target(id)).code, validity: 'year' })).expect(200);
      const chunks = async () => (await t.db.query(`SELECT seq, done FROM coverage_build_chunk WHERE target_id = $1 ORDER BY seq`, [id])) as { seq: number; done: boolean }[];
      expect((await chunks()).filter((c) => !c.done).length).toBeGreaterThan(2);
      const a = t.db.createQueryRunner();
      const b = t.db.createQueryRunner();
      try {
        // Worker A's step is still running (its transaction open) when worker B asks for a step: B claims the next
        // chunk rather than waiting for A's or doing it again (B then waits only to add its totals to the
        // province's, which A holds until it commits).
        await a.startTransaction();
        const [fromA] = await a.query(`SELECT * FROM coverage_build_step($1, false)`, [id]);
        expect(fromA).toMatchObject({ finished: false });
        const [{ pid }] = await b.query(`SELECT pg_backend_pid() AS pid`);
        let bDone = false;
        const stepB = b.query(`SELECT * FROM coverage_build_step($1, false)`, [id]).finally(() => (bDone = true));
        // B has run its chunk and waits (if at all) for a row of the totals, never for A's chunk.
        const waitsOn = async () =>
          ((await t.db.query(`SELECT relation::regclass::text AS rel FROM pg_locks WHERE pid = $1 AND locktype = 'tuple'`, [pid])) as { rel: string }[]).map((l) => l.rel);
        const waiting = async () => (await t.db.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]))[0]?.wait_event_type === 'Lock';
        await waitFor('worker B to run its chunk', async () => bDone || (await waiting()));
        expect(await waitsOn()).not.toContain('coverage_build_chunk');
        await a.commitTransaction();
        const [fromB] = await stepB;
        expect(fromB).toMatchObject({ finished: false });
        // The first two chunks are done, nothing else.
        const all = await chunks();
        expect(all.filter((c) => c.done).map((c) => c.seq)).toEqual(all.slice(0, 2).map((c) => c.seq));
      } finally {
        if (a.isTransactionActive) await a.rollbackTransaction();
        await a.release();
        await b.release();
      }
      while (!(await step(id)).finished) {
        /* next step */
      }
      expect((await target(id)).coverageBuild).toBeNull();
      expect(await figures(id, 2025)).toEqual(await expected(id, 2025));
      expect(await verify(id)).toMatchObject({ counterDiffs: 0, personDiffs: 0, unitDiffs: 0 });
    });
  });
});
