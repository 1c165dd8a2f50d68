import { Role } from '@cchc/shared';
import { NotificationsService } from '@api/notifications/notifications.service';
import { createTestApp, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

describe('topics and notifications', () => {
  let t: TestApp;
  let p: SmallProvince;
  let coordinator: string;
  let learner: string;

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coordinator = await login(t.http, 'coord');
    learner = await login(t.http, 'learner');
  });
  afterAll(() => t.close());

  it('lists the seeded programmes, the six CCHC fields and the skills', async () => {
    const res = await t.http.get('/api/topics').set('authorization', `Bearer ${learner}`).expect(200);
    const byCode = new Map(res.body.map((topic: { code: string }) => [topic.code, topic]));
    expect([...byCode.keys()]).toEqual(expect.arrayContaining(['ASEAN', 'KNHC', 'VHCV', 'CCHC']));
    const cchc = byCode.get('CCHC') as { id: string };
    const fields = res.body.filter((topic: { parentId: string; kind: string }) => topic.parentId === cchc.id && topic.kind === 'field');
    expect(fields.map((f: { name: string }) => f.name)).toEqual([
      'Cải cách thể chế',
      'Cải cách thủ tục hành chính',
      'Cải cách tổ chức bộ máy',
      'Cải cách chế độ công vụ',
      'Cải cách tài chính công',
      'Xây dựng chính quyền điện tử, chính quyền số',
    ]);
  });

  it('lets a coordinator add a topic, refuses a duplicate code, and hides a deactivated topic', async () => {
    const created = await t.http
      .post('/api/topics')
      .set('authorization', `Bearer ${coordinator}`)
      .send({ code: 'ktcv.thuyettrinh', name: 'Kỹ năng thuyết trình', kind: 'skill' })
      .expect(201);
    expect(created.body.code).toBe('KTCV.THUYETTRINH');
    const dup = await t.http.post('/api/topics').set('authorization', `Bearer ${coordinator}`).send({ code: 'KTCV.THUYETTRINH', name: 'Khác', kind: 'skill' }).expect(409);
    expect(dup.body.message).toContain('Kỹ năng thuyết trình');
    await t.http.patch(`/api/topics/${created.body.id}`).set('authorization', `Bearer ${coordinator}`).send({ active: false }).expect(200);
    const active = await t.http.get('/api/topics').set('authorization', `Bearer ${learner}`).expect(200);
    expect(active.body.some((topic: { id: string }) => topic.id === created.body.id)).toBe(false);
    const all = await t.http.get('/api/topics?includeInactive=true').set('authorization', `Bearer ${learner}`).expect(200);
    expect(all.body.some((topic: { id: string }) => topic.id === created.body.id)).toBe(true);
  });

  it('delivers a notification to the person’s account once, and only its owner can read it', async () => {
    const service = t.app.get(NotificationsService);
    const message = { kind: 'qa_answered', title: 'Câu hỏi của bạn đã có trả lời', link: '/hoi-dap/1', dedupeKey: 'qa:1' };
    await service.notifyPeople([p.people.communeAStaff.id], message);
    await service.notifyPeople([p.people.communeAStaff.id], message);

    const mine = await t.http.get('/api/notifications').set('authorization', `Bearer ${learner}`).expect(200);
    expect(mine.body.unread).toBe(1);
    expect(mine.body.items[0]).toMatchObject({ title: 'Câu hỏi của bạn đã có trả lời', link: '/hoi-dap/1', readAt: null });

    const other = await insertUser(t.db, { username: 'other.learner', role: Role.Learner });
    const otherToken = await login(t.http, other.username);
    await t.http.post(`/api/notifications/${mine.body.items[0].id}/read`).set('authorization', `Bearer ${otherToken}`).expect(204);
    expect((await t.http.get('/api/notifications').set('authorization', `Bearer ${learner}`)).body.unread).toBe(1);

    await t.http.post(`/api/notifications/${mine.body.items[0].id}/read`).set('authorization', `Bearer ${learner}`).expect(204);
    const after = await t.http.get('/api/notifications').set('authorization', `Bearer ${learner}`).expect(200);
    expect(after.body.unread).toBe(0);
    expect(after.body.items[0].readAt).not.toBeNull();
    await t.http.post('/api/notifications/abc/read').set('authorization', `Bearer ${learner}`).expect(400);
  });
});
