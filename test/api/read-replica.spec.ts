import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '@api/app';
import { migrate } from '@api/database';
import { ReadReplica } from '@api/read-replica';
import { login, seedSmallProvince } from '../support/test-app';
const cluster = require('../../tools/pg-cluster.cjs') as typeof import('../support/pg-cluster.d.cts');

const root = path.resolve(__dirname, '../../.data', `replica-test-${process.pid}`);

/**
 * A real streaming standby of a PostgreSQL 18 primary (base backup with pg_backup_start / copy / pg_backup_stop),
 * and the API with DATABASE_READ_URL pointing at it. Replay on the standby is paused to make it visibly behind.
 */
describe('read replica (DATABASE_READ_URL)', () => {
  let primary: import('../support/pg-cluster.d.cts').PgServer;
  let standby: import('../support/pg-cluster.d.cts').PgStandby;
  let app: NestFastifyApplication;
  let http: TestAgent;
  let replica: ReadReplica;
  let onStandby: Client;
  let onPrimary: Client;
  let author: string;
  let learner: string;
  const env = { DATABASE_READ_MAX_LAG_BYTES: process.env.DATABASE_READ_MAX_LAG_BYTES, FILE_STORE: process.env.FILE_STORE };

  beforeAll(async () => {
    primary = await cluster.startPrimary({ dataDir: path.join(root, 'primary') });
    const admin = new Client({ connectionString: primary.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE cchc');
    await admin.end();
    await migrate(primary.url('cchc'));
    standby = await cluster.startStandby(primary, { dataDir: path.join(root, 'standby') });
    process.env.DATABASE_READ_MAX_LAG_BYTES = String(1024 * 1024);
    process.env.FILE_STORE = 'postgres';
    app = await createApp({ databaseUrl: primary.url('cchc'), databaseReadUrl: standby.url('cchc'), logger: ['error'] });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    http = request(app.getHttpServer());
    replica = app.get(ReadReplica);
    await seedSmallProvince(app.get(DataSource));
    [author, learner] = await Promise.all(['author', 'learner'].map((u) => login(http, u)));
    onStandby = new Client({ connectionString: standby.url('cchc') });
    await onStandby.connect();
    onPrimary = new Client({ connectionString: primary.url('cchc') });
    await onPrimary.connect();
  }, 120_000);
  afterAll(async () => {
    await onStandby?.end().catch(() => undefined);
    await onPrimary?.end().catch(() => undefined);
    await app?.close();
    await standby?.stop();
    await primary?.stop();
    rmSync(root, { recursive: true, force: true });
    Object.assign(process.env, env);
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const upload = (title: string) =>
    http.post('/api/library/documents').set(bearer(author)).field('title', title).field('type', 'guide').attach('file', Buffer.from(`Nội dung ${title}`), 'tai-lieu.txt');
  const titles = async (token: string) =>
    ((await http.get('/api/library/documents').query({ q: 'quy trinh' }).set(bearer(token)).expect(200)).body.items as { title: string }[]).map((d) => d.title).sort();

  it('sends search to the standby, writes to the primary, and shows a writer their own change at once', async () => {
    expect((await upload('Quy trình tiếp nhận hồ sơ').expect(201)).body.title).toBe('Quy trình tiếp nhận hồ sơ');
    await standby.catchUp();
    await replica.check();
    const before = replica.status().served.replica;
    expect(await titles(learner)).toEqual(['Quy trình tiếp nhận hồ sơ']);
    expect(replica.status()).toMatchObject({ state: 'healthy' });
    expect(replica.status().served.replica).toBe(before + 1);

    // The standby stops replaying: what is written now is on the primary only.
    await onStandby.query('SELECT pg_wal_replay_pause()');
    try {
      await upload('Quy trình số hóa kết quả').expect(201); // a write sent to a standby would fail: it went to the primary
      // The author just wrote: their search reads the primary and shows the new document.
      expect(await titles(author)).toEqual(['Quy trình số hóa kết quả', 'Quy trình tiếp nhận hồ sơ']);
      // The learner's search is answered by the standby, which has not replayed it yet.
      expect(await titles(learner)).toEqual(['Quy trình tiếp nhận hồ sơ']);
      expect((await onStandby.query(`SELECT count(*)::int AS n FROM library_document`)).rows[0].n).toBe(1);
    } finally {
      await onStandby.query('SELECT pg_wal_replay_resume()');
    }
    await standby.catchUp();
    expect(await titles(learner)).toEqual(['Quy trình số hóa kết quả', 'Quy trình tiếp nhận hồ sơ']);
  });

  it('reads from the primary while the standby is too far behind, and from the standby again once it catches up', async () => {
    await onStandby.query('SELECT pg_wal_replay_pause()');
    try {
      await upload('Quy trình một cửa liên thông').expect(201);
      await onPrimary.query(`CREATE TABLE wal_filler AS SELECT repeat('x', 1000) AS x FROM generate_series(1, 4000)`); // ≈ 4 MB of WAL
      expect(await replica.check()).toBe('behind');
      expect(await titles(learner)).toContain('Quy trình một cửa liên thông');
    } finally {
      await onStandby.query('SELECT pg_wal_replay_resume()');
      await onPrimary.query('DROP TABLE IF EXISTS wal_filler');
    }
    await standby.catchUp();
    expect(await replica.check()).toBe('healthy');
    const before = replica.status().served.replica;
    expect(await titles(learner)).toContain('Quy trình một cửa liên thông');
    expect(replica.status().served.replica).toBe(before + 1);
  });

  it('keeps answering from the primary when the standby disappears, and uses it again when it is back', async () => {
    await onStandby.end();
    await standby.stop('SIGKILL');
    await upload('Quy trình khi mất bản sao').expect(201);
    expect(await titles(learner)).toContain('Quy trình khi mất bản sao');
    expect(replica.status().state).toBe('down');
    await standby.restart();
    await standby.catchUp();
    expect(await replica.check()).toBe('healthy');
    const before = replica.status().served.replica;
    expect(await titles(learner)).toContain('Quy trình khi mất bản sao');
    expect(replica.status().served.replica).toBe(before + 1);
  });

  it('refuses to start when DATABASE_READ_URL is not a standby, naming the variable', async () => {
    const wrong = await createApp({ databaseUrl: primary.url('cchc'), databaseReadUrl: primary.url('cchc'), logger: false });
    await expect(wrong.init()).rejects.toThrow('DATABASE_READ_URL is not usable: it is not a standby');
    await wrong.close().catch(() => undefined);
  });
});
