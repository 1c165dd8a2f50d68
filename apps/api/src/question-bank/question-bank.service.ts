import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  Difficulty,
  Page,
  QUESTION_STATUS_LABELS,
  QuestionBulkResultDto,
  QuestionDetailDto,
  QuestionFormat,
  QuestionListItemDto,
  QuestionOption,
  QuestionStatus,
  QuestionType,
  QuestionVersionDto,
  imageSources,
  questionSearchText,
  TRUE_FALSE_OPTIONS,
  validateQuestion,
} from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { AccessService, contentVisible, ownerContentScope } from '@api/common/access';
import { AuditAction, AuditService } from '@api/audit';
import { TopicsRepository } from '@api/topics';
import {
  BulkIdsRequest,
  BulkTagRequest,
  CreateQuestionRequest,
  mapQuestionDetail,
  mapQuestionListItem,
  mapQuestionVersion,
  QuestionContentRequest,
  QuestionListQuery,
  UpdateQuestionRequest,
} from './dto/question.dto';
import { questionBankError, QuestionBankErrorCode as E, questionNotFound } from './question-bank.exception';
import { QuestionBankRepository, QuestionFilter, QuestionRow } from './question-bank.repository';
import { normalizeQuestionTexts, isQuestionImageSrc, questionTexts } from './question-html';
import { QuestionImagesService } from './question-images.service';


/** A question's content after trimming, as it is stored in a version. */
export interface QuestionContent {
  topicId: string;
  type: QuestionType;
  difficulty: Difficulty;
  format: QuestionFormat;
  stem: string;
  options: QuestionOption[];
  correct: string[];
  explanation: string | null;
  lessonIds: string[];
  documentIds: string[];
  tags: string[];
}

/** The texts of stored content that can show images: all of an HTML question's, none of a plain one's. */
const htmlTexts = (c: QuestionContent): string[] => (c.format === QuestionFormat.Html ? questionTexts(c) : []);

/**
 * A request's content as stored: HTML through the question allow-list on this, every, write path. An image that is
 * not one stored by the platform (pasted as data:, or from another site) would be dropped by the allow-list: the
 * author is told instead (400), so a picture is never lost without a word.
 */
export function normalizeContent(req: QuestionContentRequest): QuestionContent {
  if (req.format === QuestionFormat.Html) {
    const texts = [req.stem, req.explanation ?? '', ...req.options.flatMap((o) => [o.text, o.feedback ?? ''])];
    const foreign = texts.flatMap(imageSources).find((src) => !isQuestionImageSrc(src));
    if (foreign !== undefined)
      throw questionBankError(
        E.ImageNotStored,
        `Câu hỏi có hình chưa được tải lên hệ thống (${foreign.startsWith('data:') ? 'hình dán trực tiếp' : foreign.slice(0, 80) || 'không có nguồn'}). Hãy chèn hình bằng nút "Chèn hình".`,
      );
  }
  const trueFalse = req.type === QuestionType.TrueFalse;
  const texts = normalizeQuestionTexts({
    format: req.format ?? QuestionFormat.Plain,
    stem: req.stem,
    options: req.options.map((o) => (o.feedback ? { id: o.id, text: o.text, feedback: o.feedback } : { id: o.id, text: o.text })),
    explanation: req.explanation ?? null,
  });
  // True/false options are fixed texts; only their feedback is the author's.
  const options =
    trueFalse && req.options.length === 0
      ? TRUE_FALSE_OPTIONS.map((o) => ({ ...o }))
      : trueFalse
        ? texts.options.map((o) => {
            const fixed = TRUE_FALSE_OPTIONS.find((f) => f.id === o.id);
            return fixed && o.feedback ? { ...fixed, feedback: o.feedback } : fixed ? { ...fixed } : o;
          })
        : texts.options;
  return {
    topicId: req.topicId,
    type: req.type,
    difficulty: req.difficulty,
    format: texts.format,
    stem: texts.stem,
    options,
    correct: [...new Set(req.correct)],
    explanation: texts.explanation,
    lessonIds: [...new Set(req.lessonIds ?? [])],
    documentIds: [...new Set(req.documentIds ?? [])],
    tags: normalizeTags(req.tags ?? []),
  };
}

