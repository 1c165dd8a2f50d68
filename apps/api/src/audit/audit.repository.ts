import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { foldVietnamese } from '@cchc/shared';
import { scopeSql, UnitScope } from '@api/common/access';
import { AuditLog } from './audit-log.entity';

export interface AuditQuery {
  entityType?: string;
  action?: string;
  q?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly db: DataSource) {}

  async insert(entry: Omit<AuditLog, 'id' | 'at'>, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.insert(AuditLog, { ...entry, at: () => 'now()' } as never);
  }

  /**
   * Entries about units in the scope; entries without a unit (targets, topics, rounds) count where their author
   * works, so a province sees its own coordinators' changes and the nation sees everything.
   */
  async list(scope: UnitScope, query: AuditQuery): Promise<{ items: AuditLog[]; total: number }> {
    const params: unknown[] = [];
    // Where an entry sits: its unit, else its author's unit, else nowhere in particular (seen by the nation only).
    const where = [scopeSql(scope, `coalesce(a.unit_path, au.path, '/')`, params)];
    const add = (sql: (n: string) => string, value: unknown) => where.push(sql(`$${params.push(value)}`));
    if (query.entityType) add((n) => `a.entity_type = ${n}`, query.entityType);
    if (query.action) add((n) => `a.action = ${n}`, query.action);
    if (query.from) add((n) => `a.at >= ${n}::date`, query.from);
    if (query.to) add((n) => `a.at < (${n}::date + 1)`, query.to);
    if (query.q) add((n) => `(fold_vi(a.summary) LIKE ${n} OR fold_vi(coalesce(a.actor_name, '')) LIKE ${n})`, `%${foldVietnamese(query.q)}%`);
    const from = `FROM audit_log a LEFT JOIN user_account ua ON ua.id = a.actor_id LEFT JOIN org_unit au ON au.id = ua.unit_id
                   WHERE ${where.join(' AND ')}`;
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n ${from}`, params);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT a.* ${from} ORDER BY a.at DESC, a.id DESC LIMIT ${Number(query.pageSize)} OFFSET ${(Number(query.page) - 1) * Number(query.pageSize)}`,
      params,
    );
    const items = rows.map((r) =>
      Object.assign(new AuditLog(), {
        id: String(r.id),
        at: r.at as Date,
        actorId: (r.actor_id as string) ?? null,
        actorName: (r.actor_name as string) ?? null,
        action: r.action as string,
        entityType: r.entity_type as string,
        entityId: (r.entity_id as string) ?? null,
        unitPath: (r.unit_path as string) ?? null,
        summary: r.summary as string,
        details: (r.details as Record<string, unknown>) ?? null,
      }),
    );
    return { items, total: n };
  }
}
