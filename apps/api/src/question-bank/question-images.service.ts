import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { QuestionImageDto } from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { AccessService } from '@api/common/access';
import { FileStorage } from '@api/storage';
import { questionBankError, QuestionBankErrorCode as E } from './question-bank.exception';
import { QUESTION_IMAGE_PATH } from './question-html';
import { ExtractedImage, IMAGE_EXTENSIONS, sniffImage } from './question-images';
import { QuestionImagesRepository } from './question-images.repository';

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

  async open(user: AuthUser, id: string): Promise<{ stream: Readable; mime: string; size: number }> {
    const row = await this.access.requireContent(user, id, (x) => this.images.find(x), notFound);
    return { stream: await this.storage.open(row.fileKey), mime: row.mime, size: row.size };
  }
}
