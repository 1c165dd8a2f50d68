import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { childPath, foldVietnamese, Role, UnitLevel } from '@cchc/shared';
import { seedCoverageDemo } from '@api/coverage';
import { PasswordHasher } from '@api/users';
import { seedDemoLearning } from '@api/courses';
import { buildDemoProvince, DemoPerson, DemoUnit } from './demo-data/demo-province';
import { buildSecondProvince } from './demo-data/demo-second-province';
import { seedDemoQuestions } from './demo-questions-seed';
import { seedDemoTestRounds } from '@api/test-rounds';
import { seedDemoRemedial } from '@api/test-rounds';
import { seedDemoLibrary } from './demo-library/seed-demo-library';
import { seedDemoStudyLinks } from './demo-study-links-seed';

export const DEMO_PASSWORD = 'Demo@2025';

export interface DemoAccount {
  username: string;
  role: Role;
  description: string;
  /** Finds the unit the account belongs to (and whose first active person it is linked to). */
  unit: (units: DemoUnit[]) => DemoUnit | undefined;
  linkPerson: boolean;
}

const byName = (name: string) => (units: DemoUnit[]) => units.find((u) => u.name === name);
const firstOfLevel = (level: UnitLevel) => (units: DemoUnit[]) => units.find((u) => u.level === level);

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'quantri', role: Role.Admin, description: 'Quản trị hệ thống', unit: firstOfLevel(UnitLevel.Nation), linkPerson: false },
  { username: 'bonoivu', role: Role.NationalOfficer, description: 'Cán bộ Bộ Nội vụ (xem mọi tỉnh, không sửa)', unit: firstOfLevel(UnitLevel.Nation), linkPerson: false },
  { username: 'dieuphoi', role: Role.Coordinator, description: 'Điều phối viên Sở Nội vụ', unit: byName('Sở Nội vụ'), linkPerson: true },
  { username: 'bienson', role: Role.Author, description: 'Biên soạn nội dung (Sở Tư pháp)', unit: byName('Sở Tư pháp'), linkPerson: true },
  { username: 'donvi.so', role: Role.UnitOfficer, description: 'Cán bộ phụ trách Sở Tư pháp', unit: byName('Sở Tư pháp'), linkPerson: false },
  { username: 'donvi.xa', role: Role.UnitOfficer, description: 'Cán bộ phụ trách Phường Nha Trang', unit: byName('Phường Nha Trang'), linkPerson: false },
  { username: 'hocvien', role: Role.Learner, description: 'Học viên, công chức Phường Nha Trang', unit: byName('Phường Nha Trang'), linkPerson: true },
  { username: 'dieuphoi.lc', role: Role.Coordinator, description: 'Điều phối viên Sở Nội vụ tỉnh Lai Châu', unit: byName('Sở Nội vụ tỉnh Lai Châu'), linkPerson: true },
  { username: 'donvi.lc', role: Role.UnitOfficer, description: 'Cán bộ phụ trách Phường Tân Phong (Lai Châu)', unit: byName('Phường Tân Phong'), linkPerson: false },
];

/** The national root above the provinces: one deployment, many provinces. */
const NATION: DemoUnit = { code: 'VN', name: 'Toàn quốc', level: UnitLevel.Nation, parentCode: null };

/** Both demo provinces under the national root: Khánh Hòa (full size) and Lai Châu (small). */
function demoCountry(peopleCount?: number): { units: DemoUnit[]; people: DemoPerson[]; provinces: number } {
  const main = buildDemoProvince({ peopleCount });
  const second = buildSecondProvince();
  const underNation = (u: DemoUnit): DemoUnit => (u.parentCode ? u : { ...u, parentCode: NATION.code });
  return { units: [NATION, ...main.units.map(underNation), ...second.units.map(underNation)], people: [...main.people, ...second.people], provinces: 2 };
}

