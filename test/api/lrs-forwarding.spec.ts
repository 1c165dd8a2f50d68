import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ForwardingService } from '@api/xapi';
import { createTestApp, login, seedSmallProvince, SmallProvince, TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';

/**
 * Forwarding to an external LRS, tested against a second instance of our own LRS (its own database) that the test
 * stops and restarts mid-run: nothing lost, nothing duplicated, a refused statement in the dead letters and sent again
 * on "gửi lại", a slow or failing endpoint retried with exponential backoff.
 */
describe('forwarding statements to external LRSs', () => {
  let t: TestApp;
  let p: SmallProvince;
  let admin: string;
  let sourceAuth: string;
  let remoteDb: { url: string; drop: () => Promise<void> };
  let remote: TestApp | null = null;
  let remotePort = 0;
  let remoteClient: { key: string; secret: string };
  let endpointId: string;
  let forwarding: ForwardingService;

  const V = { 'X-Experience-API-Version': '1.0.3' };
  const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  const statement = (name: string, verb: string, n: string, id = randomUUID()) => ({
    id,
    actor: { objectType: 'Agent', account: { homePage: 'https://hoc.khanhhoa.gov.vn', name } },
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
    object: { objectType: 'Activity', id: `https://hoc.khanhhoa.gov.vn/xapi/activities/lesson/${n}` },
  });
  const asAdmin = () => ({ Authorization: `Bearer ${admin}` });
  /** Stores statements in the source LRS as a content package would; answers their ids. */
  const store = async (count: number, name = 'hocvien', verb = 'completed') => {
    const list = Array.from({ length: count }, (_, i) => statement(name, verb, `${i}`));
    for (let i = 0; i < list.length; i += 50)
      await t.http.post('/api/xapi/statements').set(V).set('Authorization', sourceAuth).send(list.slice(i, i + 50)).expect(200);
    return list.map((s) => s.id);
  };
  const remoteIds = async (ids: string[]) =>
    (await remote!.db.query(`SELECT id::text FROM xapi_statement WHERE id = ANY($1::uuid[]) ORDER BY seq`, [ids])).map((r: { id: string }) => r.id);
  const status = async (id = endpointId) => (await t.http.get('/api/lrs/forwarding').set(asAdmin()).expect(200)).body.find((e: { id: string }) => e.id === id).status;
  /** Time passing until the next attempt is due (the wait itself is asserted where it matters). */
  const makeDue = (id = endpointId) => t.db.query(`UPDATE lrs_forward_endpoint SET next_attempt_at = now() WHERE id = $1`, [id]);

  async function startRemote(port: number): Promise<void> {
    remote = await createTestApp({ databaseUrl: remoteDb.url });
    await remote.app.listen(port, '127.0.0.1');
    remotePort = (remote.app.getHttpServer().address() as AddressInfo).port;
  }

  beforeAll(async () => {
    t = await createTestApp({ config: { lrsForwardTimeoutMs: 1500 } });
    p = await seedSmallProvince(t.db);
    admin = await login(t.http, 'admin');
    forwarding = t.app.get(ForwardingService);
    const source = (await t.http.post('/api/lrs/clients').set(asAdmin()).send({ name: 'Gói bài giảng', scopes: ['write'] }).expect(201)).body;
    sourceAuth = basic(source.key, source.secret);

    remoteDb = await createTestDatabase();
    await startRemote(0);
    await seedSmallProvince(remote!.db);
    const remoteAdmin = await login(remote!.http, 'admin');
    remoteClient = (await remote!.http.post('/api/lrs/clients').set('Authorization', `Bearer ${remoteAdmin}`).send({ name: 'Sở Nội vụ Khánh Hòa', scopes: ['write', 'read_all'] }).expect(201)).body;
  });
  afterAll(async () => {
    await remote?.close();
    await remoteDb.drop();
    await t.close();
  });

  it('an admin adds an endpoint; the secret is never listed; bad input is a Vietnamese 400/404', async () => {
    const res = await t.http
      .post('/api/lrs/forwarding')
      .set(asAdmin())
      .send({ name: 'Nền tảng Bộ Nội vụ (thử)', url: `http://127.0.0.1:${remotePort}/api/xapi`, key: remoteClient.key, secret: remoteClient.secret })
      .expect(201);
    endpointId = res.body.id;
    expect(res.body).toMatchObject({ url: `http://127.0.0.1:${remotePort}/api/xapi/`, xapiVersion: '1.0.3', verbs: [], unit: null, active: true, status: { queued: 0, sent: 0, failed: 0 } });
    const list = await t.http.get('/api/lrs/forwarding').set(asAdmin()).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(remoteClient.secret);

    const bad = async (body: object, status = 400) => (await t.http.post('/api/lrs/forwarding').set(asAdmin()).send({ name: 'X y', url: 'https://lrs.vn/xapi/', key: 'k', secret: 's', ...body }).expect(status)).body.message;
    expect(await bad({ url: 'ftp://lrs.vn/' })).toMatch(/url: .*http:\/\/ hoặc https:\/\//);
    expect(await bad({ verbs: ['completed'] })).toMatch(/verbs: .*http:\/\//);
    expect(await bad({ xapiVersion: '0.95' })).toMatch(/xapiVersion: không thuộc các giá trị cho phép/);
    expect(await bad({ unitId: randomUUID() }, 404)).toMatch(/Không tìm thấy đơn vị/);
    await t.http.patch(`/api/lrs/forwarding/${randomUUID()}`).set(asAdmin()).send({ active: false }).expect(404);
    const coordinator = await login(t.http, 'coord');
    await t.http.get('/api/lrs/forwarding').set('Authorization', `Bearer ${coordinator}`).expect(403);
  });

  it('forwards every statement stored from then on, in batches, each once', async () => {
    const ids = await store(120);
    expect((await status()).queued).toBe(120);
    const run = await forwarding.drain();
    expect(run).toMatchObject({ sent: 120, deadLettered: 0, failedEndpoints: 0 });
    expect(await remoteIds(ids)).toEqual(ids);
    expect(await status()).toMatchObject({ queued: 0, sent: 120, failures: 0, lastError: null });
    // Nothing new: a run sends nothing.
    expect((await forwarding.drain()).sent).toBe(0);
  });

  it('survives an outage of the other LRS: retries with backoff, then sends everything once', async () => {
    await remote!.app.close();
    const during = await store(60);
    expect((await forwarding.drain()).failedEndpoints).toBe(1);
    const first = await status();
    expect(first).toMatchObject({ queued: 60, failures: 1 });
    expect(first.lastError).toMatch(/Không kết nối được/);
    const wait1 = (Date.parse(first.nextAttemptAt) - Date.parse(first.lastErrorAt)) / 1000;
    expect(wait1).toBeGreaterThanOrEqual(29);
    expect(wait1).toBeLessThanOrEqual(31);
    // Not due yet: a run leaves it alone.
    expect(await forwarding.drain()).toMatchObject({ sent: 0, failedEndpoints: 0 });
    await makeDue();
    await forwarding.drain();
    const second = await status();
    expect(second.failures).toBe(2);
    expect((Date.parse(second.nextAttemptAt) - Date.parse(second.lastErrorAt)) / 1000).toBeGreaterThanOrEqual(59);

    // The other LRS comes back on the same address; more statements arrive meanwhile.
    await startRemote(remotePort);
    const after = await store(10);
    await makeDue();
    expect((await forwarding.drain()).sent).toBe(70);
    expect(await remoteIds([...during, ...after])).toEqual([...during, ...after]);
    expect(await status()).toMatchObject({ queued: 0, sent: 190, failures: 0 });
    expect(Number((await remote!.db.query(`SELECT count(*) FROM xapi_statement`))[0].count)).toBe(190);
  });

  it('a node that died after sending but before moving its cursor sends the batch again: the other LRS keeps one copy', async () => {
    const ids = await store(20);
    await forwarding.drain();
    // Roll the cursor back over those 20, as if the acknowledgement had never been written.
    await t.db.query(
      `UPDATE lrs_forward_endpoint e SET cursor_stored = s.stored, cursor_seq = s.seq - 1 FROM xapi_statement s WHERE e.id = $1 AND s.id = $2`,
      [endpointId, ids[0]],
    );
    expect((await status()).queued).toBe(20);
    expect((await forwarding.drain()).sent).toBe(20);
    expect(await remoteIds(ids)).toEqual(ids);
    expect(Number((await remote!.db.query(`SELECT count(*) FROM xapi_statement`))[0].count)).toBe(210);
  });

  it('a statement the other LRS refuses goes to the dead letters; the rest of its batch goes through; "gửi lại" sends it once fixed', async () => {
    // The other LRS already holds a different statement under this id: it answers 409 for ours.
    const clash = randomUUID();
    await remote!.http.post('/api/xapi/statements').set(V).set('Authorization', basic(remoteClient.key, remoteClient.secret)).send(statement('khac', 'attempted', 'khac', clash)).expect(200);
    const before = await store(3);
    await t.http.post('/api/xapi/statements').set(V).set('Authorization', sourceAuth).send(statement('hocvien', 'completed', 'clash', clash)).expect(200);
    const afterIds = await store(3);
    const run = await forwarding.drain();
    expect(run).toMatchObject({ sent: 6, deadLettered: 1, failedEndpoints: 0 });
    expect(await remoteIds([...before, ...afterIds])).toEqual([...before, ...afterIds]);
    const dead = (await t.http.get(`/api/lrs/forwarding/${endpointId}/dead-letters`).set(asAdmin()).expect(200)).body;
    expect(dead.total).toBe(1);
    expect(dead.items[0]).toMatchObject({ statementId: clash, verb: 'http://adlnet.gov/expapi/verbs/completed', attempts: 1, retryRequested: false });
    expect(dead.items[0].error).toMatch(/^HTTP 409/);
    expect((await status()).failed).toBe(1);

    // Sent again while the clash is still there: refused again, still one dead letter.
    expect((await t.http.post(`/api/lrs/forwarding/${endpointId}/retry`).set(asAdmin()).send({}).expect(201)).body).toEqual({ requested: 1 });
    await forwarding.drain();
    expect((await t.http.get(`/api/lrs/forwarding/${endpointId}/dead-letters`).set(asAdmin()).expect(200)).body.items[0]).toMatchObject({ attempts: 2, retryRequested: false });
    // The other side removes its wrong copy; "gửi lại" now delivers ours.
    await remote!.db.query(`DELETE FROM xapi_statement WHERE id = $1`, [clash]);
    await t.http.post(`/api/lrs/forwarding/${endpointId}/retry`).set(asAdmin()).send({ statementIds: [clash] }).expect(201);
    expect((await forwarding.drain()).sent).toBe(1);
    const [delivered] = await remote!.db.query(`SELECT statement FROM xapi_statement WHERE id = $1`, [clash]);
    expect(delivered.statement.verb.id).toBe('http://adlnet.gov/expapi/verbs/completed');
    expect((await t.http.get(`/api/lrs/forwarding/${endpointId}/dead-letters`).set(asAdmin()).expect(200)).body.total).toBe(0);
    await t.http.post(`/api/lrs/forwarding/${endpointId}/retry`).set(asAdmin()).send({ statementIds: ['khong-phai-uuid'] }).expect(400);
  });

  it('a slow endpoint times out and one answering 500 is retried; neither loses its place', async () => {
    let mode: 'hang' | 'fail' | 'ok' = 'hang';
    const received: string[] = [];
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (mode === 'hang') return; // never answers
        if (mode === 'fail') return res.writeHead(500).end('lỗi máy chủ');
        received.push(...JSON.parse(Buffer.concat(chunks).toString()).map((s: { id: string }) => s.id));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const other = (await t.http.post('/api/lrs/forwarding').set(asAdmin()).send({ name: 'LRS chậm', url: `http://127.0.0.1:${port}/xapi/`, key: 'k', secret: 's' }).expect(201)).body.id;
      const ids = await store(5);
      await forwarding.drain();
      expect((await status(other)).lastError).toMatch(/Không có trả lời sau 1.5 giây/);
      mode = 'fail';
      await makeDue(other);
      await forwarding.drain();
      expect(await status(other)).toMatchObject({ failures: 2, queued: 5, lastError: 'HTTP 500: lỗi máy chủ' });
      mode = 'ok';
      await makeDue(other);
      await forwarding.drain();
      expect(received).toEqual(ids);
      expect(await status(other)).toMatchObject({ failures: 0, queued: 0, sent: 5 });
      // Paused: nothing is sent, the place is kept.
      await t.http.patch(`/api/lrs/forwarding/${other}`).set(asAdmin()).send({ active: false }).expect(200);
      await store(2);
      await forwarding.drain();
      expect(received).toHaveLength(5);
      expect((await status(other)).queued).toBe(2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('filters by verb and by the unit subtree of the statement\'s actor', async () => {
    const unitA = p.units.communeA.id;
    const res = await t.http
      .post('/api/lrs/forwarding')
      .set(asAdmin())
      .send({ name: 'Chỉ xã An Bình', url: 'https://lrs.example.vn/xapi/', key: 'k', secret: 's', verbs: ['http://adlnet.gov/expapi/verbs/passed'], unitId: unitA })
      .expect(201);
    expect(res.body.unit).toEqual({ id: unitA, name: 'Xã An Bình' });
    // "learner" is a person of commune A; "coord" belongs to the department.
    await store(2, 'learner', 'passed');
    await store(3, 'learner', 'completed');
    await store(4, 'coord', 'passed');
    await store(1, `person:${p.people.communeAStaff2.id}`, 'passed');
    expect((await status(res.body.id)).queued).toBe(3);
  });
});
