import { asUser } from '../support/fixtures/api-client';
import { createTestApp, login, TestApp } from '../support/test-app';
import { DEMO_PASSWORD, seedDemoProvince } from '@api/seed/demo-seed';

// jest ignores testTimeout inside `projects`; on a busy machine starting the app or browser needs more than 5 s.
jest.setTimeout(120_000);

describe('Demo learning content', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoProvince(t.db, () => {}, { peopleCount: 600 });
  }, 120_000);
  afterAll(() => t.close());

  it('publishes the ASEAN, public-service culture, administrative skills and six CCHC field courses, with Vietnamese lessons', async () => {
    const learner = asUser(t.http, await login(t.http, 'hocvien', DEMO_PASSWORD));
    const catalogue = (await learner.get('/api/courses').expect(200)).body;
    expect(catalogue).toHaveLength(9);
    const titles = catalogue.map((c: { title: string }) => c.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Đề án 1439: Nền công vụ và Cộng đồng ASEAN',
        'Văn hóa công vụ theo Quyết định 1847/QĐ-TTg',
        'Cải cách thể chế',
        'Cải cách thủ tục hành chính',
        'Cải cách tổ chức bộ máy hành chính nhà nước',
        'Cải cách chế độ công vụ',
        'Cải cách tài chính công',
        'Xây dựng chính quyền điện tử, chính quyền số',
        'Kỹ năng hành chính cho cán bộ, công chức',
      ]),
    );
    const asean = catalogue.find((c: { title: string }) => c.title.startsWith('Đề án 1439'));
    const detail = (await learner.get(`/api/courses/${asean.id}`).expect(200)).body;
    const lesson = (await learner.get(`/api/lessons/${detail.modules[0].lessons[1].id}`).expect(200)).body;
    expect(lesson.bodyHtml).toContain('100%');
  });

  it("gives hocvien an assigned course, one in progress and one completed with a verifiable certificate", async () => {
    const learner = asUser(t.http, await login(t.http, 'hocvien', DEMO_PASSWORD));
    const items = (await learner.get('/api/my-learning').expect(200)).body.items;
    const byTitle = Object.fromEntries(items.map((i: { course: { title: string }; status: string; dueDate: string | null }) => [i.course.title, { status: i.status, dueDate: i.dueDate }]));
    expect(byTitle['Đề án 1439: Nền công vụ và Cộng đồng ASEAN']).toEqual({ status: 'not_started', dueDate: '2026-12-31' });
    expect(byTitle['Văn hóa công vụ theo Quyết định 1847/QĐ-TTg'].status).toBe('in_progress');
    expect(byTitle['Cải cách thủ tục hành chính'].status).toBe('completed');
    const completed = items.find((i: { status: string }) => i.status === 'completed');
    const verified = await t.http.get(`/api/certificates/${completed.course.mine.certificateCode}`).expect(200);
    expect(verified.body.unitName).toBe('Phường Nha Trang');
  });

  it('shows the commune officer who in Phường Nha Trang has not started the province-wide ASEAN assignment', async () => {
    const officer = asUser(t.http, await login(t.http, 'donvi.xa', DEMO_PASSWORD));
    const [assignment] = (await officer.get('/api/assignments').expect(200)).body;
    expect(assignment).toMatchObject({ courseTitle: 'Đề án 1439: Nền công vụ và Cộng đồng ASEAN', dueDate: '2026-12-31' });
    expect(assignment.counts.completed).toBe(2);
    expect(assignment.counts.in_progress).toBeGreaterThan(0);
    expect(assignment.counts.not_started).toBeGreaterThan(0);
    const coordinator = asUser(t.http, await login(t.http, 'dieuphoi', DEMO_PASSWORD));
    const province = (await coordinator.get(`/api/assignments/${assignment.id}`).expect(200)).body;
    expect(province.counts.total).toBeGreaterThan(assignment.counts.total);
  });

  it("links the demo bank's questions to the demo lessons and library documents that teach them", async () => {
    const rows: { code: string; stem: string; lesson: string | null; document: string | null }[] = await t.db.query(
      `SELECT t.code, v.stem, (SELECT string_agg(title, ' | ' ORDER BY title) FROM lesson WHERE id = ANY(v.lesson_ids)) AS lesson,
              (SELECT string_agg(coalesce(number, title), ' | ' ORDER BY title) FROM library_document WHERE id = ANY(v.document_ids)) AS document
         FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version JOIN topic t ON t.id = q.topic_id
        ORDER BY q.code`,
    );
    const of = (start: string) => rows.find((r) => r.stem.startsWith(start))!;
    expect(of('Theo Đề án 1439, đến năm 2025 tỷ lệ cán bộ')).toMatchObject({ lesson: 'Mục tiêu đến năm 2025' });
    expect(of('Khi giao tiếp với người dân, cán bộ, công chức cần thể hiện')).toMatchObject({ lesson: 'Chuẩn mực giao tiếp, ứng xử', document: '6861/KH-UBND' });
    // Where a demo course teaches the topic, most questions link a lesson; every CCHC field question links its source: QĐ 1718 when it asks about it, else the CCHC plan.
    const taught = rows.filter((r) => ['ASEAN', 'VHCV', 'CCHC.TTHC', 'CCHC.THECHE', 'CCHC.TCBM'].includes(r.code));
    expect(taught.filter((r) => r.lesson).length / taught.length).toBeGreaterThan(0.5);
    const fields = rows.filter((r) => r.code.startsWith('CCHC.') && !r.code.startsWith('CCHC.KN.'));
    expect(fields.filter((r) => r.document !== (r.stem.includes('1718') ? '1718/QĐ-UBND' : '2855/QĐ-UBND'))).toEqual([]);
    // Seeding again changes nothing (hocvien's remedial demo links its topic's few questions that had none).
    const before = JSON.stringify(rows);
    await seedDemoProvince(t.db, () => {}, { peopleCount: 600 });
    const again = await t.db.query(
      `SELECT t.code, v.stem, (SELECT string_agg(title, ' | ' ORDER BY title) FROM lesson WHERE id = ANY(v.lesson_ids)) AS lesson,
              (SELECT string_agg(coalesce(number, title), ' | ' ORDER BY title) FROM library_document WHERE id = ANY(v.document_ids)) AS document
         FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version JOIN topic t ON t.id = q.topic_id
        ORDER BY q.code`,
    );
    expect(JSON.stringify(again)).toBe(before);
  });
});
