import { asUser } from '../support/fixtures/api-client';
import { publishedCourse } from '../support/fixtures/courses';
import { vnDate } from '../support/fixtures/dates';
import { createTestApp, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

describe('reminders', () => {
  let t: TestApp;
  let coord: string;
  let p: SmallProvince;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const notifications = (kind: string) => t.db.query(`SELECT user_id, title, dedupe_key FROM notification WHERE kind = $1 ORDER BY user_id`, [kind]);

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    coord = await login(t.http, 'coord');
  });
  afterAll(() => t.close());

  it('notifies test rounds opening and report deadlines once, however often it runs', async () => {
    const now = Date.now();
    await t.db.query(
      `INSERT INTO test_round (name, status, opens_at, closes_at) VALUES ('Kiểm tra kiến thức CCHC quý IV', 'scheduled', $1, $2), ('Kỳ đã qua', 'closed', $3, $4)`,
      [new Date(now + 2 * 86400e3), new Date(now + 10 * 86400e3), new Date(now - 60 * 86400e3), new Date(now - 50 * 86400e3)],
    );
    // Move every active target's unit deadline to 5 days from now (this year) so it falls in the reminder window.
    const due = new Date(now + 5 * 86400e3 + 7 * 3600e3);
    const mmdd = `${String(due.getUTCMonth() + 1).padStart(2, '0')}-${String(due.getUTCDate()).padStart(2, '0')}`;
    await t.db.query(`UPDATE target SET unit_report_due = $1, province_report_due = NULL`, [mmdd]);

    const first = await t.http.post('/api/reminders/run').set(auth(coord)).expect(200);
    expect(first.body.ran).toBe(true);
    const rounds = await notifications('test_round_opening');
    // Every account linked to an active person (the learner and the coordinator) hears of the opening round.
    expect(rounds).toHaveLength(2);
    expect(rounds[0].title).toMatch(/Kỳ kiểm tra "Kiểm tra kiến thức CCHC quý IV" mở ngày/);
    const reports = await notifications('report_due');
    // Two unit officers × the targets that run this year.
    const [{ n: running }] = await t.db.query(`SELECT count(*)::int AS n FROM target WHERE active AND $1 BETWEEN start_year AND end_year`, [due.getUTCFullYear()]);
    expect(reports).toHaveLength(2 * running);
    expect(reports[0].title).toMatch(/^Hạn báo cáo năm \d{4}: /);
    // Titles name the target as people know it, never by its code.
    const codes: { code: string }[] = await t.db.query(`SELECT code FROM target`);
    for (const r of reports) for (const { code } of codes) expect(r.title).not.toContain(code);

    const second = await t.http.post('/api/reminders/run').set(auth(coord)).expect(200);
    expect(second.body.notifications).toBe(0);
    expect(await notifications('test_round_opening')).toHaveLength(2);
    expect(await notifications('report_due')).toHaveLength(2 * running);
  });

  it('reminds the people of an assignment due within a week who have not completed the course, once', async () => {
    const api = asUser(t.http, coord);
    const { course } = await publishedCourse(api, t.db, { title: 'Văn hóa công vụ cơ bản' });
    const soon = vnDate(3);
    await api.post('/api/assignments', { courseId: course.id, unitId: p.units.communeA.id, dueDate: soon }).expect(201);
    await api.post('/api/assignments', { courseId: course.id, unitId: p.units.communeB.id, dueDate: vnDate(30) }).expect(201);
    // One of commune A's two people already completed the course.
    await t.db.query(
      `INSERT INTO course_completion (course_id, person_id, completed_at, certificate_code, person_name, course_title, estimated_hours)
       VALUES ($1, $2, now(), 'TESTCODE0001', 'Phạm Thị Dung', 'Văn hóa công vụ cơ bản', 2)`,
      [course.id, p.people.communeAStaff2.id],
    );
    await t.db.query(`INSERT INTO user_account (username, display_name, password_hash, role, person_id) VALUES ('dung', 'Phạm Thị Dung', 'x', 'learner', $1)`, [
      p.people.communeAStaff2.id,
    ]);
    await t.http.post('/api/reminders/run').set(auth(coord)).expect(200);
    await t.http.post('/api/reminders/run').set(auth(coord)).expect(200);
    const due = await notifications('assignment_due');
    // Only the learner (commune A, not completed, has an account): not Dung (completed), not commune B (due later).
    expect(due).toHaveLength(1);
    expect(due[0].user_id).toBe(p.users.learner.id);
    expect(due[0].title).toBe('Sắp đến hạn hoàn thành: Văn hóa công vụ cơ bản');
  });
});
