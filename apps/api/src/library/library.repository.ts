import { Injectable } from '@nestjs/common';
import { ReadReplica } from '@api/read-replica';
import { DataSource, EntityManager } from 'typeorm';
import { DocumentRefDto, DocumentStatus, DocumentType } from '@cchc/shared';
import { viOrder } from '@api/common/database';
import type { DocumentRow } from './dto/library.dto';
import { LibraryDocument } from './library-document.entity';

const SELECT = `
  SELECT d.id, d.number, d.title, d.issuer,
         to_char(d.issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(d.effective_on, 'YYYY-MM-DD') AS "effectiveOn",
         d.topic_id AS "topicId", t.code AS "topicCode", t.name AS "topicName", d.type, d.status,
         d.replaced_by_id AS "replacedById", r.number AS "replacedByNumber", r.title AS "replacedByTitle",
         d.summary, d.file_key AS "fileKey", d.file_name AS "fileName", d.format, d.content_type AS "contentType",
         d.size::float8 AS size, (d.search_body <> '') AS "textIndexed", d.created_at AS "createdAt", d.updated_at AS "updatedAt"
    FROM library_document d
    LEFT JOIN topic t ON t.id = d.topic_id
    LEFT JOIN library_document r ON r.id = d.replaced_by_id`;

export interface DocumentSearch {
  /** A tsquery over folded words (toTsQuery); null lists everything. */
  tsQuery: string | null;
  /** The same words restricted to the metadata (weight A). */
  headTsQuery: string | null;
  /** The same words as a phrase. */
  phraseTsQuery: string | null;
  topicIds: string[] | null;
  type?: DocumentType;
  status?: DocumentStatus;
  year?: number;
  limit: number;
  offset: number;
}

export type NewDocument = Omit<LibraryDocument, 'id' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class LibraryRepository {
  constructor(
    private readonly db: DataSource,
    /** Search reads the standby when there is one (DATABASE_READ_URL). */
    private readonly reads: ReadReplica,
  ) {}

  async search(s: DocumentSearch): Promise<{ rows: (DocumentRow & { contentText: string | null })[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    let rank = '0';
    if (s.tsQuery) {
      const q = p(s.tsQuery);
      where.push(`d.search_vector @@ to_tsquery('simple', ${q})`);
      // Documents whose number, title or summary hold every word come first; then ts_rank, normalised by
      // 1 + log(length) so that a long plan does not outrank a short decision just by repeating common words.
      const head = s.headTsQuery ? `(d.search_vector @@ to_tsquery('simple', ${p(s.headTsQuery)}))::int + ` : '';
      // Next, the words written together as typed ("văn hóa công vụ", not "văn bản … Khánh Hòa … công vụ").
      const phrase = s.phraseTsQuery ? `0.5 * (d.search_vector @@ to_tsquery('simple', ${p(s.phraseTsQuery)}))::int + ` : '';
      rank = `${head}${phrase}ts_rank(d.search_vector, to_tsquery('simple', ${q}), 1)`;
    }
    if (s.topicIds) where.push(`d.topic_id = ANY(${p(s.topicIds)}::uuid[])`);
    if (s.type) where.push(`d.type = ${p(s.type)}`);
    if (s.status) where.push(`d.status = ${p(s.status)}`);
    if (s.year) where.push(`d.issued_on >= make_date(${p(s.year)}::int, 1, 1) AND d.issued_on < make_date(${p(s.year)}::int + 1, 1, 1)`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: (DocumentRow & { contentText: string | null; total: number })[] = await this.reads.query(
      `SELECT x.*, CASE WHEN ${s.tsQuery ? 'true' : 'false'} THEN left(c.content_text, 300000) END AS "contentText"
         FROM (${SELECT.replace('SELECT d.id,', `SELECT ${rank} AS rank, count(*) OVER ()::int AS total, d.id,`)} ${filter}
               ORDER BY rank DESC, (d.status = 'in_force') DESC, d.issued_on DESC NULLS LAST, d.created_at DESC, d.id
               LIMIT ${p(s.limit)} OFFSET ${p(s.offset)}) x
         JOIN library_document c ON c.id = x.id
        ORDER BY x.rank DESC, (x.status = 'in_force') DESC, x."issuedOn" DESC NULLS LAST, x."createdAt" DESC, x.id`,
      params,
    );
    let total = rows[0]?.total ?? 0;
    if (!rows.length && s.offset > 0) {
      const [{ n }] = await this.reads.query(`SELECT count(*)::int AS n FROM library_document d ${filter}`, params.slice(0, params.length - 2));
      total = n;
    }
    return { rows, total };
  }

  async findById(id: string, manager: EntityManager = this.db.manager): Promise<DocumentRow | null> {
    const rows: DocumentRow[] = await manager.query(`${SELECT} WHERE d.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Locks the row for a change in the caller's transaction. */
  async lock(id: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query(`SELECT id FROM library_document WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length > 0;
  }

  findReplacedBy(id: string): Promise<DocumentRefDto[]> {
    return this.db.query(`SELECT id, number, title FROM library_document WHERE replaced_by_id = $1 ORDER BY issued_on NULLS LAST, ${viOrder('title')}`, [id]);
  }

  /** Whether `candidate` is `id` or is (transitively) replaced by `id`: replacing `id` by it would close a loop. */
  async wouldLoop(id: string, candidate: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query(
      `WITH RECURSIVE chain AS (
         SELECT id, replaced_by_id, 1 AS depth FROM library_document WHERE id = $2
         UNION ALL
         SELECT d.id, d.replaced_by_id, c.depth + 1 FROM library_document d JOIN chain c ON d.id = c.replaced_by_id WHERE c.depth < 100
       ) SELECT 1 FROM chain WHERE id = $1 LIMIT 1`,
      [id, candidate],
    );
    return rows.length > 0;
  }

  async insert(doc: NewDocument, manager: EntityManager): Promise<string> {
    const r = await manager.insert(LibraryDocument, doc);
    return r.identifiers[0].id as string;
  }

  async update(id: string, patch: Partial<NewDocument>, manager: EntityManager): Promise<void> {
    await manager.update(LibraryDocument, { id }, patch);
  }

  /** The folded words of a document's metadata, for the heavier-weighted part of its search vector. */
  async searchHeadSource(id: string, manager: EntityManager): Promise<{ number: string | null; title: string; issuer: string | null; summary: string | null; topicName: string | null }> {
    const rows = await manager.query(
      `SELECT d.number, d.title, d.issuer, d.summary, t.name AS "topicName" FROM library_document d LEFT JOIN topic t ON t.id = d.topic_id WHERE d.id = $1`,
      [id],
    );
    return rows[0];
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(LibraryDocument, { id });
  }

  async countAll(): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM library_document`);
    return n;
  }
}
