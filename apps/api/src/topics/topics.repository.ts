import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ContentScope, contentSql, contentVisible } from '@api/common/access';
import { viOrder } from '@api/common/database';
import { Topic } from './topic.entity';

@Injectable()
export class TopicsRepository {
  constructor(private readonly db: DataSource) {}

  /** The topics the content scope sees (a province's own and the nation's). */
  list(content: ContentScope, includeInactive: boolean): Promise<Topic[]> {
    const params: unknown[] = [];
    return this.db.query(
      `SELECT id, code, name, name_en AS "nameEn", description, kind, parent_id AS "parentId", sort_order AS "sortOrder", active,
              province_id AS "provinceId", created_at AS "createdAt", updated_at AS "updatedAt"
         FROM topic t WHERE ${includeInactive ? 'TRUE' : 't.active'} AND ${contentSql(content, 't.province_id', params)}
        ORDER BY t.sort_order, ${viOrder('t.name')}`,
      params,
    );
  }

  /** A topic the content scope sees, or null (unknown, or another province's). */
  async findVisible(id: string, content: ContentScope, manager: EntityManager = this.db.manager): Promise<Topic | null> {
    const topic = await this.findById(id, manager);
    return topic && contentVisible(content, topic.provinceId) ? topic : null;
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
