import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { foldVietnamese, PersonCategory, PersonStatus, UnitChangeReason } from '@cchc/shared';
import { scopeCondition, UnitScope } from '@api/common/access';
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

const SORTS = {
  fullName: 'p.search_text',
  staffCode: 'p.staff_code',
  unit: 'u.name',
} as const;

/**
 * Vietnamese names sort by given name (the last word) in lists, as people expect; ties by the whole name.
 * Taken from the name itself: the last word of search_text is the staff code.
 */
const NAME_ORDER = `regexp_replace(fold_vi(p.full_name), '^.* ', '')`;

@Injectable()
export class PeopleRepository {
  constructor(private readonly db: DataSource) {}

  private listQuery(scope: UnitScope, f: PeopleFilter, manager: EntityManager = this.db.manager) {
    const cond = scopeCondition(scope, 'u.path');
    const qb = manager
      .getRepository(Person)
      .createQueryBuilder('p')
      .innerJoin('org_unit', 'u', 'u.id = p.unit_id')
      .addSelect(['u.name AS unit_name', 'u.code AS unit_code', 'u.path AS unit_path'])
      .where(cond.sql, cond.params);
    if (f.q) {
      const folded = foldVietnamese(f.q);
      qb.andWhere('p.search_text LIKE :q', { q: `%${folded.replace(/[%_\\]/g, (c) => `\\${c}`)}%` });
    }
    if (f.unit) {
      if (f.unit.includeSubunits) qb.andWhere('u.path LIKE :unitPath', { unitPath: `${f.unit.path}%` });
      else qb.andWhere('p.unit_id = :unitId', { unitId: f.unit.id });
    }
    if (f.category) qb.andWhere('p.category = :category', { category: f.category });
    if (f.status) qb.andWhere('p.status = :status', { status: f.status });
    if (f.doesCchcWork !== undefined) qb.andWhere('p.does_cchc_work = :cchc', { cchc: f.doesCchcWork });
    if (f.isLeader !== undefined) qb.andWhere('p.is_leader = :leader', { leader: f.isLeader });
    return qb;
  }

  async list(scope: UnitScope, f: PeopleFilter, page: number, pageSize: number): Promise<{ items: PersonRow[]; total: number }> {
    const qb = this.listQuery(scope, f);
    const total = await qb.getCount();
    if (!f.sort || f.sort === 'fullName') qb.orderBy(NAME_ORDER, 'ASC').addOrderBy('p.search_text', 'ASC');
    else qb.orderBy(SORTS[f.sort], 'ASC');
    qb.addOrderBy('p.staff_code', 'ASC');
    const { entities, raw } = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawAndEntities();
    return { items: entities.map((e, i) => withUnit(e, raw[i])), total };
  }

  /** Every matching row, for exports; capped so one request cannot pull the whole country. */
  async listAll(scope: UnitScope, f: PeopleFilter, max = 100_000): Promise<PersonRow[]> {
    const qb = this.listQuery(scope, f).orderBy('u.path').addOrderBy(NAME_ORDER).addOrderBy('p.search_text').limit(max);
    const { entities, raw } = await qb.getRawAndEntities();
    return entities.map((e, i) => withUnit(e, raw[i]));
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

  async findByStaffCodes(codes: string[], manager: EntityManager = this.db.manager): Promise<PersonRow[]> {
    if (!codes.length) return [];
    const { entities, raw } = await manager
      .getRepository(Person)
      .createQueryBuilder('p')
      .innerJoin('org_unit', 'u', 'u.id = p.unit_id')
      .addSelect(['u.name AS unit_name', 'u.code AS unit_code', 'u.path AS unit_path'])
      .where('p.staff_code = ANY(:codes)', { codes })
      .getRawAndEntities();
    return entities.map((e, i) => withUnit(e, raw[i]));
  }

  async lockForUpdate(id: string, manager: EntityManager): Promise<Person | null> {
    return manager.getRepository(Person).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }

  async insert(person: Omit<Person, 'id' | 'createdAt' | 'updatedAt'>, since: Date, reason: UnitChangeReason, manager: EntityManager): Promise<string> {
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

  async unitHistory(personId: string) {
    return this.db.query(
      `SELECT h.unit_id, u.code AS unit_code, u.name AS unit_name, h.from_date, h.to_date, h.reason, h.note
         FROM person_unit_history h JOIN org_unit u ON u.id = h.unit_id
        WHERE h.person_id = $1 ORDER BY h.from_date DESC, h.id DESC`,
      [personId],
    );
  }

  async statusHistory(personId: string) {
    return this.db.query(
      `SELECT status, from_date, to_date, note FROM person_status_history WHERE person_id = $1 ORDER BY from_date DESC, id DESC`,
      [personId],
    );
  }

  async linkedUser(personId: string): Promise<{ id: string; username: string } | null> {
    const rows = await this.db.query(`SELECT id, username FROM user_account WHERE person_id = $1`, [personId]);
    return rows[0] ?? null;
  }
}

function withUnit(p: Person, raw: Record<string, unknown>): PersonRow {
  return Object.assign(p, { unitName: raw.unit_name as string, unitCode: raw.unit_code as string, unitPath: raw.unit_path as string });
}
