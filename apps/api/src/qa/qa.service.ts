import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FaqEntryDto, Page, Permission, QaQuestionDto, QaStatus, roleHasPermission, searchTerms, toSearchText } from '@cchc/shared';
import { AccessService } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { forbidden } from '@api/common/errors';
import { AuditAction, AuditService } from '@api/audit';
import { NotificationsService } from '@api/notifications';
import { TopicsRepository } from '@api/topics';
import { AnswerQuestionRequest, AskQuestionRequest, FaqQuery, InboxQuery, mapFaq, mapQuestion, PublishQuestionRequest, QaPagingQuery, QuestionRow } from './dto/qa.dto';
import { qaError, QaErrorCode, questionNotFound } from './qa.exception';
import { QaRepository } from './qa.repository';


/** Where the web client shows one question; notifications link here. */
export const questionLink = (id: string) => `/qa/questions/${id}`;

function questionSearchText(q: { title: string; body: string; answer?: string | null; topicName?: string | null }): string {
  return toSearchText([q.title, q.body, q.answer, q.topicName].filter(Boolean).join(' '));
}

/** The Q&A channel: a learner asks, an author or coordinator answers, a good answer is published to the FAQ. */
@Injectable()
export class QaService {
  constructor(
    private readonly db: DataSource,
    private readonly questions: QaRepository,
    private readonly topics: TopicsRepository,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private canAnswer(user: AuthUser): boolean {
    return roleHasPermission(user.role, Permission.QaAnswer);
  }

  async ask(user: AuthUser, req: AskQuestionRequest): Promise<QaQuestionDto> {
    const id = await this.db.transaction(async (tx) => {
      const topic = req.topicId ? await this.topics.findVisible(req.topicId, await this.access.contentScopeOf(user), tx) : null;
      if (req.topicId && !topic) throw qaError(QaErrorCode.TopicNotFound, 'Không tìm thấy chủ đề đã chọn.');
      return this.questions.insert(
        {
          askerId: user.id,
          askerName: user.displayName,
          askerUnitId: user.unitId,
          topicId: topic?.id ?? null,
          title: req.title,
          body: req.body,
          status: QaStatus.Open,
          answer: null,
          answeredBy: null,
          answeredByName: null,
          answeredAt: null,
          published: false,
          publishedAt: null,
          searchText: questionSearchText({ ...req, topicName: topic?.name }),
        },
        tx,
      );
    });
    return this.get(user, id);
  }

  async mine(user: AuthUser, query: QaPagingQuery): Promise<Page<QaQuestionDto>> {
    const { rows, total } = await this.questions.list({ askerId: user.id, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }, 'newest');
    return { items: rows.map((r) => mapQuestion(r, user.id, true)), total, page: query.page, pageSize: query.pageSize };
  }

  async inbox(user: AuthUser, query: InboxQuery): Promise<Page<QaQuestionDto>> {
    const { rows, total } = await this.questions.list(
      {
        status: query.status,
        topicIds: query.topicId ? await this.topics.withDescendants(query.topicId) : null,
        terms: searchTerms(query.q),
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      },
      'oldest_open_first',
    );
    return { items: rows.map((r) => mapQuestion(r, user.id, true)), total, page: query.page, pageSize: query.pageSize };
  }

  async faq(query: FaqQuery): Promise<Page<FaqEntryDto>> {
    const { rows, total } = await this.questions.list(
      {
        publishedOnly: true,
        topicIds: query.topicId ? await this.topics.withDescendants(query.topicId) : null,
        terms: searchTerms(query.q),
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      },
      'relevance',
    );
    return { items: rows.map(mapFaq), total, page: query.page, pageSize: query.pageSize };
  }

  /** The asker, those who answer, and (once published) every signed-in user may read a question. */
  async get(user: AuthUser, id: string): Promise<QaQuestionDto> {
    const row = await this.require(id);
    const own = row.askerId === user.id;
    if (!own && !this.canAnswer(user) && !row.published) throw forbidden('Bạn chỉ xem được câu hỏi của chính mình và các câu hỏi đã đăng công khai.');
    return mapQuestion(row, user.id, own || this.canAnswer(user));
  }

  private async require(id: string, manager?: EntityManager): Promise<QuestionRow> {
    const row = await this.questions.findById(id, manager);
    if (!row) throw questionNotFound();
    return row;
  }

  /** Answering again corrects the answer; the asker is notified of the first answer only. */
  async answer(user: AuthUser, id: string, req: AnswerQuestionRequest): Promise<QaQuestionDto> {
    await this.db.transaction(async (tx) => {
      await this.questions.lock(id, tx);
      const row = await this.require(id, tx);
      await this.questions.update(
        id,
        {
          status: QaStatus.Answered,
          answer: req.answer,
          answeredBy: user.id,
          answeredByName: user.displayName,
          answeredAt: this.clock.now(),
          searchText: questionSearchText({ ...row, answer: req.answer }),
        },
        tx,
      );
      if (row.askerId && row.askerId !== user.id) {
        await this.notifications.notifyUsers(
          [row.askerId],
          {
            kind: 'qa.answered',
            title: 'Câu hỏi của bạn đã được trả lời',
            body: row.title,
            link: questionLink(id),
            dedupeKey: `qa.answered:${id}`,
          },
          tx,
        );
      }
      await this.audit.record(
        user,
        { action: row.answer ? AuditAction.Update : 'answer', entityType: 'qa_question', entityId: id, summary: `${row.answer ? 'Sửa câu trả lời' : 'Trả lời'} câu hỏi "${row.title}"` },
        tx,
      );
    });
    return this.get(user, id);
  }

  async publish(user: AuthUser, id: string, req: PublishQuestionRequest): Promise<QaQuestionDto> {
    await this.db.transaction(async (tx) => {
      await this.questions.lock(id, tx);
      const row = await this.require(id, tx);
      if (req.published && !row.answer)
        throw qaError(QaErrorCode.NotAnswered, 'Câu hỏi chưa có câu trả lời nên chưa thể đăng lên mục hỏi đáp chung.');
      const title = req.title ?? row.title;
      const body = req.body ?? row.body;
      await this.questions.update(
        id,
        {
          title,
          body,
          published: req.published,
          publishedAt: req.published ? (row.publishedAt ?? this.clock.now()) : null,
          searchText: questionSearchText({ ...row, title, body }),
        },
        tx,
      );
      await this.audit.record(
        user,
        {
          action: AuditAction.StatusChange,
          entityType: 'qa_question',
          entityId: id,
          summary: req.published ? `Đăng câu hỏi "${title}" lên mục hỏi đáp chung` : `Gỡ câu hỏi "${title}" khỏi mục hỏi đáp chung`,
        },
        tx,
      );
    });
    return this.get(user, id);
  }
}
