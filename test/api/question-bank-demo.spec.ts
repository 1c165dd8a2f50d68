import { parseGift, checkParsedQuestions } from '@cchc/shared';
import { seedDemoQuestions } from '@api/seed/demo-questions-seed';
import { createTestApp, login, seedSmallProvince, TestApp } from '../support/test-app';

describe('demo question bank seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedSmallProvince(t.db);
  });
  afterAll(() => t.close());

  it('seeds at least 150 published questions once, with enough of each difficulty per topic for a test round', async () => {
    const seeded = await t.db.transaction((tx) => seedDemoQuestions(tx));
    expect(seeded).toBeGreaterThanOrEqual(150);
    expect(await t.db.transaction((tx) => seedDemoQuestions(tx))).toBe(0);
    const pools: { code: string; difficulty: string; n: number }[] = await t.db.query(
      `SELECT t.code, q.difficulty, count(*)::int AS n FROM question q JOIN topic t ON t.id = q.topic_id
        WHERE q.status = 'published' GROUP BY 1, 2`,
    );
    const count = (code: string, difficulty?: string) => pools.filter((p) => p.code === code && (!difficulty || p.difficulty === difficulty)).reduce((s, p) => s + p.n, 0);
    for (const programme of ['ASEAN', 'KNHC', 'VHCV', 'CCHC']) {
      expect([programme, count(programme, 'easy') >= 4, count(programme, 'medium') >= 4, count(programme, 'hard') >= 2]).toEqual([programme, true, true, true]);
    }
    const fields: { code: string }[] = await t.db.query(`SELECT code FROM topic WHERE code LIKE 'CCHC.%'`);
    for (const { code } of fields) expect([code, count(code) >= 3]).toEqual([code, true]);
    // Versions are the contract the test-rounds module reads.
    const [v] = await t.db.query(`SELECT count(*)::int AS n FROM question_version v JOIN question q ON q.id = v.question_id AND q.current_version = v.version WHERE v.explanation IS NOT NULL`);
    expect(v.n).toBe(seeded);
  });

  it('the whole demo bank exports to GIFT and reads back without a problem', async () => {
    const token = await login(t.http, 'coord');
    const res = await t.http.get('/api/questions/export.gift').set('Authorization', `Bearer ${token}`).expect(200);
    const parsed = parseGift(res.text);
    expect(checkParsedQuestions(parsed)).toEqual([]);
    expect(parsed.questions.length).toBeGreaterThanOrEqual(150);
  });

  it('search without diacritics finds demo questions', async () => {
    const token = await login(t.http, 'coord');
    const res = await t.http.get('/api/questions').query({ q: 'tham nhung vat' }).set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    for (const item of res.body.items) expect(item.topicCode).toBe('VHCV');
  });
});