export const normalizeTags = (tags: readonly string[]) => [...new Set(tags.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean))];

const invalid = (problems: { message: string }[], what = 'Câu hỏi chưa hợp lệ nên chưa thể duyệt') =>
  questionBankError(E.Invalid, `${what}: ${problems.map((p) => p.message).join(' ')}`, { problems });

@Injectable()
export class QuestionBankService {
  constructor(
    private readonly db: DataSource,
    private readonly questions: QuestionBankRepository,
    private readonly topics: TopicsRepository,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly images: QuestionImagesService,
  ) {}

  /** The list filter: the caller's province's bank and the national one, narrowed by what was asked. */
  async filterFor(user: AuthUser, q: QuestionListQuery): Promise<QuestionFilter> {
    const content = await this.access.contentScopeOf(user);
    let topicIds: string[] | undefined;
    if (q.topicId) {
      if (!(await this.topics.findVisible(q.topicId, content))) throw questionBankError(E.TopicNotFound, 'Không tìm thấy chủ đề.');
      topicIds = q.includeSubtopics === false ? [q.topicId] : await this.topics.withDescendants(q.topicId);
    }
    return { content, q: q.q?.trim() || undefined, topicIds, difficulty: q.difficulty, type: q.type, status: q.status, tag: q.tag };
  }

  async list(user: AuthUser, q: QuestionListQuery): Promise<Page<QuestionListItemDto>> {
    const { items, total } = await this.questions.list(await this.filterFor(user, q), q.page, q.pageSize);
    return { items: items.map(mapQuestionListItem), total, page: q.page, pageSize: q.pageSize };
  }

  async listForExport(user: AuthUser, q: QuestionListQuery): Promise<QuestionRow[]> {
    return this.questions.listAll(await this.filterFor(user, q));
  }

  async tags(user: AuthUser): Promise<string[]> {
    return this.questions.distinctTags(await this.access.contentScopeOf(user));
  }

  /** A question the caller may see (another province's is not found); `write`: one the caller may change. */
  private requireRow(user: AuthUser, id: string, { write = false } = {}): Promise<QuestionRow> {
    const find = async (x: string) => {
      const row = await this.questions.findById(x);
      return row && Object.assign(row, { provinceId: row.question.provinceId });
    };
    return this.access.requireContent(user, id, find, questionNotFound, { write });
  }

  async get(user: AuthUser, id: string): Promise<QuestionDetailDto> {
    const row = await this.requireRow(user, id);
    return mapQuestionDetail(row, validateQuestion(row.version));
  }

  async versions(user: AuthUser, id: string): Promise<QuestionVersionDto[]> {
    await this.requireRow(user, id);
    return (await this.questions.versions(id)).map(mapQuestionVersion);
  }

  async create(user: AuthUser, req: CreateQuestionRequest): Promise<QuestionDetailDto> {
    const content = normalizeContent(req);
    const status = req.publish ? QuestionStatus.Published : QuestionStatus.Draft;
    const owner = await this.access.contentOwnerOf(user);
    const id = await this.db.transaction(async (tx) => {
      await this.requireTopic(content.topicId, owner, tx);
      await this.images.requireUsable(owner, htmlTexts(content), tx);
      if (status === QuestionStatus.Published) {
        const problems = validateQuestion(content);
        if (problems.length) throw invalid(problems);
      }
      const created = await this.insert(user, owner, content, status, tx);
      await this.audit.record(user, { action: AuditAction.Create, entityType: 'question', entityId: created.id, summary: `Tạo câu hỏi ${created.code}` }, tx);
      return created.id;
    });
    return this.get(user, id);
  }