/** Loads the demo province (Khánh Hòa after the 2025 reorganisation) into an empty database. Returns false if not empty. */
export async function seedDemoProvince(db: DataSource, log: (m: string) => void = () => {}, options: { peopleCount?: number } = {}): Promise<boolean> {
  const started = Date.now();
  const province = demoCountry(options.peopleCount);
  const hasher = new PasswordHasher();
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  const seeded = await db.transaction(async (tx) => {
    // Two instances starting together on an empty database: only one seeds.
    await tx.query('SELECT pg_advisory_xact_lock(727002)');
    const [{ n }] = await tx.query('SELECT count(*)::int AS n FROM org_unit');
    if (n > 0) return false;
    const unitIds = await insertUnits(tx, province.units);
    // Before anyone is counted: the triggers then count Khánh Hòa's own targets on Khánh Hòa's people only.
    await assignDemoTargets(tx);
    const personIds = await insertPeople(tx, province.people, unitIds);
    await insertAccounts(tx, province, unitIds, personIds, passwordHash);
    await seedDemoQuestions(tx);
    await tx.query(
      `INSERT INTO audit_log (action, entity_type, summary, details) VALUES ('seed', 'system', $1, $2)`,
      [
        `Khởi tạo dữ liệu mẫu tỉnh Khánh Hòa và tỉnh Lai Châu: ${province.units.length} đơn vị, ${province.people.length} cán bộ; ${DEMO_ACCOUNTS.length} tài khoản dùng thử và một tài khoản cho mỗi cán bộ đang công tác (tên đăng nhập = mã cán bộ viết thường)`,
        JSON.stringify({ units: province.units.length, people: province.people.length }),
      ],
    );
    await seedCoverageDemo(tx, new Date().getUTCFullYear());
    await seedDemoLearning(tx);
    return true;
  });
  // Assessment goes last: its demo round is drawn from whatever question bank the seed published above.
  if (seeded) await db.transaction((tx) => seedDemoTestRounds(tx, new Date(), log));
  if (seeded) await db.transaction((tx) => assignDemoContent(tx));
  if (seeded) log(`demo province seeded: ${province.units.length} units, ${province.people.length} people in ${Date.now() - started} ms`);
  // Right after the province (and on a demo database that predates the library): documents and FAQ, once.
  await seedDemoLibrary(db, log);
  // Needs the courses and the library: the demo bank's questions link the lessons and documents that teach them (once).
  await seedDemoStudyLinks(db, log);
  // Needs the courses and the library above: hocvien's remedial learning after a low result (once).
  await db.transaction((tx) => seedDemoRemedial(tx, new Date(), log));
  return seeded;
}

/** Khánh Hòa's own targets (its QĐ 1718/QĐ-UBND and its commune plan); the QĐ-TTg ones (1439, 1847) stay national. */
const KHANH_HOA_TARGETS = ['QD1718.CCHC', 'KH.CCHC.XA'];

/**
 * Who owns the demo's content: the national programmes (topics) and the Prime Minister's targets belong to the nation;
 * Khánh Hòa's own targets, its question bank (written by its author) and its test rounds belong to Khánh Hòa, so Lai
 * Châu sees the national part and nothing of Khánh Hòa's.
 */
async function assignDemoContent(tx: EntityManager): Promise<void> {
  const [kh] = await tx.query(`SELECT id FROM org_unit WHERE level = 'province' AND code = 'KH'`);
  if (!kh) return;
  await tx.query(`UPDATE question SET province_id = $1 WHERE province_id IS NULL`, [kh.id]);
  await tx.query(`UPDATE test_round SET province_id = $1 WHERE province_id IS NULL`, [kh.id]);
}

/** Khánh Hòa's own targets; called while nobody is counted yet, so no coverage needs rebuilding. */
async function assignDemoTargets(tx: EntityManager): Promise<void> {
  await tx.query(`UPDATE target SET province_id = (SELECT id FROM org_unit WHERE level = 'province' AND code = 'KH') WHERE code = ANY($1::text[])`, [KHANH_HOA_TARGETS]);
}

async function insertUnits(tx: EntityManager, units: DemoUnit[]): Promise<Map<string, { id: string; path: string }>> {
  const byCode = new Map<string, { id: string; path: string }>();
  // Parents come before children in the list; resolve in order, retrying any that came early.
  const pending = [...units];
  while (pending.length) {
    const before = pending.length;
    for (let i = 0; i < pending.length; ) {
      const u = pending[i];
      const parent = u.parentCode ? byCode.get(u.parentCode) : null;
      if (u.parentCode && !parent) {
        i++;
        continue;
      }
      const id = randomUUID();
      byCode.set(u.code, { id, path: childPath(parent?.path ?? null, id) });
      pending.splice(i, 1);
    }
    if (pending.length === before) throw new Error(`demo units with unknown parents: ${pending.map((u) => u.code).join(', ')}`);
  }
  await tx.query(
    `INSERT INTO org_unit (id, code, name, level, parent_id, path)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[])`,
    [
      units.map((u) => byCode.get(u.code)!.id),
      units.map((u) => u.code),
      units.map((u) => u.name),
      units.map((u) => u.level),
      units.map((u) => (u.parentCode ? byCode.get(u.parentCode)!.id : null)),
      units.map((u) => byCode.get(u.code)!.path),
    ],
  );
  return byCode;
}

