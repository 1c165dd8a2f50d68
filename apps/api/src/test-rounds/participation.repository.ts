import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { foldVietnamese, NotTakenSort, NotTakenStatus } from '@cchc/shared';
import { scopeSql, UnitScope } from '@api/common/access';
import { viNameOrder, viOrder } from '@api/common/database';
import { AUDIENCE_SQL, audienceDocument } from './test-rounds.repository';
import type { TestRound } from './test-round.entity';

export interface NotTakenFilter {
  /** Path of a unit: that unit and everything below it. */
  unitPath?: string | null;
  status?: NotTakenStatus;
  q?: string;
  sort?: NotTakenSort;
}

export interface NotTakenRow {
  personId: string;
  staffCode: string;
  fullName: string;
  position: string | null;
  unitId: string;
  unitName: string;
  status: NotTakenStatus;
  startedAt: Date | null;
  hasAccount: boolean;
  userId: string | null;
  email: string | null;
}

/** Given name first, as Vietnamese lists are read (the last word of the name), then the whole name. */
const NAME_ORDER = viNameOrder('p.full_name');
const ORDER: Record<NotTakenSort, string> = {
  fullName: `${NAME_ORDER}, p.staff_code`,
  unit: `${viOrder('u.name')}, ${NAME_ORDER}, p.staff_code`,
  status: `(a.id IS NULL), ${viOrder('u.name')}, ${NAME_ORDER}, p.staff_code`,
};

/**
 * The round's audience minus those who submitted: people at work matching the audience rule today (so transfers,
 * retirements and new hires follow), with no result and no submitted attempt for the round, within the caller's scope.
 */
@Injectable()
export class ParticipationRepository {
  constructor(private readonly db: DataSource) {}

  private where(roundId: string, round: Pick<TestRound, 'audience' | 'provinceId'>, scope: UnitScope, f: NotTakenFilter, params: unknown[]): string {
    params.push(roundId, audienceDocument(round));
    const parts = [
      AUDIENCE_SQL('p', 'u', '$2::jsonb'),
      `NOT EXISTS (SELECT 1 FROM test_result r WHERE r.round_id = $1 AND r.person_id = p.id)`,
      `NOT EXISTS (SELECT 1 FROM test_attempt s WHERE s.round_id = $1 AND s.person_id = p.id AND s.submitted_at IS NOT NULL)`,
      scopeSql(scope, { path: 'u.path', person: 'p.id' }, params),
    ];
    if (f.unitPath) {
      params.push(`${f.unitPath}%`);
      parts.push(`u.path LIKE $${params.length}`);
    }
    if (f.status) parts.push(f.status === 'in_progress' ? 'a.id IS NOT NULL' : 'a.id IS NULL');
    if (f.q) {
      params.push(`%${foldVietnamese(f.q).replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
      parts.push(`p.search_text LIKE $${params.length}`);
    }
    return parts.join(' AND ');
  }

  private readonly from = `FROM person p
      JOIN org_unit u ON u.id = p.unit_id
      LEFT JOIN test_attempt a ON a.round_id = $1 AND a.person_id = p.id AND a.submitted_at IS NULL
      LEFT JOIN user_account acc ON acc.person_id = p.id AND NOT acc.disabled`;

  private readonly columns = `p.id AS "personId", p.staff_code AS "staffCode", p.full_name AS "fullName", p.position,
      u.id AS "unitId", u.name AS "unitName", CASE WHEN a.id IS NULL THEN 'not_started' ELSE 'in_progress' END AS status,
      a.started_at AS "startedAt", acc.id IS NOT NULL AS "hasAccount", acc.id AS "userId", p.email`;

  async page(roundId: string, round: Pick<TestRound, 'audience' | 'provinceId'>, scope: UnitScope, f: NotTakenFilter, page: number, pageSize: number): Promise<{ items: NotTakenRow[]; total: number }> {
    const params: unknown[] = [];
    const where = this.where(roundId, round, scope, f, params);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n ${this.from} WHERE ${where}`, params);
    params.push(pageSize, (page - 1) * pageSize);
    const items = await this.db.query(
      `SELECT ${this.columns} ${this.from} WHERE ${where} ORDER BY ${ORDER[f.sort ?? 'unit']} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { items, total: n };
  }

  /** Every row, for the export and for reminders; capped so one request cannot pull a whole country. */
  async all(roundId: string, round: Pick<TestRound, 'audience' | 'provinceId'>, scope: UnitScope, f: NotTakenFilter, max = 100_000): Promise<NotTakenRow[]> {
    const params: unknown[] = [];
    const where = this.where(roundId, round, scope, f, params);
    params.push(max);
    return this.db.query(`SELECT ${this.columns} ${this.from} WHERE ${where} ORDER BY ${ORDER[f.sort ?? 'unit']} LIMIT $${params.length}`, params);
  }

  async unitName(unitId: string): Promise<string | null> {
    const rows: { name: string }[] = await this.db.query(`SELECT name FROM org_unit WHERE id = $1`, [unitId]);
    return rows[0]?.name ?? null;
  }

  async unitPath(unitId: string): Promise<string | null> {
    const rows: { path: string }[] = await this.db.query(`SELECT path FROM org_unit WHERE id = $1`, [unitId]);
    return rows[0]?.path ?? null;
  }
}