  /**
   * Inserts a question with its first version into `owner`'s bank (a province, or null: the national bank); used by
   * create and by import (inside the caller's transaction).
   */
  async insert(user: AuthUser | null, owner: string | null, c: QuestionContent, status: QuestionStatus, tx: EntityManager): Promise<{ id: string; code: string }> {
    const created = await this.questions.insertQuestion(
      { topicId: c.topicId, type: c.type, difficulty: c.difficulty, status, currentVersion: 1, tags: c.tags, searchText: '', createdBy: user?.id ?? null, provinceId: owner },
      tx,
    );
    await this.questions.update(created.id, { searchText: questionSearchText(created.code, c.stem, c.options, c.format) }, tx);
    await this.questions.insertVersion(versionOf(created.id, 1, c, user), tx);
    return created;
  }

  /** Editing never changes a stored version: it adds version N+1 and points the question at it. */
  async update(user: AuthUser, id: string, req: UpdateQuestionRequest): Promise<QuestionDetailDto> {
    const content = normalizeContent(req);
    await this.requireRow(user, id, { write: true });
    await this.db.transaction(async (tx) => {
      const question = await this.questions.lockForUpdate(id, tx);
      if (!question) throw questionNotFound();
      if (req.expectedVersion !== undefined && req.expectedVersion !== question.currentVersion) {
        throw questionBankError(E.VersionConflict, `Câu hỏi đã được người khác sửa (phiên bản ${question.currentVersion}) sau khi bạn mở phiên bản ${req.expectedVersion}. Hãy tải lại rồi sửa tiếp.`,
        );
      }
      await this.requireTopic(content.topicId, question.provinceId, tx);
      if (question.status === QuestionStatus.Published) {
        const problems = validateQuestion(content);
        if (problems.length) throw invalid(problems, 'Câu hỏi đang được dùng nên nội dung sửa phải hợp lệ');
      }
      const current = (await this.questions.findById(id, tx))!.version;
      const contentChanged = !sameContent(current, content);
      if (contentChanged) {
        await this.images.requireUsable(question.provinceId, htmlTexts(content), tx);
        const version = question.currentVersion + 1;
        await this.questions.insertVersion(versionOf(id, version, content, user), tx);
        await this.questions.update(
          id,
          { topicId: content.topicId, type: content.type, difficulty: content.difficulty, currentVersion: version, tags: content.tags, searchText: questionSearchText(question.code, content.stem, content.options, content.format) },
          tx,
        );
      } else if (!sameTags(question.tags, content.tags)) {
        await this.questions.update(id, { tags: content.tags }, tx);
      } else return;
      await this.audit.record(
        user,
        {
          action: AuditAction.Update,
          entityType: 'question',
          entityId: id,
          summary: contentChanged ? `Sửa câu hỏi ${question.code}: tạo phiên bản ${question.currentVersion + 1}` : `Sửa thẻ câu hỏi ${question.code}`,
        },
        tx,
      );
    });
    return this.get(user, id);
  }

  async changeStatus(user: AuthUser, id: string, status: QuestionStatus): Promise<QuestionDetailDto> {
    await this.requireRow(user, id, { write: true });
    await this.db.transaction(async (tx) => {
      const question = await this.questions.lockForUpdate(id, tx);
      if (!question) throw questionNotFound();
      if (question.status === status) throw questionBankError(E.StatusUnchanged, `Câu hỏi đang ở trạng thái "${QUESTION_STATUS_LABELS[status].vi}".`);
      if (status === QuestionStatus.Published) {
        const problems = validateQuestion((await this.questions.findById(id, tx))!.version);
        if (problems.length) throw invalid(problems);
      }
      await this.questions.update(id, { status }, tx);
      await this.audit.record(
        user,
        {
          action: AuditAction.StatusChange,
          entityType: 'question',
          entityId: id,
          summary: `Câu hỏi ${question.code}: ${QUESTION_STATUS_LABELS[question.status].vi} → ${QUESTION_STATUS_LABELS[status].vi}`,
          details: { from: question.status, to: status },
        },
        tx,
      );
    });
    return this.get(user, id);
  }

