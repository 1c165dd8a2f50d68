import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { DataSource, type EntityManager } from 'typeorm';
import { QuestionImageDto } from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { AccessService, contentVisible, ownerContentScope } from '@api/common/access';
import { FileCleanup, FileStorage } from '@api/storage';
import { questionBankError, QuestionBankErrorCode as E } from './question-bank.exception';
import { QUESTION_IMAGE_PATH, storedImageIds } from './question-html';
import { ExtractedImage, IMAGE_EXTENSIONS, sniffImage } from './question-images';
import { QuestionImagesRepository } from './question-images.repository';

/** Held exclusively by the sweep of unused images and shared by every transaction that saves image addresses. */
const IMAGE_SWEEP_LOCK = 727005;
/** An uploaded image no question shows is kept this many days (an editor left open, a draft not yet saved). */
export const UNUSED_IMAGE_GRACE_DAYS = 7;

const notFound = () => questionBankError(E.ImageNotFound, 'Không tìm thấy hình.');

/**
 * Question images: stored through the file store (every node serves them) with a row saying whose bank they belong
 * to. Read rule: any signed-in account that sees the bank the image belongs to — a province's images by that
 * province's accounts, the national bank's by everyone. That covers the learner in an open attempt (their round
 * draws from their province's and the national bank) without a per-attempt lookup on the exam path, and it never
 * shows another province's image.
 */
@Injectable()
export class QuestionImagesService {
  constructor(
    private readonly images: QuestionImagesRepository,
    private readonly storage: FileStorage,
    private readonly access: AccessService,
    private readonly db: DataSource,
    private readonly cleanup: FileCleanup,
  ) {}

  /** One image uploaded by an author, into the caller's bank (their province's, or the national one). */
  async upload(user: AuthUser, bytes: Buffer): Promise<QuestionImageDto> {
    const mime = sniffImage(bytes);
    if (!mime) throw questionBankError(E.ImageInvalid, 'Tệp không phải ảnh PNG, JPEG, GIF hoặc WebP (hoặc ảnh bị hỏng).');
    const owner = await this.access.contentOwnerOf(user);
    const image: ExtractedImage = { id: randomUUID(), bytes, mime, sha256: createHash('sha256').update(bytes).digest('hex') };
    const stored: string[] = [];
    try {
      await this.db.transaction((tx) => this.store([image], owner, user, tx, stored));
    } catch (e) {
      await this.discard(stored);
      throw e;
    }
    return { id: image.id, url: `${QUESTION_IMAGE_PATH}${image.id}`, mime, size: bytes.length };
  }

  /**
   * Stores the files, then their rows in the caller's transaction. The files are written before the rows; `stored`
   * collects their keys so the caller removes them when the transaction does not commit.
   */
  async store(images: readonly ExtractedImage[], owner: string | null, user: AuthUser | null, tx: EntityManager, stored: string[]): Promise<void> {
    for (const img of images) {
      const file = await this.storage.put(img.bytes, `hinh.${IMAGE_EXTENSIONS[img.mime]}`);
      stored.push(file.key);
      await this.images.insert({ id: img.id, provinceId: owner, fileKey: file.key, mime: img.mime, size: file.size, sha256: img.sha256, createdBy: user?.id ?? null }, tx);
    }
  }

  /** Removes files written for a transaction that did not commit (best effort: an orphan file harms no one). */
  async discard(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((k) => this.storage.remove(k).catch(() => undefined)));
  }

  /**
   * Which of these stored images the learners of `owner`'s bank (a province, or null: the national bank) can see: the
   * bank's own and the national bank's. A question of that bank may show only those; another province's image would
   * answer 404 to them.
   */
  async usableIn(owner: string | null, ids: readonly string[], manager?: EntityManager): Promise<Set<string>> {
    const scope = ownerContentScope(owner);
    return new Set((await this.images.findMany(ids, manager)).filter((r) => contentVisible(scope, r.provinceId)).map((r) => r.id));
  }

  /**
   * Refuses (400, in Vietnamese) question texts of `owner`'s bank that show a stored image its learners cannot see.
   * In a transaction that writes the texts, it also holds the sweep lock shared until commit, so the sweep of unused
   * images never removes an image a question is being saved with.
   */
  async requireUsable(owner: string | null, htmls: readonly string[], manager?: EntityManager): Promise<void> {
    const ids = storedImageIds(htmls);
    if (ids.length && manager) await this.holdAgainstSweep(manager);
    const usable = await this.usableIn(owner, ids, manager);
    const foreign = ids.find((id) => !usable.has(id));
    if (foreign !== undefined)
      throw questionBankError(
        E.ImageNotStored,
        `Câu hỏi có hình không thuộc ngân hàng câu hỏi này (${QUESTION_IMAGE_PATH}${foreign}): hình của tỉnh khác hoặc không còn, người học ở đây không xem được. Hãy chèn lại hình bằng nút "Chèn hình".`,
      );
  }

  /**
   * The stored images of exported question texts as `data:` URLs (what GIFT and Moodle carry embedded), so the file
   * keeps its pictures wherever it is imported. Only images the exporter may read are embedded; any other keeps its
   * address (and an import elsewhere names it as a problem).
   */
  async embedded(user: AuthUser, htmls: readonly string[]): Promise<Map<string, string>> {
    const scope = await this.access.contentScopeOf(user);
    const rows = (await this.images.findMany(storedImageIds(htmls))).filter((r) => contentVisible(scope, r.provinceId));
    const out = new Map<string, string>();
    for (const r of rows) out.set(r.id, `data:${r.mime};base64,${(await buffer(await this.storage.open(r.fileKey))).toString('base64')}`);
    return out;
  }

  /** Keeps the sweep of unused images waiting until the caller's transaction ends (it may be saving image addresses). */
  async holdAgainstSweep(tx: EntityManager): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock_shared($1)', [IMAGE_SWEEP_LOCK]);
  }

  /**
   * Deletes images no question shows, uploaded more than `graceDays` ago (an author's unsaved upload; the grace covers
   * an editor left open), and removes their files after the commit. Question saves hold the lock shared, so the sweep
   * sees every version committed before it and none is being written while it looks.
   */
  async sweepUnused(graceDays = UNUSED_IMAGE_GRACE_DAYS): Promise<number> {
    const deleted = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [IMAGE_SWEEP_LOCK]);
      return this.images.deleteUnused(graceDays, tx);
    });
    if (deleted) await this.cleanup.drain();
    return deleted;
  }

  async open(user: AuthUser, id: string): Promise<{ stream: Readable; mime: string; size: number }> {
    const row = await this.access.requireContent(user, id, (x) => this.images.find(x), notFound);
    return { stream: await this.storage.open(row.fileKey), mime: row.mime, size: row.size };
  }
}
