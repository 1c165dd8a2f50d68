import { DEMO_PASSWORD, seedDemoProvince } from '../../apps/api/src/seed/demo-seed';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

/** The demo behaves like a live province: every person at work can sign in with their staff code. */
describe('demo accounts for every person', () => {
  let t: TestApp;
  // DEMO_PEOPLE=5000 measures the full demo province; the default keeps the suite quick.
  const peopleCount = Number(process.env.DEMO_PEOPLE ?? 800);
  let seedMs = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const started = Date.now();
    await seedDemoProvince(t.db, () => {}, { peopleCount });
    seedMs = Date.now() - started;
  }, 180_000);
  afterAll(() => t.close());

  it('gives every active person one learner account named by their staff code, and nobody else', async () => {
    console.log(`demo seed (with an account for every active person): ${peopleCount} people in ${seedMs} ms`);
    const [counts] = await t.db.query(`
      SELECT count(*) FILTER (WHERE p.status = 'active')::int AS active,
             count(a.id) FILTER (WHERE p.status = 'active')::int AS active_with_account,
             count(a.id) FILTER (WHERE p.status <> 'active')::int AS inactive_with_account,
             count(a.id) FILTER (WHERE a.role = 'learner' AND a.username <> lower(p.staff_code))::int AS learners_named_otherwise
        FROM person p LEFT JOIN user_account a ON a.person_id = p.id`);
    expect(counts.active).toBeGreaterThan(peopleCount * 0.8);
    expect(counts.active_with_account).toBe(counts.active);
    expect(counts.inactive_with_account).toBe(0);
    // hocvien keeps its demo name; every other learner is the staff code.
    expect(counts.learners_named_otherwise).toBe(1);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM user_account WHERE must_change_password`);
    expect(n).toBe(0);
  });

  it('any active person signs in with their staff code in lower case and the demo password', async () => {
    const people: { staff_code: string; full_name: string }[] = await t.db.query(
      `SELECT p.staff_code, p.full_name FROM person p WHERE p.status = 'active' AND NOT EXISTS (SELECT 1 FROM user_account a WHERE a.person_id = p.id AND a.username NOT LIKE 'kh%')
        ORDER BY md5(p.id::text) LIMIT 3`,
    );
    for (const person of people) {
      const res = await t.http.post('/api/auth/login').send({ username: person.staff_code.toLowerCase(), password: DEMO_PASSWORD }).expect(200);
      expect(res.body.user).toMatchObject({ displayName: person.full_name, role: 'learner', mustChangePassword: false });
    }
    const [retired] = await t.db.query(`SELECT staff_code FROM person WHERE status <> 'active' LIMIT 1`);
    expect((await t.http.post('/api/auth/login').send({ username: retired.staff_code.toLowerCase(), password: DEMO_PASSWORD })).status).toBe(401);
  });
});
