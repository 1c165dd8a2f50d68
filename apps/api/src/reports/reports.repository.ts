import { Injectable } from '@nestjs/common';
import { ReadReplica } from '@api/read-replica';

@Injectable()
export class ReportsRepository {
  /** Reports read the standby when there is one (DATABASE_READ_URL). */
  constructor(private readonly db: ReadReplica) {}

  /** The director of the Sở Nội vụ under the province root, who signs the province report. */
  async directorOfHomeAffairs(rootId: string): Promise<string | null> {
    const rows = await this.db.query(
      `SELECT p.full_name FROM person p JOIN org_unit u ON u.id = p.unit_id
        WHERE u.parent_id = $1 AND fold_vi(u.name) = 'so noi vu' AND fold_vi(coalesce(p.position, '')) LIKE 'giam doc%' AND p.status = 'active'
        ORDER BY p.staff_code LIMIT 1`,
      [rootId],
    );
    return rows[0]?.full_name ?? null;
  }

  async unitName(id: string | null): Promise<string | null> {
    if (!id) return null;
    const rows = await this.db.query(`SELECT name FROM org_unit WHERE id = $1`, [id]);
    return rows[0]?.name ?? null;
  }

  /** The province a unit belongs to (the nearest ancestor of level province, else the tree's root). */
  async provinceName(path: string): Promise<string | null> {
    const rows: { name: string }[] = await this.db.query(
      `SELECT name FROM org_unit WHERE $1 LIKE path || '%' ORDER BY (level = 'province') DESC, (parent_id IS NULL) DESC, length(path) DESC LIMIT 1`,
      [path],
    );
    return rows[0]?.name ?? null;
  }
}
