import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { childPath, foldVietnamese, Role, UnitLevel } from '@cchc/shared';
import { createApp, type CreateAppOptions } from '@api/app/create-app';
import { Clock } from '@api/common/clock';
import { PasswordHasher } from '@api/users';
import { createTestDatabase } from './test-db';

/** A clock the test moves by hand. */
export class TestClock extends Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  db: DataSource;
  clock: TestClock;
  close: () => Promise<void>;
}

/** The real application on its own fresh database; each test file makes its own units and people. */
export async function createTestApp(options: { config?: CreateAppOptions['config']; databaseUrl?: string } = {}): Promise<TestApp> {
  // A second app on an existing database (another "node") leaves that database to its owner.
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  const clock = new TestClock();
  const app = await createApp({ databaseUrl: database.url, clock, logger: ['error'], config: options.config });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get(DataSource);
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    clock,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export const TEST_PASSWORD = 'Test@12345';
let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= new PasswordHasher().hash(TEST_PASSWORD));

export async function insertUnit(db: DataSource, u: { code: string; name: string; level: UnitLevel; parent?: { id: string; path: string } | null }) {
  const id = randomUUID();
  const path = childPath(u.parent?.path ?? null, id);
  await db.query(`INSERT INTO org_unit (id, code, name, level, parent_id, path) VALUES ($1, $2, $3, $4, $5, $6)`, [
    id,
    u.code,
    u.name,
    u.level,
    u.parent?.id ?? null,
    path,
  ]);
  return { id, path, code: u.code, name: u.name };
}

export async function insertPerson(
  db: DataSource,
  p: { staffCode: string; fullName: string; unitId: string; category?: string; status?: string; doesCchcWork?: boolean; isLeader?: boolean },
) {
  const id = randomUUID();
  await db.query(
    `INSERT INTO person (id, staff_code, full_name, search_text, unit_id, category, status, does_cchc_work, is_leader)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, p.staffCode, p.fullName, foldVietnamese(`${p.fullName} ${p.staffCode}`), p.unitId, p.category ?? 'cong_chuc', p.status ?? 'active', p.doesCchcWork ?? false, p.isLeader ?? false],
  );
  await db.query(`INSERT INTO person_unit_history (person_id, unit_id, from_date, reason) VALUES ($1, $2, now() - interval '1 year', 'hire')`, [id, p.unitId]);
  await db.query(`INSERT INTO person_status_history (person_id, status, from_date) VALUES ($1, $2, now() - interval '1 year')`, [id, p.status ?? 'active']);
  return { id, ...p };
}

export async function insertUser(db: DataSource, u: { username: string; role: Role; unitId?: string | null; personId?: string | null }) {
  const rows = await db.query(
    `INSERT INTO user_account (username, display_name, password_hash, role, unit_id, person_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [u.username, `Tài khoản ${u.username}`, await passwordHash(), u.role, u.unitId ?? null, u.personId ?? null],
  );
  return { id: rows[0].id as string, ...u };
}

export async function login(http: TestAgent, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await http.post('/api/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

/**
 * A small province: root → department (→ office) and two communes, a few people in each, and one account per
 * role. `deptOfficer` manages the department subtree; `communeOfficer` manages commune A only.
 */
export async function seedSmallProvince(db: DataSource) {
  const province = await insertUnit(db, { code: 'T', name: 'UBND tỉnh Thử Nghiệm', level: UnitLevel.Province });
  const dept = await insertUnit(db, { code: 'T.SNV', name: 'Sở Nội vụ', level: UnitLevel.Department, parent: province });
  const office = await insertUnit(db, { code: 'T.SNV.CCHC', name: 'Phòng Cải cách hành chính', level: UnitLevel.SubUnit, parent: dept });
  const communeA = await insertUnit(db, { code: 'T.X.A', name: 'Xã An Bình', level: UnitLevel.Commune, parent: province });
  const communeB = await insertUnit(db, { code: 'T.X.B', name: 'Phường Bình Minh', level: UnitLevel.Commune, parent: province });
  const people = {
    deptHead: await insertPerson(db, { staffCode: 'T0001', fullName: 'Nguyễn Văn An', unitId: dept.id, isLeader: true }),
    officeStaff: await insertPerson(db, { staffCode: 'T0002', fullName: 'Trần Thị Bích', unitId: office.id, doesCchcWork: true }),
    communeAStaff: await insertPerson(db, { staffCode: 'T0003', fullName: 'Lê Đức Cường', unitId: communeA.id, category: 'can_bo' }),
    communeAStaff2: await insertPerson(db, { staffCode: 'T0004', fullName: 'Phạm Thị Dung', unitId: communeA.id }),
    communeBStaff: await insertPerson(db, { staffCode: 'T0005', fullName: 'Hoàng Văn Em', unitId: communeB.id }),
    retired: await insertPerson(db, { staffCode: 'T0006', fullName: 'Võ Thị Phương', unitId: communeB.id, status: 'retired' }),
  };
  const users = {
    admin: await insertUser(db, { username: 'admin', role: Role.Admin }),
    coordinator: await insertUser(db, { username: 'coord', role: Role.Coordinator, unitId: dept.id, personId: people.deptHead.id }),
    // An author of the province (Sở Nội vụ's staff): what they write is province T's.
    author: await insertUser(db, { username: 'author', role: Role.Author, unitId: dept.id }),
    deptOfficer: await insertUser(db, { username: 'dept.officer', role: Role.UnitOfficer, unitId: dept.id }),
    communeOfficer: await insertUser(db, { username: 'commune.officer', role: Role.UnitOfficer, unitId: communeA.id }),
    learner: await insertUser(db, { username: 'learner', role: Role.Learner, unitId: communeA.id, personId: people.communeAStaff.id }),
  };
  return { units: { province, dept, office, communeA, communeB }, people, users };
}

export type SmallProvince = Awaited<ReturnType<typeof seedSmallProvince>>;