  async bulkTag(user: AuthUser, req: BulkTagRequest): Promise<QuestionBulkResultDto> {
    const add = normalizeTags(req.add ?? []);
    const remove = new Set(normalizeTags(req.remove ?? []));
    if (!add.length && !remove.size) throw questionBankError(E.TagsInvalid, 'Hãy nhập ít nhất một thẻ để thêm hoặc bỏ.');
    return this.db.transaction(async (tx) => {
      const questions = await this.lockAll(user, req.ids, tx);
      let updated = 0;
      for (const q of questions) {
        const tags = normalizeTags([...q.tags.filter((t) => !remove.has(t)), ...add]);
        if (tags.length > 20) throw questionBankError(E.TagsInvalid, `Câu hỏi ${q.code} sẽ có quá 20 thẻ.`);
        if (sameTags(tags, q.tags)) continue;
        await this.questions.update(q.id, { tags }, tx);
        updated++;
      }
      await this.audit.record(
        user,
        { action: AuditAction.Update, entityType: 'question', summary: `Gắn thẻ hàng loạt ${updated} câu hỏi`, details: { ids: req.ids, add, remove: [...remove] } },
        tx,
      );
      return { updated };
    });
  }

  async bulkRetire(user: AuthUser, req: BulkIdsRequest): Promise<QuestionBulkResultDto> {
    return this.db.transaction(async (tx) => {
      const questions = await this.lockAll(user, req.ids, tx);
      const toRetire = questions.filter((q) => q.status !== QuestionStatus.Retired);
      for (const q of toRetire) await this.questions.update(q.id, { status: QuestionStatus.Retired }, tx);
      await this.audit.record(
        user,
        { action: AuditAction.StatusChange, entityType: 'question', summary: `Ngừng dùng hàng loạt ${toRetire.length} câu hỏi`, details: { ids: toRetire.map((q) => q.id) } },
        tx,
      );
      return { updated: toRetire.length };
    });
  }

  /** A topic the bank of `owner` (a province, or null: the nation) may file a question under. */
  async requireTopic(topicId: string, owner: string | null, tx: EntityManager) {
    const topic = await this.topics.findVisible(topicId, ownerContentScope(owner), tx);
    if (!topic) throw questionBankError(E.TopicNotFound, 'Không tìm thấy chủ đề.');
    return topic;
  }

  /**
   * All or nothing: one unknown id (or another province's, which reads as unknown) and no question changes; a visible
   * question the caller may not change (the national bank, for a province) refuses the whole batch.
   */
  private async lockAll(user: AuthUser, ids: string[], tx: EntityManager) {
    const content = await this.access.contentScopeOf(user);
    const owner = await this.access.contentOwnerOf(user);
    const found = (await this.questions.lockMany(ids, tx)).filter((q) => contentVisible(content, q.provinceId));
    for (const q of found) this.access.requireContentOwner(q.provinceId, owner);
    if (found.length !== ids.length) {
      const known = new Set(found.map((q) => q.id));
      const missing = ids.filter((i) => !known.has(i));
      throw questionBankError(E.SomeNotFound, `Không tìm thấy ${missing.length} câu hỏi trong danh sách đã chọn; chưa câu hỏi nào được thay đổi.`, { missing });
    }
    return found;
  }
}

function versionOf(questionId: string, version: number, c: QuestionContent, user: AuthUser | null) {
  return {
    questionId,
    version,
    topicId: c.topicId,
    type: c.type,
    difficulty: c.difficulty,
    format: c.format,
    stem: c.stem,
    options: c.options,
    correct: c.correct,
    explanation: c.explanation,
    lessonIds: c.lessonIds,
    documentIds: c.documentIds,
    createdBy: user?.id ?? null,
  };
}

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

function sameContent(v: Omit<QuestionContent, 'tags'>, c: QuestionContent): boolean {
  const pick = (x: Omit<QuestionContent, 'tags'>) =>
    JSON.stringify([x.topicId, x.type, x.difficulty, x.format, x.stem, x.options.map((o) => [o.id, o.text, o.feedback ?? null]), [...x.correct].sort(), x.explanation, x.lessonIds, x.documentIds]);
  return pick(v) === pick(c);
}
