import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { QaStatus } from '@cchc/shared';
import type { QuestionRow } from './dto/qa.dto';
import { QaQuestion } from './qa-question.entity';

const SELECT = `
  SELECT q.id, q.asker_id AS "askerId", q.asker_name AS "askerName", u.name AS "askerUnitName",
         q.topic_id AS "topicId", t.code AS "topicCode", t.name AS "topicName", q.title, q.body, q.status,
         q.answer, q.answered_by_name AS "answeredByName", q.answered_at AS "answeredAt",
         q.published, q.published_at AS "publishedAt", q.created_at AS "createdAt", count(*) OVER ()::int AS total
    FROM qa_question q
    LEFT JOIN topic t ON t.id = q.topic_id
    LEFT JOIN org_unit u ON u.id = q.asker_unit_id`;

export interface QuestionFilter {
  askerId?: string;
  status?: QaStatus;
  topicIds?: string[] | null;
  /** Folded words (searchTerms): every one must occur in the question, its answer or its topic. */
  terms?: string[];
  publishedOnly?: boolean;
  limit: number;
  offset: number;
}

type NewQuestion = Omit<QaQuestion, 'id' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class QaRepository {
  constructor(private readonly db: DataSource) {}

  async list(f: QuestionFilter, order: 'newest' | 'oldest_open_first' | 'relevance'): Promise<{ rows: QuestionRow[]; total: number }> {
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    if (f.askerId) where.push(`q.asker_id = ${p(f.askerId)}`);
    if (f.status) where.push(`q.status = ${p(f.status)}`);
    if (f.publishedOnly) where.push('q.published');
    if (f.topicIds) where.push(`q.topic_id = ANY(${p(f.topicIds)}::uuid[])`);
    for (const term of f.terms ?? []) where.push(`q.search_text LIKE ${p(`%${term}%`)}`);
    const orderBy =
      order === 'newest'
        ? 'q.created_at DESC, q.id'
        : order === 'oldest_open_first'
          ? // The inbox: what still waits for an answer first, the longest-waiting on top.
            `(q.status = 'open') DESC, CASE WHEN q.status = 'open' THEN q.created_at END ASC, q.answered_at DESC, q.id`
          : f.terms?.length
            ? `similarity(q.search_text, ${p(f.terms.join(' '))}) DESC, q.published_at DESC, q.id`
            : 'q.published_at DESC, q.id';
    const rows: (QuestionRow & { total: number })[] = await this.db.query(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy} LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
      params,
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  async findById(id: string, manager: EntityManager = this.db.manager): Promise<QuestionRow | null> {
    const rows: QuestionRow[] = await manager.query(`${SELECT} WHERE q.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async lock(id: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT id FROM qa_question WHERE id = $1 FOR UPDATE`, [id]);
  }

  async insert(q: NewQuestion, manager: EntityManager): Promise<string> {
    const r = await manager.insert(QaQuestion, q);
    return r.identifiers[0].id as string;
  }

  async update(id: string, patch: Partial<NewQuestion>, manager: EntityManager): Promise<void> {
    await manager.update(QaQuestion, { id }, patch);
  }

  async countPublished(manager: EntityManager = this.db.manager): Promise<number> {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM qa_question WHERE published`);
    return n;
  }
}
