import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { viOrder } from '@api/common/database';
import { Topic } from './topic.entity';

@Injectable()
export class TopicsRepository {
  constructor(private readonly db: DataSource) {}

  list(includeInactive: boolean): Promise<Topic[]> {
    const qb = this.db.manager.getRepository(Topic).createQueryBuilder('t').orderBy('t.sort_order', 'ASC').addOrderBy(viOrder('t.name'), 'ASC');
    if (!includeInactive) qb.where('t.active');
    return qb.getMany();
  }

  findById(id: string, manager: EntityManager = this.db.manager): Promise<Topic | null> {
    return manager.findOne(Topic, { where: { id } });
  }

  findByCode(code: string, manager: EntityManager = this.db.manager): Promise<Topic | null> {
    return manager.getRepository(Topic).createQueryBuilder('t').where('upper(t.code) = upper(:code)', { code }).getOne();
  }

  /** The topic and every topic below it (a programme and its fields and skills). */
  async withDescendants(id: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `WITH RECURSIVE sub AS (SELECT id FROM topic WHERE id = $1 UNION ALL SELECT t.id FROM topic t JOIN sub ON t.parent_id = sub.id)
       SELECT id FROM sub`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  async nextSortOrder(manager: EntityManager): Promise<number> {
    const [{ n }] = await manager.query('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM topic');
    return Number(n);
  }

  async insert(topic: Partial<Topic>, manager: EntityManager): Promise<string> {
    const r = await manager.insert(Topic, topic);
    return r.identifiers[0].id as string;
  }

  async update(id: string, patch: Partial<Topic>, manager: EntityManager): Promise<void> {
    await manager.update(Topic, { id }, patch);
  }
}
