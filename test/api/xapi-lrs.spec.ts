import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import XAPI from '@xapi/xapi';
import { Role } from '@cchc/shared';
import { createTestApp, insertUser, login, TestApp } from '../support/test-app';

/**
 * The built-in LRS end to end on the real PostgreSQL: credentials and scopes, statements (every write path, queries,
 * paging, voiding, conflicts, attachments), the document resources with their concurrency headers, activities,
 * agents, about; and a real xAPI client library talking to it over HTTP.
 */
describe('xAPI LRS (/api/xapi)', () => {
  let t: TestApp;
  let adminToken: string;
  let writer: { key: string; secret: string };
  let readerAll: string;
  let readerOwn: string;
  let writerAuth: string;

  const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  const V = { 'X-Experience-API-Version': '1.0.3' };
  const actor = (name: string) => ({ objectType: 'Agent', name: `Học viên ${name}`, account: { homePage: 'https://hoc.khanhhoa.gov.vn', name } });
  const verb = (v: string) => ({ id: `http://adlnet.gov/expapi/verbs/${v}`, display: { 'vi-VN': v, 'en-US': v } });
  const activity = (n: string) => ({ id: `https://hoc.khanhhoa.gov.vn/xapi/activities/lesson/${n}`, definition: { name: { 'vi-VN': `Bài ${n}`, 'en-US': `Lesson ${n}` } } });
  const statement = (who: string, v: string, what: string, extra: object = {}) => ({ actor: actor(who), verb: verb(v), object: activity(what), ...extra });

  async function newClient(name: string, scopes: string[]) {
    const res = await t.http.post('/api/lrs/clients').set('Authorization', `Bearer ${adminToken}`).send({ name, scopes }).expect(201);
    return { key: res.body.key as string, secret: res.body.secret as string, id: res.body.id as string, body: res.body };
  }

  const post = (body: unknown, auth = writerAuth) => t.http.post('/api/xapi/statements').set(V).set('Authorization', auth).send(body as object);
  const get = (query: Record<string, string>, auth = readerAll) => t.http.get('/api/xapi/statements').set(V).set('Authorization', auth).query(query);

  beforeAll(async () => {
    t = await createTestApp();
    await insertUser(t.db, { username: 'lrs.admin', role: Role.Admin });
    adminToken = await login(t.http, 'lrs.admin');
    writer = await newClient('Gói bài giảng', ['write', 'read_own']);
    writerAuth = basic(writer.key, writer.secret);
    const all = await newClient('Báo cáo tỉnh', ['read_all']);
    readerAll = basic(all.key, all.secret);
    const own = await newClient('Nền tảng khác', ['write', 'read_own']);
    readerOwn = basic(own.key, own.secret);
  });
  afterAll(() => t.close());

  describe('clients and credentials', () => {
    it('shows the secret once, lists clients without it, and records who created them', async () => {
      const created = await newClient('Nền tảng Bộ Nội vụ', ['write']);
      expect(created.body.secret).toMatch(/^[\w-]{32}$/);
      expect(created.body.endpoint).toMatch(/\/api\/xapi\/$/);
      const list = await t.http.get('/api/lrs/clients').set('Authorization', `Bearer ${adminToken}`).expect(200);
      const row = list.body.find((c: { id: string }) => c.id === created.id);
      expect(row).toMatchObject({ name: 'Nền tảng Bộ Nội vụ', scopes: ['write'], revokedAt: null });
      expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
      const [stored] = await t.db.query(`SELECT secret_hash FROM lrs_client WHERE id = $1`, [created.id]);
      expect(stored.secret_hash).not.toContain(created.body.secret);
    });

    it.each([
      ['no name', { scopes: ['write'] }],
      ['no scope', { name: 'Ứng dụng', scopes: [] }],
      ['an unknown scope', { name: 'Ứng dụng', scopes: ['delete'] }],
    ])('refuses a client with %s (400, Vietnamese message)', async (_case, body) => {
      const res = await t.http.post('/api/lrs/clients').set('Authorization', `Bearer ${adminToken}`).send(body).expect(400);
      expect(res.body.message).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịýỳỷỹỵ]/i);
    });

    it('refuses missing, wrong and revoked credentials with 401 and a Basic challenge; user tokens are not LRS credentials', async () => {
      const none = await t.http.get('/api/xapi/statements').set(V).expect(401);
      expect(none.headers['www-authenticate']).toBe('Basic realm="xAPI"');
      expect(none.headers['x-experience-api-version']).toBe('1.0.3');
      await t.http.get('/api/xapi/statements').set(V).set('Authorization', basic(writer.key, 'sai-mat-khau')).expect(401);
      await t.http.get('/api/xapi/statements').set(V).set('Authorization', `Bearer ${adminToken}`).expect(401);
      const doomed = await newClient('Sẽ thu hồi', ['read_all']);
      await t.http.get('/api/xapi/statements').set(V).set('Authorization', basic(doomed.key, doomed.secret)).expect(200);
      await t.http.post(`/api/lrs/clients/${doomed.id}/revoke`).set('Authorization', `Bearer ${adminToken}`).expect(204);
      await t.http.get('/api/xapi/statements').set(V).set('Authorization', basic(doomed.key, doomed.secret)).expect(401);
      await t.http.post(`/api/lrs/clients/${randomUUID()}/revoke`).set('Authorization', `Bearer ${adminToken}`).expect(404);
    });

    it('enforces scopes: read_all cannot write, write-only cannot read statements', async () => {
      const res = await post(statement('a', 'experienced', '1'), readerAll).expect(403);
      expect(res.body.code).toBe('XAPI_SCOPE');
      const writeOnly = await newClient('Chỉ ghi', ['write']);
      await get({}, basic(writeOnly.key, writeOnly.secret)).expect(403);
    });

    it('requires the version header and names the rule', async () => {
      const res = await t.http.get('/api/xapi/statements').set('Authorization', readerAll).expect(400);
      expect(res.body.details.rule).toBe('version-header-required');
      const old = await t.http.get('/api/xapi/statements').set('Authorization', readerAll).set('X-Experience-API-Version', '0.95').expect(400);
      expect(old.body.details.rule).toBe('version-header-supported');
    });
  });

  describe('statements', () => {
    it('stores one statement and answers its id; GET by id returns it with stored, authority, version', async () => {
      const res = await post(statement('an', 'completed', '1')).expect(200);
      expect(res.body).toHaveLength(1);
      const got = await get({ statementId: res.body[0] }).expect(200);
      expect(got.headers['x-experience-api-consistent-through']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(got.headers['last-modified']).toBeTruthy();
      expect(got.body).toMatchObject({ id: res.body[0], actor: actor('an'), version: '1.0.0', authority: { objectType: 'Agent', name: 'Gói bài giảng' } });
      expect(Date.parse(got.body.stored)).not.toBeNaN();
      expect(got.body.timestamp).toBe(got.body.stored);
    });

    it('stores a batch in one transaction: one bad statement and none is stored (400 naming the rule and position)', async () => {
      const before = (await t.db.query(`SELECT count(*)::int AS n FROM xapi_statement`))[0].n;
      const res = await post([statement('b', 'completed', '2'), { actor: actor('b'), verb: verb('completed'), object: { id: 'khong-phai-iri' } }]).expect(400);
      expect(res.body.details).toMatchObject({ rule: 'iri-required', path: 'statement[1].object.id' });
      expect(res.body.message).toContain('iri-required');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM xapi_statement`))[0].n).toBe(before);
    });

    it.each([
      ['an unknown property', { ...statement('c', 'completed', '3'), extra: 1 }, 'unknown-property'],
      ['two identifiers on the actor', { ...statement('c', 'completed', '3'), actor: { mbox: 'mailto:a@b.vn', openid: 'https://id.vn/a' } }, 'agent-one-ifi'],
      ['a scaled score of 2', { ...statement('c', 'completed', '3'), result: { score: { scaled: 2 } } }, 'score-scaled-range'],
      ['a timestamp without a zone', { ...statement('c', 'completed', '3'), timestamp: '2026-01-01T00:00:00' }, 'timestamp-format'],
    ])('refuses %s with 400 and the rule', async (_case, body, rule) => {
      const res = await post(body).expect(400);
      expect(res.body.details.rule).toBe(rule);
    });

    it('refuses a body that is not JSON, and JSON that is not a statement', async () => {
      await t.http.post('/api/xapi/statements').set(V).set('Authorization', writerAuth).set('Content-Type', 'application/json').send('{"actor":').expect(400);
      const text = await t.http.post('/api/xapi/statements').set(V).set('Authorization', writerAuth).set('Content-Type', 'text/plain').send('hello').expect(400);
      expect(text.body.details.rule).toBe('statement-content-type');
    });

    it('PUT stores under the given id; the same statement again is fine; a different one is 409 and nothing changes', async () => {
      const id = randomUUID();
      const s = statement('d', 'completed', '4');
      const put = (body: object) => t.http.put('/api/xapi/statements').query({ statementId: id }).set(V).set('Authorization', writerAuth).send(body);
      await put(s).expect(204);
      await put(s).expect(204);
      const clash = await put(statement('d', 'failed', '4')).expect(409);
      expect(clash.body.details.rule).toBe('statement-id-immutable');
      expect((await get({ statementId: id })).body.verb.id).toBe(verb('completed').id);
      // POST with an existing id: same content answers the id, different content is 409.
      await post({ ...s, id }).expect(200);
      await post({ ...statement('d', 'passed', '4'), id }).expect(409);
      // PUT without statementId, or with an id that differs from the body's.
      await t.http.put('/api/xapi/statements').set(V).set('Authorization', writerAuth).send(s).expect(400);
      const mismatch = await put({ ...s, id: randomUUID() }).expect(400);
      expect(mismatch.body.details.rule).toBe('statement-id-mismatch');
    });

    it('concurrent writes of one id: the same statement twice stores one row; two different ones — one 200, one 409', async () => {
      const same = { ...statement('r', 'completed', 'r1'), id: randomUUID() };
      const a = await Promise.all([post(same), post(same)]);
      expect(a.map((r) => r.status)).toEqual([200, 200]);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM xapi_statement WHERE id = $1`, [same.id]))[0].n).toBe(1);
      const id = randomUUID();
      const b = await Promise.all([post({ ...statement('r', 'completed', 'r2'), id }), post({ ...statement('r', 'failed', 'r2'), id })]);
      expect(b.map((r) => r.status).sort()).toEqual([200, 409]);
    });

    it('refuses a batch that repeats an id', async () => {
      const id = randomUUID();
      const res = await post([{ ...statement('e', 'completed', '5'), id }, { ...statement('e', 'completed', '5'), id }]).expect(400);
      expect(res.body.details.rule).toBe('duplicate-id-in-batch');
    });

    it('queries by agent, verb, activity, registration, related_activities, related_agents, since/until, ascending', async () => {
      const registration = randomUUID();
      const tag = randomUUID().slice(0, 8);
      const [first] = (
        await post([
          statement(`q${tag}`, 'attempted', `q${tag}`, { context: { registration, contextActivities: { parent: [{ id: `https://hoc.khanhhoa.gov.vn/course/${tag}` }] } } }),
        ]).expect(200)
      ).body;
      const sinceMark = (await get({ statementId: first })).body.stored;
      await post([
        statement(`q${tag}`, 'completed', `q${tag}`, { context: { registration } }),
        statement(`q${tag}`, 'passed', `q${tag}`, { context: { instructor: { mbox: `mailto:gv${tag}@khanhhoa.gov.vn` } } }),
        statement(`other${tag}`, 'completed', `q${tag}`),
      ]).expect(200);

      const ids = async (q: Record<string, string>) => (await get(q).expect(200)).body.statements.map((s: { verb: { id: string }; actor: { account: { name: string } } }) => `${s.actor.account.name}:${s.verb.id.split('/').pop()}`);
      const agent = JSON.stringify(actor(`q${tag}`));
      expect(await ids({ agent })).toEqual([`q${tag}:passed`, `q${tag}:completed`, `q${tag}:attempted`]);
      expect(await ids({ agent, ascending: 'true' })).toEqual([`q${tag}:attempted`, `q${tag}:completed`, `q${tag}:passed`]);
      expect(await ids({ agent, verb: verb('completed').id, activity: activity(`q${tag}`).id })).toEqual([`q${tag}:completed`]);
      expect(await ids({ registration })).toEqual([`q${tag}:completed`, `q${tag}:attempted`]);
      expect(await ids({ activity: `https://hoc.khanhhoa.gov.vn/course/${tag}` })).toEqual([]);
      expect(await ids({ activity: `https://hoc.khanhhoa.gov.vn/course/${tag}`, related_activities: 'true' })).toEqual([`q${tag}:attempted`]);
      expect(await ids({ agent: JSON.stringify({ mbox: `mailto:gv${tag}@khanhhoa.gov.vn` }) })).toEqual([]);
      expect(await ids({ agent: JSON.stringify({ mbox: `mailto:gv${tag}@khanhhoa.gov.vn` }), related_agents: 'true' })).toEqual([`q${tag}:passed`]);
      expect(await ids({ activity: activity(`q${tag}`).id, since: sinceMark })).toEqual([`other${tag}:completed`, `q${tag}:passed`, `q${tag}:completed`]);
      expect(await ids({ activity: activity(`q${tag}`).id, until: sinceMark })).toEqual([`q${tag}:attempted`]);
    });

    it('the agent filter finds the actor and an Agent object, not the authority; a claimed authority is replaced by the client', async () => {
      const tag = randomUUID().slice(0, 8);
      const mentor = { objectType: 'Agent', mbox: `mailto:hd${tag}@khanhhoa.gov.vn` };
      const claimed = { objectType: 'Agent', mbox: `mailto:gia${tag}@khanhhoa.gov.vn` };
      await post([
        statement(`a${tag}`, 'completed', `a${tag}`, { authority: claimed }),
        { actor: actor(`b${tag}`), verb: verb('interacted'), object: mentor },
      ]).expect(200);
      const names = async (q: Record<string, string>) =>
        (await get(q).expect(200)).body.statements.map((s: { actor: { account: { name: string } }; authority: { name: string } }) => `${s.actor.account.name}@${s.authority.name}`);
      expect(await names({ agent: JSON.stringify(actor(`a${tag}`)) })).toEqual([`a${tag}@Gói bài giảng`]);
      expect(await names({ agent: JSON.stringify(mentor) })).toEqual([`b${tag}@Gói bài giảng`]);
      expect(await names({ agent: JSON.stringify(claimed) })).toEqual([]);
      expect(await names({ agent: JSON.stringify(claimed), related_agents: 'true' })).toEqual([]);
      // The client's own authority is related to everything it wrote, and is never the actor.
      const [stored] = (await get({ agent: JSON.stringify(actor(`a${tag}`)) }).expect(200)).body.statements;
      const authority = stored.authority;
      expect(authority.account.name).toBe(writer.key);
      const related = await get({ agent: JSON.stringify(authority), related_agents: 'true', limit: '500' }).expect(200);
      expect(related.body.statements.map((s: { actor: { account?: { name: string } } }) => s.actor.account?.name)).toEqual(expect.arrayContaining([`a${tag}`, `b${tag}`]));
      expect((await get({ agent: JSON.stringify(authority) }).expect(200)).body.statements).toEqual([]);
    });

    it.each([
      ['an unknown parameter', { colour: 'red' }, 'unknown-parameter'],
      ['statementId with another filter', { statementId: randomUUID(), verb: 'http://x.vn/v' }, 'unknown-parameter'],
      ['a malformed agent', { agent: '{"name":"không định danh"}' }, 'agent-one-ifi'],
      ['a verb that is not an IRI', { verb: 'completed' }, 'verb-parameter'],
      ['a since without time zone', { since: '2026-01-01T00:00:00' }, 'since-parameter'],
      ['a negative limit', { limit: '-1' }, 'limit-parameter'],
      ['an unknown format', { format: 'full' }, 'format-parameter'],
      ['a tampered more link', { more: 'xxxx' }, 'more-parameter'],
    ])('GET refuses %s (400 naming the rule)', async (_case, query, rule) => {
      const res = await get(query as Record<string, string>).expect(400);
      expect(res.body.details.rule).toBe(rule);
    });

    it('pages with more until the end, each statement once, in order', async () => {
      const tag = randomUUID().slice(0, 8);
      await post(Array.from({ length: 7 }, (_, i) => statement(`p${tag}`, 'experienced', `p${tag}-${i}`))).expect(200);
      const seen: string[] = [];
      let res = await get({ agent: JSON.stringify(actor(`p${tag}`)), limit: '3', ascending: 'true' }).expect(200);
      for (;;) {
        seen.push(...res.body.statements.map((s: { object: { id: string } }) => s.object.id.split('/').pop()));
        if (!res.body.more) break;
        expect(res.body.more).toMatch(/^\/api\/xapi\/statements\?more=/);
        res = await t.http.get(res.body.more).set(V).set('Authorization', readerAll).expect(200);
      }
      expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `p${tag}-${i}`));
    });

    it('voids: the voided statement leaves queries and GET by statementId, is found by voidedStatementId; a voiding statement cannot be voided', async () => {
      const tag = randomUUID().slice(0, 8);
      const [target] = (await post(statement(`v${tag}`, 'completed', `v${tag}`)).expect(200)).body;
      const [voiding] = (await post({ actor: actor('quantri'), verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: target } }).expect(200)).body;
      await get({ statementId: target }).expect(404);
      expect((await get({ voidedStatementId: target }).expect(200)).body.id).toBe(target);
      // The voided statement leaves queries; the voiding statement targets it, so it meets the same filter (§2.1.3).
      const list = (await get({ activity: activity(`v${tag}`).id }).expect(200)).body.statements;
      expect(list.map((s: { id: string }) => s.id)).toEqual([voiding]);
      const res = await post({ actor: actor('quantri'), verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: voiding } }).expect(400);
      expect(res.body.details.rule).toBe('void-voiding-statement');
    });

    it('a statement targeting another (StatementRef) meets the filters its target meets; time filters apply to itself', async () => {
      const tag = randomUUID().slice(0, 8);
      const who = actor(`r${tag}`);
      const [first] = (await post(statement(`r${tag}`, 'attempted', `r${tag}`)).expect(200)).body;
      const [other] = (await post(statement(`x${tag}`, 'attempted', `x${tag}`)).expect(200)).body;
      // A comment by an instructor on the learner's attempt: its own actor, verb and object differ from the target's.
      const [ref] = (await post({ actor: actor('giangvien'), verb: verb('commented'), object: { objectType: 'StatementRef', id: first } }).expect(200)).body;
      const ids = async (q: Record<string, string>) => (await get(q).expect(200)).body.statements.map((s: { id: string }) => s.id);
      expect(await ids({ agent: JSON.stringify(who) })).toEqual([ref, first]);
      expect(await ids({ activity: activity(`r${tag}`).id })).toEqual([ref, first]);
      expect(await ids({ activity: activity(`r${tag}`).id, ascending: 'true' })).toEqual([first, ref]);
      // Every condition must hold, on the statement itself or on its target: the target is not "commented".
      expect(await ids({ activity: activity(`r${tag}`).id, verb: verb('commented').id })).toEqual([]);
      expect(await ids({ activity: activity(`x${tag}`).id })).toEqual([other]);
      // Paged one at a time, each statement comes once and in order.
      const page1 = (await get({ agent: JSON.stringify(who), limit: '1' }).expect(200)).body;
      expect(page1.statements.map((s: { id: string }) => s.id)).toEqual([ref]);
      const page2 = (await t.http.get(page1.more).set(V).set('Authorization', readerAll).expect(200)).body;
      expect(page2.statements.map((s: { id: string }) => s.id)).toEqual([first]);
    });

    it('alternate request syntax: POST ?method= with the headers, parameters and content in a form body', async () => {
      const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
      const alt = (path: string, method: string, fields: Record<string, string>) =>
        t.http.post(`${path}?method=${method}`).set('Content-Type', 'application/x-www-form-urlencoded').send(form(fields));
      const id = randomUUID();
      const s = statement('alt', 'completed', 'alt1');
      const headers = { Authorization: writerAuth, 'X-Experience-API-Version': '1.0.3' };
      await alt('/api/xapi/statements', 'PUT', { ...headers, 'Content-Type': 'application/json', statementId: id, content: JSON.stringify(s) }).expect(204);
      const got = await alt('/api/xapi/statements', 'GET', { ...headers, statementId: id }).expect(200);
      expect(got.body).toMatchObject({ id, verb: { id: s.verb.id } });
      expect(got.headers['x-experience-api-version']).toBe('1.0.3');
      // Documents: PUT, then GET and DELETE, all through form posts (how a cross-origin SCORM/cmi5 player calls).
      const doc = { ...headers, activityId: activity('alt1').id, agent: JSON.stringify(actor('alt')), stateId: 'bookmark' };
      await alt('/api/xapi/activities/state', 'PUT', { ...doc, 'Content-Type': 'application/json', content: JSON.stringify({ page: 4 }) }).expect(204);
      expect((await alt('/api/xapi/activities/state', 'GET', doc).expect(200)).body).toEqual({ page: 4 });
      await alt('/api/xapi/activities/state', 'DELETE', doc).expect(204);
      await alt('/api/xapi/activities/state', 'GET', doc).expect(404);
      // Credentials travel in the form: wrong ones are 401 like any request.
      await alt('/api/xapi/statements', 'GET', { Authorization: basic(writer.key, 'sai'), 'X-Experience-API-Version': '1.0.3', statementId: id }).expect(401);
      // Anything but method in the query string, an unknown method, or another content type: 400 naming the rule.
      const extra = await t.http.post(`/api/xapi/statements?method=GET&statementId=${id}`).set('Content-Type', 'application/x-www-form-urlencoded').send(form(headers)).expect(400);
      expect(extra.body.details.rule).toBe('alternate-syntax-query');
      expect((await alt('/api/xapi/statements', 'PATCH', headers).expect(400)).body.details.rule).toBe('alternate-syntax-method');
      const json = await t.http.post('/api/xapi/statements?method=GET').set(V).set('Authorization', writerAuth).send({ statementId: id }).expect(400);
      expect(json.body.details.rule).toBe('alternate-syntax-content-type');
      expect((await alt('/api/xapi/statements', 'PUT', { ...headers, 'Content-Type': 'application/json', statementId: randomUUID(), content: '{nope' }).expect(400)).body.details.rule).toBe(
        'alternate-syntax-content',
      );
      expect((await alt('/api/xapi/activities', 'GET', { ...headers, activityId: activity('alt1').id }).expect(200)).body.id).toBe(activity('alt1').id);
    });

    it('read_own sees only its own statements', async () => {
      const tag = randomUUID().slice(0, 8);
      const [mine] = (await post(statement(`o${tag}`, 'completed', `o${tag}`), readerOwn).expect(200)).body;
      const [theirs] = (await post(statement(`o${tag}`, 'completed', `o${tag}`)).expect(200)).body;
      const list = (await get({ agent: JSON.stringify(actor(`o${tag}`)) }, readerOwn).expect(200)).body.statements.map((s: { id: string }) => s.id);
      expect(list).toEqual([mine]);
      await get({ statementId: theirs }, readerOwn).expect(404);
    });

    it('format=ids keeps identifiers only; canonical keeps one language as asked', async () => {
      const [id] = (await post(statement('f', 'completed', 'f1')).expect(200)).body;
      const ids = (await get({ statementId: id, format: 'ids' }).expect(200)).body;
      expect(ids.actor).toEqual({ objectType: 'Agent', account: actor('f').account });
      expect(ids.object).toEqual({ objectType: 'Activity', id: activity('f1').id });
      const canonical = (await get({ statementId: id, format: 'canonical' }).set('Accept-Language', 'en-US,vi;q=0.5').expect(200)).body;
      expect(canonical.verb.display).toEqual({ 'en-US': 'completed' });
      expect(canonical.object.definition.name).toEqual({ 'en-US': 'Lesson f1' });
    });

    it('multipart/mixed attachments are checked against their SHA-2 and returned with attachments=true', async () => {
      const content = Buffer.from('Chứng nhận hoàn thành — bản ký số');
      const sha2 = createHash('sha256').update(content).digest('hex');
      const s = statement('g', 'completed', 'g1', {
        attachments: [{ usageType: 'http://adlnet.gov/expapi/attachments/signature', display: { vi: 'Chữ ký' }, contentType: 'text/plain', length: content.length, sha2 }],
      });
      const multipart = (parts: { headers: string; body: Buffer }[]) =>
        Buffer.concat([...parts.flatMap((p) => [Buffer.from(`--b0undary\r\n${p.headers}\r\n\r\n`), p.body, Buffer.from('\r\n')]), Buffer.from('--b0undary--\r\n')]);
      const send = (body: Buffer) =>
        t.http.post('/api/xapi/statements').set(V).set('Authorization', writerAuth).set('Content-Type', 'multipart/mixed; boundary=b0undary').send(body);
      const json = { headers: 'Content-Type: application/json', body: Buffer.from(JSON.stringify(s)) };
      const part = (hash: string, body = content) => ({ headers: `Content-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${hash}`, body });

      const wrong = await send(multipart([json, part(sha2, Buffer.from('nội dung khác'))])).expect(400);
      expect(wrong.body.details.rule).toBe('attachment-sha2-mismatch');
      expect((await send(multipart([json])).expect(400)).body.details.rule).toBe('attachment-part-missing');
      // As plain JSON with no fileUrl there is nowhere for the content to be.
      expect((await post(s).expect(400)).body.details.rule).toBe('attachment-part-missing');

      const [id] = (await send(multipart([json, part(sha2)])).expect(200)).body;
      const res = await get({ statementId: id, attachments: 'true' })
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^multipart\/mixed; boundary=/);
      const text = (res.body as Buffer).toString('utf8');
      expect(text).toContain(`X-Experience-API-Hash: ${sha2}`);
      expect(text).toContain('Chứng nhận hoàn thành — bản ký số');
    });
  });

  describe('documents', () => {
    const agent = JSON.stringify(actor('doc'));
    const activityId = 'https://hoc.khanhhoa.gov.vn/xapi/activities/scorm/1';

    it('state: PUT, GET with ETag, POST merges JSON, list ids with since, DELETE one and all', async () => {
      const q = { activityId, agent, stateId: 'resume' };
      await t.http.put('/api/xapi/activities/state').query(q).set(V).set('Authorization', writerAuth).send({ location: 'slide-3' }).expect(204);
      const got = await t.http.get('/api/xapi/activities/state').query(q).set(V).set('Authorization', writerAuth).expect(200);
      expect(got.body).toEqual({ location: 'slide-3' });
      expect(got.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
      expect(got.headers['last-modified']).toBeTruthy();
      await t.http.post('/api/xapi/activities/state').query(q).set(V).set('Authorization', writerAuth).send({ score: 8 }).expect(204);
      expect((await t.http.get('/api/xapi/activities/state').query(q).set(V).set('Authorization', writerAuth)).body).toEqual({ location: 'slide-3', score: 8 });
      // A plain-text document can be stored and read back as it was sent.
      await t.http.put('/api/xapi/activities/state').query({ ...q, stateId: 'note' }).set(V).set('Authorization', writerAuth).set('Content-Type', 'text/plain').send('ghi chú tiếng Việt').expect(204);
      const note = await t.http.get('/api/xapi/activities/state').query({ ...q, stateId: 'note' }).set(V).set('Authorization', writerAuth).expect(200);
      expect(note.text).toBe('ghi chú tiếng Việt');
      const mergeText = await t.http.post('/api/xapi/activities/state').query({ ...q, stateId: 'note' }).set(V).set('Authorization', writerAuth).send({ a: 1 }).expect(400);
      expect(mergeText.body.details.rule).toBe('document-merge-json');

      const ids = await t.http.get('/api/xapi/activities/state').query({ activityId, agent }).set(V).set('Authorization', writerAuth).expect(200);
      expect(ids.body).toEqual(['note', 'resume']);
      const future = await t.http.get('/api/xapi/activities/state').query({ activityId, agent, since: '2999-01-01T00:00:00Z' }).set(V).set('Authorization', writerAuth).expect(200);
      expect(future.body).toEqual([]);

      await t.http.delete('/api/xapi/activities/state').query(q).set(V).set('Authorization', writerAuth).expect(204);
      await t.http.get('/api/xapi/activities/state').query(q).set(V).set('Authorization', writerAuth).expect(404);
      await t.http.delete('/api/xapi/activities/state').query({ activityId, agent }).set(V).set('Authorization', writerAuth).expect(204);
      expect((await t.http.get('/api/xapi/activities/state').query({ activityId, agent }).set(V).set('Authorization', writerAuth)).body).toEqual([]);
    });

    it('state keeps registrations apart and refuses bad parameters', async () => {
      const registration = randomUUID();
      await t.http.put('/api/xapi/activities/state').query({ activityId, agent, stateId: 's', registration }).set(V).set('Authorization', writerAuth).send({ r: 1 }).expect(204);
      await t.http.get('/api/xapi/activities/state').query({ activityId, agent, stateId: 's' }).set(V).set('Authorization', writerAuth).expect(404);
      const bad = async (query: Record<string, string>, rule: string) =>
        expect((await t.http.get('/api/xapi/activities/state').query(query).set(V).set('Authorization', writerAuth).expect(400)).body.details.rule).toBe(rule);
      await bad({ agent, stateId: 's' }, 'activity-id-parameter');
      await bad({ activityId, stateId: 's' }, 'agent-parameter');
      await bad({ activityId, agent: '{"mbox":"a@b.vn"}', stateId: 's' }, 'mbox-format');
      await bad({ activityId, agent, stateId: 's', registration: 'x' }, 'registration-parameter');
      await bad({ activityId, agent, stateId: 's', profileId: 'p' }, 'unknown-parameter');
    });

    it('activity profile: If-None-Match * creates once; PUT without a header on an existing profile is 409; If-Match with a stale ETag is 412', async () => {
      const q = { activityId, profileId: 'cau-hinh' };
      const put = (body: object, headers: Record<string, string> = {}) =>
        t.http.put('/api/xapi/activities/profile').query(q).set(V).set(headers).set('Authorization', writerAuth).send(body);
      await put({ v: 1 }, { 'If-None-Match': '*' }).expect(204);
      await put({ v: 2 }, { 'If-None-Match': '*' }).expect(412);
      expect((await put({ v: 2 }).expect(409)).body.details.rule).toBe('concurrency-header-required');
      const etag1 = (await t.http.get('/api/xapi/activities/profile').query(q).set(V).set('Authorization', writerAuth)).headers.etag;
      await put({ v: 2 }, { 'If-Match': etag1 }).expect(204);
      // The first writer's ETag is now stale: their change would overwrite the second one.
      await put({ v: 3 }, { 'If-Match': etag1 }).expect(412);
      expect((await t.http.get('/api/xapi/activities/profile').query(q).set(V).set('Authorization', writerAuth)).body).toEqual({ v: 2 });
      const etag2 = (await t.http.get('/api/xapi/activities/profile').query(q).set(V).set('Authorization', writerAuth)).headers.etag;
      await t.http.delete('/api/xapi/activities/profile').query(q).set(V).set('If-Match', etag1).set('Authorization', writerAuth).expect(412);
      await t.http.delete('/api/xapi/activities/profile').query(q).set(V).set('If-Match', etag2).set('Authorization', writerAuth).expect(204);
    });

    it('two writers with the same ETag at the same time: exactly one wins, the other gets 412', async () => {
      const q = { activityId, profileId: 'dong-thoi' };
      await t.http.put('/api/xapi/activities/profile').query(q).set(V).set('If-None-Match', '*').set('Authorization', writerAuth).send({ v: 0 }).expect(204);
      const etag = (await t.http.get('/api/xapi/activities/profile').query(q).set(V).set('Authorization', writerAuth)).headers.etag;
      const write = (v: number) => t.http.put('/api/xapi/activities/profile').query(q).set(V).set('If-Match', etag).set('Authorization', writerAuth).send({ v });
      const statuses = (await Promise.all([write(1), write(2)])).map((r) => r.status).sort();
      expect(statuses).toEqual([204, 412]);
    });

    it('agent profile: create, read, list', async () => {
      const q = { agent, profileId: 'so-thich' };
      await t.http.put('/api/xapi/agents/profile').query(q).set(V).set('If-None-Match', '*').set('Authorization', writerAuth).send({ ngonNgu: 'vi' }).expect(204);
      expect((await t.http.get('/api/xapi/agents/profile').query(q).set(V).set('Authorization', writerAuth).expect(200)).body).toEqual({ ngonNgu: 'vi' });
      expect((await t.http.get('/api/xapi/agents/profile').query({ agent }).set(V).set('Authorization', writerAuth).expect(200)).body).toEqual(['so-thich']);
    });
  });

  describe('activities, agents, about', () => {
    it('activities answers the latest definition; agents a Person; about the versions without credentials', async () => {
      await post(statement('h', 'experienced', 'h1')).expect(200);
      const act = await t.http.get('/api/xapi/activities').query({ activityId: activity('h1').id }).set(V).set('Authorization', readerAll).expect(200);
      expect(act.body).toEqual({ objectType: 'Activity', id: activity('h1').id, definition: activity('h1').definition });
      const person = await t.http.get('/api/xapi/agents').query({ agent: JSON.stringify({ account: actor('h').account }) }).set(V).set('Authorization', readerAll).expect(200);
      expect(person.body).toEqual({ objectType: 'Person', name: ['Học viên h'], account: [actor('h').account] });
      const about = await t.http.get('/api/xapi/about').expect(200);
      expect(about.body.version).toContain('1.0.3');
      expect(about.headers['x-experience-api-version']).toBe('1.0.3');
    });
  });

  it('every related activity of every statement stored by the tests above has its row for related_activities queries', async () => {
    const [{ n, missing }] = await t.db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM xapi_statement_activity a WHERE a.activity_id = r.id AND a.stored = s.stored AND a.seq = s.seq))::int AS missing
         FROM xapi_statement s CROSS JOIN LATERAL unnest(s.related_activities) AS r(id)`,
    );
    expect(n).toBeGreaterThan(20);
    expect(missing).toBe(0);
  });

  describe('a real xAPI client (@xapi/xapi) over HTTP', () => {
    let endpoint: string;
    beforeAll(async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      endpoint = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/api/xapi/`;
    });

    it('sends statements, reads them back and keeps state', async () => {
      const client = new XAPI({ endpoint, auth: XAPI.toBasicAuth(writer.key, writer.secret), adapter: 'fetch' });
      const tag = randomUUID().slice(0, 8);
      const sent = await client.sendStatement({ statement: statement(`x${tag}`, 'completed', `x${tag}`) as never });
      expect(sent.data).toHaveLength(1);
      const back = await client.getStatements({ agent: actor(`x${tag}`) as never });
      expect(back.data.statements.map((s) => s.id)).toEqual(sent.data);
      await client.setState({ agent: actor(`x${tag}`) as never, activityId: activity(`x${tag}`).id, stateId: 'cmi', state: { location: 4 } });
      const state = await client.getState({ agent: actor(`x${tag}`) as never, activityId: activity(`x${tag}`).id, stateId: 'cmi' });
      expect(state.data).toEqual({ location: 4 });
    });
  });
});
