import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface QuestionImageRow {
  id: string;
  provinceId: string | null;
  fileKey: string;
  mime: string;
  size: number;
}

/** question_image: the stored images of question texts (the bytes are in the file store). */
@Injectable()
export class QuestionImagesRepository {
  constructor(private readonly db: DataSource) {}

  async insert(r: QuestionImageRow & { sha256: string; createdBy: string | null }, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO question_image (id, province_id, file_key, mime, size, sha256, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [r.id, r.provinceId, r.fileKey, r.mime, r.size, r.sha256, r.createdBy],
    );
  }

  /** By ids, unfiltered (the caller applies the read rule); unknown ids are simply absent. */
  async findMany(ids: readonly string[], manager: EntityManager | DataSource = this.db): Promise<QuestionImageRow[]> {
    if (!ids.length) return [];
    const rows: Record<string, unknown>[] = await manager.query(`SELECT id, province_id, file_key, mime, size FROM question_image WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map((r) => ({ id: r.id as string, provinceId: (r.province_id as string) ?? null, fileKey: r.file_key as string, mime: r.mime as string, size: Number(r.size) }));
  }

  /**
   * Deletes the images created more than `graceDays` days ago that no version of any question shows (an upload the
   * author never saved, a picture edited out before the first save), queueing their files in `file_cleanup`; in the
   * caller's transaction, which holds the sweep lock (see QuestionImagesService). Answers how many it deleted.
   * Versions are never deleted, so an image any version ever showed (past attempts' review shows it) stays.
   */
  async deleteUnused(graceDays: number, manager: EntityManager): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      // What follows each image path in the stored HTML, compared as text with the ids (sanitised texts hold only
      // well-formed stored-image addresses; the ids were validated when the questions were written).
      `WITH shown AS (
         SELECT DISTINCT m[1] AS id
         FROM question_version v,
              regexp_matches(v.stem || ' ' || v.options::text || ' ' || coalesce(v.explanation, ''), '/api/question-images/([0-9a-z-]+)', 'g') AS m
         WHERE v.format = 'html'
       ), gone AS (
         DELETE FROM question_image i
         WHERE i.created_at < now() - make_interval(days => $1) AND NOT EXISTS (SELECT 1 FROM shown s WHERE s.id = i.id::text)
         RETURNING i.file_key
       ), queued AS (
         INSERT INTO file_cleanup (file_key) SELECT file_key FROM gone ON CONFLICT ON CONSTRAINT pk_file_cleanup DO NOTHING
       )
       SELECT count(*)::int AS n FROM gone`,
      [graceDays],
    );
    return rows[0].n;
  }

  /** By id, unfiltered: the caller decides with the image's province (another province's reads as not found). */
  async find(id: string): Promise<QuestionImageRow | null> {
    const rows: Record<string, unknown>[] = await this.db.query(`SELECT id, province_id, file_key, mime, size FROM question_image WHERE id = $1`, [id]);
    const r = rows[0];
    return r ? { id: r.id as string, provinceId: (r.province_id as string) ?? null, fileKey: r.file_key as string, mime: r.mime as string, size: Number(r.size) } : null;
  }
}
