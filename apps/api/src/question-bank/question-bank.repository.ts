import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Difficulty, foldVietnamese, QuestionStatus, QuestionType } from '@cchc/shared';
import { ContentScope, contentSql, systemContentScope } from '@api/common/access';
import { viOrder } from '@api/common/database';
import { Question, QuestionVersion } from './question.entity';

export interface QuestionFilter {
  /** Whose banks: a province's own and the national one (required: no list reads every province by accident). */
  content: ContentScope;
  q?: string;
  /** The chosen topic and every topic below it. */
  topicIds?: string[];
  difficulty?: Difficulty;
  type?: QuestionType;
  status?: QuestionStatus;
  tag?: string;
}

/** A question with its current version and its topic, as lists and exports read it. */
export interface QuestionRow {
  question: Question;
  version: QuestionVersion;
  topicCode: string;
  topicName: string;
}

const like = (s: string) => `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/** contentSql's condition with named parameters, for a query builder. */
function contentWhere(content: ContentScope, column: string): [string, Record<string, unknown>] {
  const params: unknown[] = [];
  const sql = contentSql(content, column, params).replace(/\$(\d+)/g, ':content$1');
  return [sql, Object.fromEntries(params.map((v, i) => [`content${i + 1}`, v]))];
}

@Injectable()
export class QuestionBankRepository {
  constructor(private readonly db: DataSource) {}

  private filtered(f: QuestionFilter, manager: EntityManager = this.db.manager) {
    const qb = manager
      .getRepository(Question)
      .createQueryBuilder('q')
      .innerJoin('topic', 't', 't.id = q.topic_id')
      .addSelect(['t.code AS topic_code', 't.name AS topic_name'])
      .where(...contentWhere(f.content, 'q.province_id'));
    if (f.q) qb.andWhere('q.search_text LIKE :q', { q: like(foldVietnamese(f.q)) });
    if (f.topicIds) qb.andWhere('q.topic_id = ANY(:topicIds)', { topicIds: f.topicIds });
    if (f.difficulty) qb.andWhere('q.difficulty = :difficulty', { difficulty: f.difficulty });
    if (f.type) qb.andWhere('q.type = :type', { type: f.type });
    if (f.status) qb.andWhere('q.status = :status', { status: f.status });
    if (f.tag) qb.andWhere(':tag = ANY(q.tags)', { tag: f.tag });
    return qb;
  }

  private async withVersions(entities: Question[], raw: Record<string, string>[], manager: EntityManager = this.db.manager): Promise<QuestionRow[]> {
    if (!entities.length) return [];
    const versions = await manager
      .getRepository(QuestionVersion)
      .createQueryBuilder('v')
      .innerJoin('question', 'q', 'q.id = v.question_id AND q.current_version = v.version')
      .where('v.question_id = ANY(:ids)', { ids: entities.map((e) => e.id) })
      .getMany();
    const byQuestion = new Map(versions.map((v) => [v.questionId, v]));
    return entities.map((question, i) => ({ question, version: byQuestion.get(question.id)!, topicCode: raw[i].topic_code, topicName: raw[i].topic_name }));
  }

  async list(f: QuestionFilter, page: number, pageSize: number): Promise<{ items: QuestionRow[]; total: number }> {
    const qb = this.filtered(f);
    const total = await qb.getCount();
    const { entities, raw } = await qb.orderBy('q.updated_at', 'DESC').addOrderBy('q.code', 'DESC').offset((page - 1) * pageSize).limit(pageSize).getRawAndEntities();
    return { items: await this.withVersions(entities, raw), total };
  }

  /** Every matching question, ordered for a file (by topic, then code); capped so one request stays bounded. */
  async listAll(f: QuestionFilter, max = 20_000): Promise<QuestionRow[]> {
    const { entities, raw } = await this.filtered(f).orderBy('t.sort_order').addOrderBy('q.code').limit(max).getRawAndEntities();
    return this.withVersions(entities, raw);
  }

  async findById(id: string, manager: EntityManager = this.db.manager): Promise<QuestionRow | null> {
    // By id, unfiltered: the caller decides with the question's provinceId (another province's reads as not found).
    const { entities, raw } = await this.filtered({ content: systemContentScope() }, manager).andWhere('q.id = :id', { id }).getRawAndEntities();
    return (await this.withVersions(entities, raw, manager))[0] ?? null;
  }

  async lockForUpdate(id: string, manager: EntityManager): Promise<Question | null> {
    return manager.getRepository(Question).createQueryBuilder('q').setLock('pessimistic_write').where('q.id = :id', { id }).getOne();
  }

  async lockMany(ids: string[], manager: EntityManager): Promise<Question[]> {
    return manager.getRepository(Question).createQueryBuilder('q').setLock('pessimistic_write').where('q.id = ANY(:ids)', { ids }).orderBy('q.id').getMany();
  }

  async versions(questionId: string): Promise<(QuestionVersion & { topicCode: string; topicName: string; createdByName: string | null })[]> {
    const { entities, raw } = await this.db.manager
      .getRepository(QuestionVersion)
      .createQueryBuilder('v')
      .innerJoin('topic', 't', 't.id = v.topic_id')
      .leftJoin('user_account', 'u', 'u.id = v.created_by')
      .addSelect(['t.code AS topic_code', 't.name AS topic_name', 'u.display_name AS created_by_name'])
      .where('v.question_id = :questionId', { questionId })
      .orderBy('v.version', 'DESC')
      .getRawAndEntities();
    return entities.map((v, i) => Object.assign(v, { topicCode: raw[i].topic_code, topicName: raw[i].topic_name, createdByName: raw[i].created_by_name ?? null }));
  }

  async insertQuestion(q: Omit<Question, 'id' | 'code' | 'createdAt' | 'updatedAt'>, manager: EntityManager): Promise<{ id: string; code: string }> {
    const rows: { id: string; code: string }[] = await manager.query(
      `INSERT INTO question (topic_id, type, difficulty, status, current_version, tags, search_text, created_by, province_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, code`,
      [q.topicId, q.type, q.difficulty, q.status, q.currentVersion, q.tags, q.searchText, q.createdBy, q.provinceId],
    );
    return rows[0];
  }

  /** Versions are only ever inserted: an attempt that was given version N must always find it unchanged. */
  async insertVersion(v: Omit<QuestionVersion, 'id' | 'createdAt'>, manager: EntityManager): Promise<void> {
    await manager.insert(QuestionVersion, v);
  }

  async update(id: string, patch: Partial<Pick<Question, 'topicId' | 'type' | 'difficulty' | 'status' | 'currentVersion' | 'tags' | 'searchText'>>, manager: EntityManager) {
    await manager.update(Question, { id }, patch);
  }

  async distinctTags(content: ContentScope): Promise<string[]> {
    const params: unknown[] = [];
    const rows: { tag: string }[] = await this.db.query(
      `SELECT tag FROM (SELECT DISTINCT unnest(tags) AS tag FROM question WHERE ${contentSql(content, 'province_id', params)}) t ORDER BY ${viOrder('tag')}`,
      params,
    );
    return rows.map((r) => r.tag);
  }
}
