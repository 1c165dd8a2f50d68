import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { foldVietnamese, PersonCategory, PersonStatus, UnitChangeReason } from '@cchc/shared';
import { scopePersonSql, scopeSql, UnitScope } from '@api/common/access';
import { viNameOrder, viOrder } from '@api/common/database';
import { Person, PersonStatusHistory, PersonUnitHistory } from './person.entity';

export interface PeopleFilter {
  q?: string;
  /** Path of the chosen unit; with includeSubunits the whole subtree, else that unit only. */
  unit?: { id: string; path: string; includeSubunits: boolean };
  category?: PersonCategory;
  status?: PersonStatus;
  doesCchcWork?: boolean;
  isLeader?: boolean;
  sort?: 'fullName' | 'staffCode' | 'unit';
}

export type PersonRow = Person & { unitName: string; unitCode: string; unitPath: string };

/** Vietnamese names sort by given name (the last word) in lists, as people expect; ties by the whole name. */
const NAME_ORDER = viNameOrder('p.full_name');

const SORTS = {
  staffCode: 'p.staff_code',
  unit: `${viOrder('u.name')}, ${NAME_ORDER}`,
};

@Injectable()
export class PeopleRepository {
  constructor(private readonly db: DataSource) {}

  /** The FROM/WHERE of the people list, its values appended to `params` as $n. */
  private listWhere(scope: UnitScope, f: PeopleFilter, params: unknown[]): string {
    const where = [scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)];
    const add = (sql: (n: string) => string, value: unknown) => where.push(sql(`$${params.push(value)}`));
    if (f.q) add((n) => `p.search_text LIKE ${n}`, `%${foldVietnamese(f.q).replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
    if (f.unit) {
      if (f.unit.includeSubunits) add((n) => `u.path LIKE ${n}`, `${f.unit.path}%`);
      else add((n) => `p.unit_id = ${n}::uuid`, f.unit.id);
    }
    if (f.category) add((n) => `p.category = ${n}`, f.category);
    if (f.status) add((n) => `p.status = ${n}`, f.status);
    if (f.doesCchcWork !== undefined) add((n) => `p.does_cchc_work = ${n}`, f.doesCchcWork);
    if (f.isLeader !== undefined) add((n) => `p.is_leader = ${n}`, f.isLeader);
    return `FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE ${where.join(' AND ')}`;
  }

  async list(scope: UnitScope, f: PeopleFilter, page: number, pageSize: number): Promise<{ items: PersonRow[]; total: number }> {
    const params: unknown[] = [];
    const from = this.listWhere(scope, f, params);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n ${from}`, params);
    const order = !f.sort || f.sort === 'fullName' ? NAME_ORDER : SORTS[f.sort];
    const rows = await this.db.query(
      `SELECT ${PERSON_COLUMNS} ${from} ORDER BY ${order}, p.staff_code LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`,
      params,
    );
    return { items: rows.map(toPersonRow), total: n };
  }

  /** Every matching row, for exports; capped so one request cannot pull the whole country. */
  async listAll(scope: UnitScope, f: PeopleFilter, max = 100_000): Promise<PersonRow[]> {
    const params: unknown[] = [];
    const from = this.listWhere(scope, f, params);
    const rows = await this.db.query(`SELECT ${PERSON_COLUMNS} ${from} ORDER BY u.path, ${NAME_ORDER} LIMIT ${Number(max)}`, params);
    return rows.map(toPersonRow);
  }

  async findById(id: string, manager: EntityManager = this.db.manager): Promise<PersonRow | null> {
    const qb = manager
      .getRepository(Person)
      .createQueryBuilder('p')
      .innerJoin('org_unit', 'u', 'u.id = p.unit_id')
      .addSelect(['u.name AS unit_name', 'u.code AS unit_code', 'u.path AS unit_path'])
      .where('p.id = :id', { id });
    const { entities, raw } = await qb.getRawAndEntities();
    return entities[0] ? withUnit(entities[0], raw[0]) : null;
  }

  /** People holding these staff codes in one province (codes are unique per province); every province when null. */
  async findByStaffCodes(codes: string[], provinceId: string | null, manager: EntityManager = this.db.manager): Promise<PersonRow[]> {
    if (!codes.length) return [];
    const { entities, raw } = await manager
      .getRepository(Person)
      .createQueryBuilder('p')
      .innerJoin('org_unit', 'u', 'u.id = p.unit_id')
      .addSelect(['u.name AS unit_name', 'u.code AS unit_code', 'u.path AS unit_path'])
      .where('p.staff_code = ANY(:codes)', { codes })
      .andWhere(provinceId ? 'p.province_id = :provinceId' : 'TRUE', { provinceId })
      .getRawAndEntities();
    return entities.map((e, i) => withUnit(e, raw[i]));
  }

  async lockForUpdate(id: string, manager: EntityManager): Promise<Person | null> {
    return manager.getRepository(Person).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }

  async insert(person: Omit<Person, 'id' | 'provinceId' | 'createdAt' | 'updatedAt'>, since: Date, reason: UnitChangeReason, manager: EntityManager): Promise<string> {
    const result = await manager.insert(Person, person);
    const id = result.identifiers[0].id as string;
    await manager.insert(PersonUnitHistory, { personId: id, unitId: person.unitId, fromDate: since, reason, note: null });
    await manager.insert(PersonStatusHistory, { personId: id, status: person.status, fromDate: since, note: null });
    return id;
  }

  async update(id: string, patch: Partial<Person>, manager: EntityManager): Promise<void> {
    await manager.update(Person, { id }, patch);
  }

  async changeUnit(id: string, unitId: string, at: Date, reason: UnitChangeReason, note: string | null, manager: EntityManager) {
    await manager.query(`UPDATE person_unit_history SET to_date = $2 WHERE person_id = $1 AND to_date IS NULL`, [id, at]);
    await manager.insert(PersonUnitHistory, { personId: id, unitId, fromDate: at, reason, note });
    await manager.update(Person, { id }, { unitId });
  }

  async changeStatus(id: string, status: PersonStatus, at: Date, note: string | null, manager: EntityManager) {
    await manager.query(`UPDATE person_status_history SET to_date = $2 WHERE person_id = $1 AND to_date IS NULL`, [id, at]);
    await manager.insert(PersonStatusHistory, { personId: id, status, fromDate: at, note });
    await manager.update(Person, { id }, { status });
  }

  async openSince(id: string, manager: EntityManager): Promise<{ unitSince: Date | null; statusSince: Date | null }> {
    const rows = await manager.query(
      `SELECT (SELECT from_date FROM person_unit_history WHERE person_id = $1 AND to_date IS NULL) AS unit_since,
              (SELECT from_date FROM person_status_history WHERE person_id = $1 AND to_date IS NULL) AS status_since`,
      [id],
    );
    return { unitSince: rows[0]?.unit_since ?? null, statusSince: rows[0]?.status_since ?? null };
  }

  /** Where a person of the scope has worked (units they left may lie outside the scope: it is their history). */
  async unitHistory(scope: UnitScope, personId: string) {
    const params: unknown[] = [personId];
    return this.db.query(
      `SELECT h.unit_id, u.code AS unit_code, u.name AS unit_name, h.from_date, h.to_date, h.reason, h.note
         FROM person_unit_history h JOIN org_unit u ON u.id = h.unit_id
        WHERE h.person_id = $1 AND ${scopePersonSql(scope, 'h.person_id', params)} ORDER BY h.from_date DESC, h.id DESC`,
      params,
    );
  }

  async statusHistory(scope: UnitScope, personId: string) {
    const params: unknown[] = [personId];
    return this.db.query(
      `SELECT status, from_date, to_date, note FROM person_status_history WHERE person_id = $1 AND ${scopePersonSql(scope, 'person_id', params)} ORDER BY from_date DESC, id DESC`,
      params,
    );
  }

  /**
   * Follows the person's status on their account: retiring or leaving disables it (and ends its sessions); returning
   * to work re-enables an account that was disabled that way, never one disabled for another reason.
   * Returns the account when it changed.
   */
  async followStatusOnAccount(personId: string, atWork: boolean, manager: EntityManager): Promise<{ id: string; username: string } | null> {
    const rows: { id: string; username: string }[] = atWork
      ? await manager.query(
          `WITH changed AS (UPDATE user_account SET disabled = false, disabled_reason = NULL, updated_at = now()
            WHERE person_id = $1 AND disabled AND disabled_reason = 'person_status' RETURNING id, username) SELECT * FROM changed`,
          [personId],
        )
      : await manager.query(
          `WITH changed AS (UPDATE user_account SET disabled = true, disabled_reason = 'person_status', updated_at = now()
            WHERE person_id = $1 AND NOT disabled RETURNING id, username) SELECT * FROM changed`,
          [personId],
        );
    if (!rows.length) return null;
    if (!atWork) await manager.query(`UPDATE refresh_token SET revoked_at = now(), revoked_reason = 'reset' WHERE user_id = $1 AND revoked_at IS NULL`, [rows[0].id]);
    return rows[0];
  }

  /** The account of a person of the scope. */
  async linkedUser(scope: UnitScope, personId: string): Promise<{ id: string; username: string } | null> {
    const params: unknown[] = [personId];
    const rows = await this.db.query(`SELECT id, username FROM user_account WHERE person_id = $1 AND ${scopePersonSql(scope, 'person_id', params)}`, params);
    return rows[0] ?? null;
  }
}