async function insertPeople(tx: EntityManager, people: DemoPerson[], units: Map<string, { id: string }>): Promise<Map<string, string>> {
  const ids = people.map(() => randomUUID());
  const col = <T>(f: (p: DemoPerson) => T) => people.map(f);
  await tx.query(
    `INSERT INTO person (id, staff_code, full_name, search_text, unit_id, category, position, email, phone, date_of_birth, gender,
                         does_cchc_work, is_leader, status)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[],
                          $10::date[], $11::text[], $12::bool[], $13::bool[], $14::text[])`,
    [
      ids,
      col((p) => p.staffCode),
      col((p) => p.fullName),
      col((p) => foldVietnamese(`${p.fullName} ${p.staffCode}`)),
      col((p) => units.get(p.unitCode)!.id),
      col((p) => p.category),
      col((p) => p.position),
      col((p) => p.email),
      col((p) => p.phone),
      col((p) => p.dateOfBirth),
      col((p) => p.gender),
      col((p) => p.doesCchcWork),
      col((p) => p.isLeader),
      col((p) => p.status),
    ],
  );
  // History starts at the 2025 reorganisation (1 July 2025), when the current units came into being.
  await tx.query(
    `INSERT INTO person_unit_history (person_id, unit_id, from_date, reason)
     SELECT id, unit_id, '2025-07-01T00:00:00+07:00', 'hire' FROM person`,
  );
  await tx.query(
    `INSERT INTO person_status_history (person_id, status, from_date, note)
     SELECT id, status, '2025-07-01T00:00:00+07:00', NULL FROM person`,
  );
  return new Map(people.map((p, i) => [p.staffCode, ids[i]]));
}

async function insertAccounts(
  tx: EntityManager,
  province: { units: DemoUnit[]; people: DemoPerson[] },
  units: Map<string, { id: string }>,
  personIds: Map<string, string>,
  passwordHash: string,
): Promise<void> {
  const taken = new Set<string>();
  for (const account of DEMO_ACCOUNTS) {
    const unit = account.unit(province.units);
    if (!unit) throw new Error(`demo account ${account.username}: unit not found in the demo province`);
    const person = account.linkPerson
      ? province.people.find((p) => p.unitCode === unit.code && p.status === 'active' && !taken.has(p.staffCode) && !p.isLeader) ??
        province.people.find((p) => p.unitCode.startsWith(unit.code) && p.status === 'active' && !taken.has(p.staffCode))
      : undefined;
    if (person) taken.add(person.staffCode);
    await tx.query(
      `INSERT INTO user_account (username, display_name, password_hash, role, unit_id, person_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [account.username, person?.fullName ?? account.description, passwordHash, account.role, units.get(unit.code)!.id, person ? personIds.get(person.staffCode) : null],
    );
  }
  // Every other person at work signs in with their staff code (lower case) and the demo password, as in a live
  // province after the accounts handout; one statement, one hash reused.
  await insertPeopleAccounts(tx, passwordHash);
}

/** A learner account for every active person without one: username = staff code in lower case, no forced change. */
export async function insertPeopleAccounts(tx: EntityManager, passwordHash: string): Promise<number> {
  const rows = await tx.query(
    `INSERT INTO user_account (username, display_name, password_hash, role, unit_id, person_id)
     SELECT lower(p.staff_code), left(p.full_name, 120), $1, 'learner', p.unit_id, p.id
       FROM person p
      WHERE p.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM user_account a WHERE a.person_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM user_account a WHERE lower(a.username) = lower(p.staff_code))
        -- Staff codes are unique per province only: a code two provinces share would be one username; skip both.
        AND NOT EXISTS (SELECT 1 FROM person q WHERE lower(q.staff_code) = lower(p.staff_code) AND q.id <> p.id AND q.status = 'active')
     RETURNING id`,
    [passwordHash],
  );
  return rows.length;
}
