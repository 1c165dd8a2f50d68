import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { foldVietnamese } from '@cchc/shared';
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

  async list(query: AuditQuery): Promise<{ items: AuditLog[]; total: number }> {
    const qb = this.db.getRepository(AuditLog).createQueryBuilder('a');
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.from) qb.andWhere('a.at >= :from', { from: query.from });
    if (query.to) qb.andWhere(`a.at < (:to::date + 1)`, { to: query.to });
    if (query.q) {
      qb.andWhere(`(fold_vi(a.summary) LIKE :q OR fold_vi(coalesce(a.actor_name, '')) LIKE :q)`, {
        q: `%${foldVietnamese(query.q)}%`,
      });
    }
    const [items, total] = await qb
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total };
  }
}
