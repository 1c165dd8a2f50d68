import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UnitStatus } from '@cchc/shared';
import { scopeSql, UnitScope } from '@api/common/access';
import { viOrder } from '@api/common/database';
import { OrgUnit } from './org-unit.entity';

const COUNTED_STATUSES = `('active','on_leave')`;

@Injectable()
export class OrgUnitsRepository {
  constructor(private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  /** Every unit in scope with its own count of people still in service. */
  async listWithOwnCounts(scope: UnitScope, includeClosed: boolean): Promise<(OrgUnit & { ownCount: number })[]> {
    const params: unknown[] = [];
    const inScope = scopeSql(scope, 'u.path', params);
    const rows = await this.db.query(
      `SELECT u.id, u.code, u.name, u.level, u.parent_id, u.path, u.status, u.merged_into_id, u.closed_at,
              coalesce(c.n, 0)::int AS own_count
         FROM org_unit u
         LEFT JOIN (SELECT unit_id, count(*) AS n FROM person WHERE status IN ${COUNTED_STATUSES} GROUP BY unit_id) c
           ON c.unit_id = u.id
        WHERE ${inScope} ${includeClosed ? '' : `AND u.status = 'active'`}
        ORDER BY ${viOrder('u.name')}`,
      params,
    );
    return rows.map(toUnit);
  }

  async findById(id: string, manager: EntityManager = this.db.manager): Promise<OrgUnit | null> {
    return manager.findOne(OrgUnit, { where: { id } });
  }

  async findByIdForUpdate(id: string, manager: EntityManager): Promise<OrgUnit | null> {
    return manager.getRepository(OrgUnit).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
  }

  async findByCode(code: string, manager: EntityManager = this.db.manager): Promise<OrgUnit | null> {
    return manager.getRepository(OrgUnit).createQueryBuilder('u').where('upper(u.code) = upper(:code)', { code }).getOne();
  }

  async findByCodes(codes: string[], manager: EntityManager = this.db.manager): Promise<OrgUnit[]> {
    if (!codes.length) return [];
    return manager.getRepository(OrgUnit).createQueryBuilder('u').where('upper(u.code) = ANY(:codes)', { codes: codes.map((c) => c.toUpperCase()) }).getMany();
  }

  async findByIds(ids: string[], manager: EntityManager = this.db.manager): Promise<OrgUnit[]> {
    if (!ids.length) return [];
    return manager.getRepository(OrgUnit).createQueryBuilder('u').where('u.id IN (:...ids)', { ids }).getMany();
  }

  async ancestors(path: string): Promise<Pick<OrgUnit, 'id' | 'code' | 'name'>[]> {
    const ids = path.split('/').filter(Boolean).slice(0, -1);
    if (!ids.length) return [];
    const rows: OrgUnit[] = await this.db.getRepository(OrgUnit).createQueryBuilder('u').where('u.id IN (:...ids)', { ids }).getMany();
    return ids.map((id) => rows.find((r) => r.id === id)!).filter(Boolean);
  }

  async countActiveChildren(unitId: string, manager: EntityManager): Promise<number> {
    return manager.count(OrgUnit, { where: { parentId: unitId, status: UnitStatus.Active } });
  }

  async countPeopleInService(unitId: string, manager: EntityManager): Promise<number> {
    const rows = await manager.query(`SELECT count(*)::int AS n FROM person WHERE unit_id = $1 AND status IN ${COUNTED_STATUSES}`, [unitId]);
    return rows[0].n;
  }

  async insert(unit: Pick<OrgUnit, 'id' | 'code' | 'name' | 'level' | 'parentId' | 'path'>, manager: EntityManager): Promise<void> {
    await manager.insert(OrgUnit, { ...unit, status: UnitStatus.Active });
  }

  async update(id: string, patch: Partial<Pick<OrgUnit, 'name' | 'code' | 'status' | 'closedAt' | 'mergedIntoId' | 'parentId'>>, manager: EntityManager) {
    await manager.update(OrgUnit, { id }, patch);
  }

  /** Rewrites the paths of a whole subtree in one statement. */
  async rebaseSubtree(oldPath: string, newPath: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE org_unit SET path = $2 || substr(path, length($1) + 1), updated_at = now() WHERE path LIKE $1 || '%'`, [
      oldPath,
      newPath,
    ]);
  }

  async childrenOf(unitId: string, manager: EntityManager): Promise<OrgUnit[]> {
    return manager.find(OrgUnit, { where: { parentId: unitId } });
  }

  /** Moves every person of one unit to another, closing their open history row and opening a new one. */
  async movePeople(fromUnitId: string, toUnitId: string, at: Date, reason: string, note: string, manager: EntityManager): Promise<number> {
    // For an UPDATE, TypeORM's query() answers [rows, affected count], not the rows alone.
    const [moved]: [{ id: string }[], number] = await manager.query(
      `UPDATE person SET unit_id = $2, updated_at = now() WHERE unit_id = $1 RETURNING id`,
      [fromUnitId, toUnitId],
    );
    if (!moved.length) return 0;
    const ids = moved.map((m) => m.id);
    await manager.query(`UPDATE person_unit_history SET to_date = $2 WHERE person_id = ANY($1) AND to_date IS NULL`, [ids, at]);
    await manager.query(
      `INSERT INTO person_unit_history (person_id, unit_id, from_date, reason, note)
       SELECT unnest($1::uuid[]), $2, $5, $3, $4`,
      [ids, toUnitId, reason, note, at],
    );
    return ids.length;
  }

  async reassignUnitOfficers(fromUnitId: string, toUnitId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE user_account SET unit_id = $2, updated_at = now() WHERE unit_id = $1`, [fromUnitId, toUnitId]);
  }
}

function toUnit(r: Record<string, unknown>): OrgUnit & { ownCount: number } {
  return Object.assign(new OrgUnit(), {
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    level: r.level as OrgUnit['level'],
    parentId: (r.parent_id as string) ?? null,
    path: r.path as string,
    status: r.status as UnitStatus,
    mergedIntoId: (r.merged_into_id as string) ?? null,
    closedAt: (r.closed_at as Date) ?? null,
    ownCount: r.own_count as number,
  });
}
