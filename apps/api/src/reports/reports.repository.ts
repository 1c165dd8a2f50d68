import { Injectable } from '@nestjs/common';
import { scopeSql, type UnitScope } from '@api/common/access';
import { ReadReplica } from '@api/read-replica';

/** Reads of the report's letterhead and signer; the report's figures come from the coverage repository. */
@Injectable()
export class ReportsRepository {
  /** Reports read the standby when there is one (DATABASE_READ_URL). */
  constructor(private readonly db: ReadReplica) {}

  /** The director of the Sở Nội vụ under the province root, who signs the province report (a person of the scope). */
  async directorOfHomeAffairs(scope: UnitScope, rootId: string): Promise<string | null> {
    const params: unknown[] = [rootId];
    const rows = await this.db.query(
      `SELECT p.full_name FROM person p JOIN org_unit u ON u.id = p.unit_id
        WHERE u.parent_id = $1 AND fold_vi(u.name) = 'so noi vu' AND fold_vi(coalesce(p.position, '')) LIKE 'giam doc%' AND p.status = 'active'
          AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}
        ORDER BY p.staff_code LIMIT 1`,
      params,
    );
    return rows[0]?.full_name ?? null;
  }

  /** The name of a unit in the scope or above it (the parent named in a unit report's letterhead). */
  async unitName(scope: UnitScope, id: string | null): Promise<string | null> {
    if (!id) return null;
    const params: unknown[] = [id];
    const rows = await this.db.query(`SELECT u.name FROM org_unit u WHERE u.id = $1 AND ${scopeSql(scope, { path: 'u.path', orAbove: true }, params)}`, params);
    return rows[0]?.name ?? null;
  }

  /** The province a unit of the scope belongs to (the nearest ancestor of level province, else the tree's root). */
  async provinceName(scope: UnitScope, path: string): Promise<string | null> {
    const params: unknown[] = [path];
    const rows: { name: string }[] = await this.db.query(
      `SELECT u.name FROM org_unit u WHERE $1 LIKE u.path || '%' AND ${scopeSql(scope, { path: 'u.path', orAbove: true }, params)}
        ORDER BY (u.level = 'province') DESC, (u.parent_id IS NULL) DESC, length(u.path) DESC LIMIT 1`,
      params,
    );
    return rows[0]?.name ?? null;
  }
}