const PERSON_COLUMNS = `p.id, p.staff_code, p.full_name, p.search_text, p.unit_id, p.province_id, p.category, p.position, p.email, p.phone,
  to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, p.gender, p.does_cchc_work, p.is_leader, p.status, p.created_at, p.updated_at,
  u.name AS unit_name, u.code AS unit_code, u.path AS unit_path`;

function toPersonRow(r: Record<string, unknown>): PersonRow {
  const p = Object.assign(new Person(), {
    id: r.id as string,
    staffCode: r.staff_code as string,
    fullName: r.full_name as string,
    searchText: r.search_text as string,
    unitId: r.unit_id as string,
    provinceId: r.province_id as string,
    category: r.category as PersonCategory,
    position: (r.position as string) ?? null,
    email: (r.email as string) ?? null,
    phone: (r.phone as string) ?? null,
    dateOfBirth: (r.date_of_birth as string) ?? null,
    gender: (r.gender as Person['gender']) ?? null,
    doesCchcWork: r.does_cchc_work as boolean,
    isLeader: r.is_leader as boolean,
    status: r.status as PersonStatus,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  });
  return withUnit(p, r);
}

function withUnit(p: Person, raw: Record<string, unknown>): PersonRow {
  return Object.assign(p, { unitName: raw.unit_name as string, unitCode: raw.unit_code as string, unitPath: raw.unit_path as string });
}
