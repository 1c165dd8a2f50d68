import { Role } from '@cchc/shared';
import { createTestApp, insertPerson, insertUser, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';

describe('Q&A channel and FAQ', () => {
  let t: TestApp;
  let p: SmallProvince;
  let learner: string;
  let otherLearner: string;
  let author: string;
  let coordinator: string;
  let topics: Record<string, string>;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    p = await seedSmallProvince(t.db);
    const other = await insertPerson(t.db, { staffCode: 'T0100', fullName: 'Đinh Thị Hạnh', unitId: p.units.communeB.id });
    await insertUser(t.db, { username: 'learner.b', role: Role.Learner, unitId: p.units.communeB.id, personId: other.id });
    [learner, otherLearner, author, coordinator] = await Promise.all(['learner', 'learner.b', 'author', 'coord'].map((u) => login(t.http, u)));
    topics = Object.fromEntries((await t.db.query(`SELECT code, id FROM topic`)).map((r: { code: string; id: string }) => [r.code, r.id]));
  });
  afterAll(() => t.close());

  const ask = (token: string, body: object) => t.http.post('/api/qa/questions').set(bearer(token)).send(body);
  const faq = (token: string, q?: string) => t.http.get('/api/qa/faq').query(q ? { q } : {}).set(bearer(token)).expect(200);

  let questionId: string;

  it('a learner asks on a topic and sees the question in "my questions"; another learner cannot read it', async () => {
    const res = await ask(learner, {
      title: 'Thủ tục nào phải tiếp nhận qua bộ phận một cửa?',
      body: 'Ở phường, hồ sơ đăng ký hộ kinh doanh có bắt buộc nộp qua bộ phận một cửa không?',
      topicId: topics['CCHC.TTHC'],
    }).expect(201);
    questionId = res.body.id;
    expect(res.body).toMatchObject({
      status: 'open',
      answer: null,
      published: false,
      mine: true,
      askerName: 'Tài khoản learner',
      askerUnitName: 'Xã An Bình',
      topic: { code: 'CCHC.TTHC', name: 'Cải cách thủ tục hành chính' },
    });

    const mine = await t.http.get('/api/qa/questions/mine').set(bearer(learner)).expect(200);
    expect(mine.body.items.map((q: { id: string }) => q.id)).toEqual([questionId]);
    expect((await t.http.get('/api/qa/questions/mine').set(bearer(otherLearner)).expect(200)).body.items).toEqual([]);

    const denied = await t.http.get(`/api/qa/questions/${questionId}`).set(bearer(otherLearner)).expect(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    expect(denied.body.message).toContain('câu hỏi của chính mình');
  });

  it('refuses an empty question and an unknown topic', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM qa_question`))[0].n;
    expect((await ask(learner, { title: '  ', body: 'Nội dung câu hỏi' })).status).toBe(400);
    expect((await ask(learner, { title: 'Câu hỏi hợp lệ', body: 'Nội dung', topicId: '00000000-0000-4000-8000-000000000000' })).body.code).toBe('TOPIC_NOT_FOUND');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM qa_question`))[0].n).toBe(before);
  });

  it('authors and coordinators see open questions first in the inbox, filtered by topic and status; learners cannot', async () => {
    const answeredLater = await ask(otherLearner, { title: 'Văn hóa công vụ quy định trang phục thế nào?', body: 'Công chức phường có phải mặc đồng phục không?', topicId: topics.VHCV }).expect(201);
    const inbox = await t.http.get('/api/qa/inbox').set(bearer(author)).expect(200);
    expect(inbox.body.items.map((q: { id: string }) => q.id)).toEqual([questionId, answeredLater.body.id]);
    expect(inbox.body.items[0].askerName).toBe('Tài khoản learner');

    const byTopic = await t.http.get('/api/qa/inbox').query({ topicId: topics.CCHC }).set(bearer(coordinator)).expect(200);
    expect(byTopic.body.items.map((q: { id: string }) => q.id)).toEqual([questionId]);
    expect((await t.http.get('/api/qa/inbox').query({ status: 'answered' }).set(bearer(author)).expect(200)).body.total).toBe(0);
    expect((await t.http.get('/api/qa/inbox').query({ q: 'dong phuc' }).set(bearer(author)).expect(200)).body.items[0].id).toBe(answeredLater.body.id);

    await t.http.get('/api/qa/inbox').set(bearer(learner)).expect(403);
    const unitOfficer = await login(t.http, 'commune.officer');
    await t.http.get('/api/qa/inbox').set(bearer(unitOfficer)).expect(403);
    // Those who answer may read any question.
    await t.http.get(`/api/qa/questions/${questionId}`).set(bearer(coordinator)).expect(200);
  });

  it('a learner cannot answer or publish', async () => {
    await t.http.post(`/api/qa/questions/${questionId}/answer`).set(bearer(learner)).send({ answer: 'Tự trả lời câu hỏi' }).expect(403);
    await t.http.post(`/api/qa/questions/${questionId}/publish`).set(bearer(learner)).send({ published: true }).expect(403);
  });

  it('publishing before an answer is refused', async () => {
    const res = await t.http.post(`/api/qa/questions/${questionId}/publish`).set(bearer(author)).send({ published: true }).expect(409);
    expect(res.body).toMatchObject({ code: 'QUESTION_NOT_ANSWERED' });
  });

  it('an author answers; the asker is notified in the app with a link to the question, once', async () => {
    const answer =
      'Đăng ký hộ kinh doanh là thủ tục hành chính cấp xã: hồ sơ nộp tại Bộ phận Một cửa của UBND phường hoặc nộp trực tuyến trên Cổng dịch vụ công.';
    const res = await t.http.post(`/api/qa/questions/${questionId}/answer`).set(bearer(author)).send({ answer }).expect(200);
    expect(res.body).toMatchObject({ status: 'answered', answer, answeredByName: 'Tài khoản author' });
    expect(res.body.answeredAt).not.toBeNull();

    const notes = await t.http.get('/api/notifications').set(bearer(learner)).expect(200);
    expect(notes.body.unread).toBe(1);
    expect(notes.body.items[0]).toMatchObject({
      kind: 'qa.answered',
      title: 'Câu hỏi của bạn đã được trả lời',
      body: 'Thủ tục nào phải tiếp nhận qua bộ phận một cửa?',
      link: `/qa/questions/${questionId}`,
    });
    expect((await t.http.get('/api/notifications').set(bearer(otherLearner))).body.unread).toBe(0);

    // A corrected answer replaces the text without a second notification.
    await t.http.post(`/api/qa/questions/${questionId}/answer`).set(bearer(coordinator)).send({ answer: `${answer} Thời hạn giải quyết theo quyết định công bố TTHC của tỉnh.` }).expect(200);
    expect((await t.http.get('/api/notifications').set(bearer(learner))).body.unread).toBe(1);

    const seen = await t.http.get(`/api/qa/questions/${questionId}`).set(bearer(learner)).expect(200);
    expect(seen.body.answer).toContain('Thời hạn giải quyết');
    expect(seen.body.answeredByName).toBe('Tài khoản coord');
  });

  it('a published answer appears in the FAQ for everyone, found with or without diacritics, without the asker’s name', async () => {
    expect((await faq(otherLearner, 'mot cua')).body.total).toBe(0);
    const res = await t.http
      .post(`/api/qa/questions/${questionId}/publish`)
      .set(bearer(author))
      .send({ published: true, body: 'Hồ sơ đăng ký hộ kinh doanh có bắt buộc nộp qua bộ phận một cửa không?' })
      .expect(200);
    expect(res.body).toMatchObject({ published: true });

    // With or without diacritics, precomposed (NFC) or decomposed (NFD, as Unikey's "Unicode tổ hợp" and macOS type it).
    for (const q of ['mot cua', 'một cửa', 'mo\u0323t cu\u031Ba', 'HO KINH DOANH', 'cong dich vu cong', 'thu tuc hanh chinh', 'thủ tục hành chính'.normalize('NFD')]) {
      const found = await faq(otherLearner, q);
      expect({ q, ids: found.body.items.map((x: { id: string }) => x.id) }).toEqual({ q, ids: [questionId] });
    }
    const entry = (await faq(otherLearner, 'mot cua')).body.items[0];
    expect(entry).toMatchObject({ title: 'Thủ tục nào phải tiếp nhận qua bộ phận một cửa?', body: 'Hồ sơ đăng ký hộ kinh doanh có bắt buộc nộp qua bộ phận một cửa không?' });
    expect(entry.answer).toContain('Bộ phận Một cửa');
    expect(JSON.stringify(entry)).not.toContain('learner');
    expect((await faq(otherLearner, 'khong lien quan')).body.total).toBe(0);
    // Only punctuation or spaces: nothing, with a clear message (not the whole FAQ); the inbox's search says the same.
    for (const url of ['/api/qa/faq', '/api/qa/inbox']) {
      for (const q of ['?!', ' ', '…']) {
        const refused = await t.http.get(url).query({ q }).set(bearer(url.endsWith('faq') ? otherLearner : author)).expect(400);
        expect(refused.body.message).toContain('Từ khóa tìm kiếm phải có ít nhất một chữ cái hoặc chữ số');
      }
    }
    expect((await t.http.get('/api/qa/faq').query({ topicId: topics.CCHC }).set(bearer(otherLearner)).expect(200)).body.total).toBe(1);
    expect((await t.http.get('/api/qa/faq').query({ topicId: topics.VHCV }).set(bearer(otherLearner)).expect(200)).body.total).toBe(0);

    const read = await t.http.get(`/api/qa/questions/${questionId}`).set(bearer(otherLearner)).expect(200);
    expect(read.body).toMatchObject({ published: true, mine: false, askerName: null, askerUnitName: null });

    await t.http.post(`/api/qa/questions/${questionId}/publish`).set(bearer(author)).send({ published: false }).expect(200);
    expect((await faq(otherLearner, 'mot cua')).body.total).toBe(0);
    await t.http.get(`/api/qa/questions/${questionId}`).set(bearer(otherLearner)).expect(403);
  });

  it('an unknown question id → 404, a malformed one → 400', async () => {
    const res = await t.http.get('/api/qa/questions/00000000-0000-4000-8000-000000000000').set(bearer(learner)).expect(404);
    expect(res.body.code).toBe('QUESTION_NOT_FOUND');
    expect((await t.http.get('/api/qa/questions/abc').set(bearer(learner)).expect(400)).body.code).toBe('INVALID_ID');
    await t.http.get('/api/qa/faq').expect(401);
  });
});
