import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Clock } from '@api/common/clock';
import { AppSecrets } from '@api/common/settings';
import { FileStorage } from '@api/storage';
import { CoursesRepository } from './courses.repository';
import { coursesError, CoursesErrorCode } from './courses.exception';

const TOKEN_TTL_SECONDS = 6 * 3600;
const expired = () => coursesError(CoursesErrorCode.LessonFileLinkExpired, 'Liên kết tệp đã hết hạn. Hãy mở lại bài học.');

/**
 * Video and document files are fetched by the browser's own <video>/<a> elements, which cannot send the bearer
 * header; the lesson answer carries a short-lived signed link instead. The secret lives in the database so every
 * API instance accepts every link.
 */
@Injectable()
export class LessonFiles {
  constructor(
    private readonly courses: CoursesRepository,
    private readonly secrets: AppSecrets,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
  ) {}

  private sign(payload: string): string {
    return createHmac('sha256', this.secrets.lessonFileSecret).update(payload).digest('base64url');
  }

  urlFor(lessonId: string, fileKey: string): string {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + TOKEN_TTL_SECONDS;
    const payload = `${lessonId}.${expires}`;
    // The key takes part in the signature: replacing a lesson's file invalidates links to the old one.
    return `/api/lesson-files/${payload}.${this.sign(`${payload}.${fileKey}`)}`;
  }

  /** Size of the file behind a valid link, so a Range request can be answered. */
  async sizeOf(token: string): Promise<number> {
    const [lessonId] = token.split('.');
    const lesson = /^[0-9a-f-]{36}$/i.test(lessonId ?? '') ? await this.courses.findLesson(lessonId) : null;
    return lesson?.fileSize ?? 0;
  }

  async open(token: string, range?: { start: number; end: number }): Promise<{ stream: Readable; name: string; mime: string; size: number }> {
    const [lessonId, expires, signature] = token.split('.');
    if (!lessonId || !expires || !signature || !/^\d{1,12}$/.test(expires)) throw expired();
    if (Number(expires) * 1000 < this.clock.now().getTime()) throw expired();
    const lesson = /^[0-9a-f-]{36}$/i.test(lessonId) ? await this.courses.findLesson(lessonId) : null;
    if (!lesson?.fileKey) throw expired();
    const expected = Buffer.from(this.sign(`${lessonId}.${expires}.${lesson.fileKey}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw expired();
    return { stream: await this.storage.open(lesson.fileKey, range), name: lesson.fileName ?? 'tep', mime: lesson.fileMime ?? 'application/octet-stream', size: lesson.fileSize ?? 0 };
  }
}
