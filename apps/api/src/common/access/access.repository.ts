import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The lookups every authorization decision needs: where a unit or a person sits in the tree. */
@Injectable()
export class AccessRepository {
  constructor(private readonly db: DataSource) {}

  async unitPath(unitId: string): Promise<string | null> {
    const rows: { path: string }[] = await this.db.query('SELECT path FROM org_unit WHERE id = $1', [unitId]);
    return rows[0]?.path ?? null;
  }

  /** The province a unit belongs to (itself for a province; the root of a tree without provinces), with its path. */
  async provinceOf(unitId: string): Promise<{ id: string; path: string } | null> {
    const rows: { id: string; path: string }[] = await this.db.query(
      'SELECT p.id, p.path FROM org_unit u JOIN org_unit p ON p.id = coalesce(u.province_id, u.id) WHERE u.id = $1',
      [unitId],
    );
    return rows[0] ?? null;
  }

  async personUnitPath(personId: string): Promise<string | null> {
    const rows: { path: string }[] = await this.db.query(
      'SELECT u.path FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE p.id = $1',
      [personId],
    );
    return rows[0]?.path ?? null;
  }
}
