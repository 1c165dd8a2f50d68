import { UnitLevel } from '@cchc/shared';
import { asUser, expectApiError, type ApiAs } from '../support/fixtures/api-client';
import { publishedCourse } from '../support/fixtures/courses';
import { snapshotTables } from '../support/fixtures/db-snapshot';
import { createTestApp, insertPerson, insertUnit, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

// jest ignores testTimeout inside `projects`; on a busy machine starting the app or browser needs more than 5 s.
jest.setTimeout(60_000);

const DAY = 24 * 3600 * 1000;

describe('Enrolments: assignments by audience, progress reports, scope', () => {
  let t: TestApp;
  let p: SmallProvince;
  let author: ApiAs;
  let coord: ApiAs;
  let learner: ApiAs;
  let communeOfficer: ApiAs;
  let courseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    author = asUser(t.http, await login(t.http, 'author'));
    coord = asUser(t.http, await login(t.http, 'coord'));
    learner = asUser(t.http, await login(t.http, 'learner'));
    communeOfficer = asUser(t.http, await login(t.http, 'commune.officer'));
    ({ course: { id: courseId } } = await publishedCourse(author, t.db, { title: 'Cộng đồng ASEAN', modules: [2] }));
  });
  afterAll(() => t.close());

  const members = async (api: ApiAs, id: string, status?: string): Promise<Record<string, string>> => {
    const res = await api.get(`/api/assignments/${id}/people?pageSize=500${status ? `&status=${status}` : ''}`).expect(200);
    return Object.fromEntries(res.body.items.map((m: { fullName: string; status: string }) => [m.fullName, m.status]));
  };

  it('assigns to a unit subtree; people who join later are included and those who leave drop out', async () => {
    const res = await coord.post('/api/assignments', { courseId, unitId: p.units.province.id, dueDate: '2099-12-31' }).expect(201);
    const id = res.body.id;
    // Everyone active in the province; the retired person is not in the audience.
    expect(res.body.counts).toMatchObject({ total: 5, not_started: 5 });
    expect(Object.keys(await members(coord, id))).not.toContain('Võ Thị Phương');

    // The learner sees it in "my learning", with the due date, and got a notification.
    const mine = (await learner.get('/api/my-learning').expect(200)).body.items;
    expect(mine).toEqual([expect.objectContaining({ assigned: true, dueDate: '2099-12-31', status: 'not_started' })]);
    const notes = (await learner.get('/api/notifications').expect(200)).body.items;
    expect(notes[0]).toMatchObject({ kind: 'course_assigned', link: `/learning/courses/${courseId}` });

    // A new hire after the assignment is in it at once.
    const newHire = await insertPerson(t.db, { staffCode: 'N0001', fullName: 'Đinh Thị Mới', unitId: p.units.communeA.id });
    expect(await members(coord, id)).toHaveProperty('Đinh Thị Mới', 'not_started');

    // Retiring takes a person out of the audience; their record stays.
    await coord.post(`/api/people/${newHire.id}/status`, { status: 'retired' }).expect(200);
    expect(await members(coord, id)).not.toHaveProperty('Đinh Thị Mới');
  });

  it('a commune assignment follows transfers in and out', async () => {
    const res = await communeOfficer.post('/api/assignments', { courseId, unitId: p.units.communeA.id, dueDate: '2099-06-30' }).expect(201);
    const id = res.body.id;
    expect(Object.keys(await members(communeOfficer, id)).sort()).toEqual(['Lê Đức Cường', 'Phạm Thị Dung']);

    // Transfer in from commune B: now in the audience, and sees the course assigned.
    await coord.post(`/api/people/${p.people.communeBStaff.id}/transfer`, { unitId: p.units.communeA.id }).expect(200);
    expect(await members(communeOfficer, id)).toHaveProperty('Hoàng Văn Em', 'not_started');
    // Transfer out: gone from the commune's list.
    await coord.post(`/api/people/${p.people.communeAStaff2.id}/transfer`, { unitId: p.units.communeB.id }).expect(200);
    expect(await members(communeOfficer, id)).not.toHaveProperty('Phạm Thị Dung');
    // Put them back for the next tests.
    await coord.post(`/api/people/${p.people.communeBStaff.id}/transfer`, { unitId: p.units.communeB.id }).expect(200);
    await coord.post(`/api/people/${p.people.communeAStaff2.id}/transfer`, { unitId: p.units.communeA.id }).expect(200);
  });

  it('filters the audience by category, flags and chosen people', async () => {
    const cchc = await coord.post('/api/assignments', { courseId, unitId: p.units.province.id, doesCchcWork: true, dueDate: '2099-12-31' }).expect(201);
    expect(Object.keys(await members(coord, cchc.body.id))).toEqual(['Trần Thị Bích']);
    const leaders = await coord.post('/api/assignments', { courseId, unitId: p.units.province.id, isLeader: true, dueDate: '2099-12-31' }).expect(201);
    expect(Object.keys(await members(coord, leaders.body.id))).toEqual(['Nguyễn Văn An']);
    const canBo = await coord.post('/api/assignments', { courseId, unitId: p.units.province.id, categories: ['can_bo'], dueDate: '2099-12-31' }).expect(201);
    expect(Object.keys(await members(coord, canBo.body.id))).toEqual(['Lê Đức Cường']);
    const chosen = await coord
      .post('/api/assignments', { courseId, unitId: p.units.communeA.id, personIds: [p.people.communeAStaff2.id], dueDate: '2099-12-31' })
      .expect(201);
    expect(Object.keys(await members(coord, chosen.body.id))).toEqual(['Phạm Thị Dung']);
    // Chosen people must be inside the chosen unit.
    expectApiError(
      await coord.post('/api/assignments', { courseId, unitId: p.units.communeA.id, personIds: [p.people.communeBStaff.id], dueDate: '2099-12-31' }),
      400,
      'ASSIGNMENT_PEOPLE_OUTSIDE',
    );
  });

  it('reports not started / in progress / completed / overdue', async () => {
    const { course, lessonIds: ids } = await publishedCourse(author, t.db, { title: 'Khóa có hạn', modules: [2] });
    const res = await communeOfficer.post('/api/assignments', { courseId: course.id, unitId: p.units.communeA.id, dueDate: new Date(t.clock.now().getTime() + 2 * DAY).toISOString().slice(0, 10) }).expect(201);
    const id = res.body.id;
    await learner.post(`/api/lessons/${ids[0]}/progress`, { completed: true }).expect(200);
    expect(await members(communeOfficer, id)).toEqual({ 'Lê Đức Cường': 'in_progress', 'Phạm Thị Dung': 'not_started' });
    const people = (await communeOfficer.get(`/api/assignments/${id}/people`).expect(200)).body.items;
    expect(people.find((m: { fullName: string }) => m.fullName === 'Lê Đức Cường').percent).toBe(50);

    await learner.post(`/api/lessons/${ids[1]}/progress`, { completed: true }).expect(200);
    t.clock.advance(5 * DAY);
    try {
      expect(await members(communeOfficer, id)).toEqual({ 'Lê Đức Cường': 'completed', 'Phạm Thị Dung': 'overdue' });
      expect(await members(communeOfficer, id, 'overdue')).toEqual({ 'Phạm Thị Dung': 'overdue' });
      const summary = (await communeOfficer.get(`/api/assignments/${id}`).expect(200)).body;
      expect(summary.counts).toEqual({ total: 2, completed: 1, overdue: 1, in_progress: 0, not_started: 0 });
    } finally {
      t.clock.advance(-5 * DAY);
    }
  });

  describe('scope', () => {
    it('a unit officer assigns only inside their subtree, and nothing is written when refused', async () => {
      const before = await snapshotTables(t.db, ['course_assignment', 'notification', 'audit_log']);
      const res = await communeOfficer.post('/api/assignments', { courseId, unitId: p.units.communeB.id, dueDate: '2099-12-31' });
      expectApiError(res, 403, 'OUT_OF_SCOPE');
      expectApiError(await communeOfficer.post('/api/assignments', { courseId, unitId: p.units.province.id, dueDate: '2099-12-31' }), 403, 'OUT_OF_SCOPE');
      expect(await snapshotTables(t.db, ['course_assignment', 'notification', 'audit_log'])).toEqual(before);
    });

    it("sees a province-wide assignment limited to their own people, and cannot cancel it", async () => {
      const res = await coord.post('/api/assignments', { courseId, unitId: p.units.province.id, dueDate: '2099-11-30' }).expect(201);
      const listed = (await communeOfficer.get('/api/assignments').expect(200)).body.find((a: { id: string }) => a.id === res.body.id);
      expect(listed.counts.total).toBe(2);
      expect(Object.keys(await members(communeOfficer, res.body.id)).sort()).toEqual(['Lê Đức Cường', 'Phạm Thị Dung']);
      expectApiError(await communeOfficer.post(`/api/assignments/${res.body.id}/cancel`), 403, 'OUT_OF_SCOPE');
    });

    it('does not see assignments of another commune', async () => {
      const res = await coord.post('/api/assignments', { courseId, unitId: p.units.communeB.id, dueDate: '2099-11-30' }).expect(201);
      expect((await communeOfficer.get('/api/assignments').expect(200)).body.map((a: { id: string }) => a.id)).not.toContain(res.body.id);
      expectApiError(await communeOfficer.get(`/api/assignments/${res.body.id}`), 403, 'OUT_OF_SCOPE');
      expectApiError(await communeOfficer.get(`/api/assignments/${res.body.id}/people`), 403, 'OUT_OF_SCOPE');
    });

    it('a learner cannot assign or read reports', async () => {
      expectApiError(await learner.post('/api/assignments', { courseId, unitId: p.units.communeA.id, dueDate: '2099-12-31' }), 403, 'FORBIDDEN');
      expectApiError(await learner.get('/api/assignments'), 403, 'FORBIDDEN');
    });
  });

  it('cancelling stops the assignment from applying; progress made stays', async () => {
    const sub = await insertUnit(t.db, { code: 'T.X.A.TO1', name: 'Tổ dân phố 1', level: UnitLevel.SubUnit, parent: p.units.communeA });
    const person = await insertPerson(t.db, { staffCode: 'N0100', fullName: 'Mai Văn Tổ', unitId: sub.id });
    await insertUser(t.db, { username: 'to.learner', role: 'learner' as never, unitId: sub.id, personId: person.id });
    const toLearner = asUser(t.http, await login(t.http, 'to.learner'));
    const own = await publishedCourse(author, t.db, { title: 'Khóa riêng của tổ', modules: [2] });
    const res = await communeOfficer.post('/api/assignments', { courseId: own.course.id, unitId: sub.id, dueDate: '2099-12-31', note: 'Hoàn thành trong quý' }).expect(201);
    const item = () => toLearner.get('/api/my-learning').expect(200).then((r) => r.body.items.find((i: { course: { id: string } }) => i.course.id === own.course.id));
    expect(await item()).toMatchObject({ assigned: true, dueDate: '2099-12-31' });
    await toLearner.post(`/api/lessons/${own.lessonIds[0]}/progress`, { completed: true }).expect(200);
    const cancelled = (await communeOfficer.post(`/api/assignments/${res.body.id}/cancel`).expect(200)).body;
    expect(cancelled.cancelledAt).toBeTruthy();
    expectApiError(await communeOfficer.post(`/api/assignments/${res.body.id}/cancel`), 400, 'ASSIGNMENT_CANCELLED');
    // Still in "my learning" because they started it, but no longer assigned.
    expect(await item()).toMatchObject({ assigned: false, dueDate: null, status: 'in_progress' });
  });

  it('validates the request: past due date, unpublished course', async () => {
    expectApiError(await coord.post('/api/assignments', { courseId, unitId: p.units.communeA.id, dueDate: '2020-01-01' }), 400, 'ASSIGNMENT_DUE_PAST');
    const draft = await publishedCourse(author, t.db, { title: 'Nháp', publish: false });
    expectApiError(await coord.post('/api/assignments', { courseId: draft.course.id, unitId: p.units.communeA.id, dueDate: '2099-01-01' }), 400, 'COURSE_NOT_OPEN');
    expectApiError(await coord.post('/api/assignments', { courseId, unitId: p.units.communeA.id, dueDate: '31/12/2099' }), 400);
  });
});
