import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TopicDto } from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { AuditAction, AuditService } from '@api/audit';
import { CreateTopicRequest, mapTopic, UpdateTopicRequest } from './dto/topic.dto';
import { topicNotFound, topicsError, TopicsErrorCode } from './topics.exception';
import { TopicsRepository } from './topics.repository';

@Injectable()
export class TopicsService {
  constructor(
    private readonly db: DataSource,
    private readonly topics: TopicsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(includeInactive: boolean): Promise<TopicDto[]> {
    return (await this.topics.list(includeInactive)).map(mapTopic);
  }

  async require(id: string): Promise<TopicDto> {
    const topic = await this.topics.findById(id);
    if (!topic) throw topicNotFound();
    return mapTopic(topic);
  }

  async create(user: AuthUser, req: CreateTopicRequest): Promise<TopicDto> {
    const id = await this.db.transaction(async (tx) => {
      const existing = await this.topics.findByCode(req.code, tx);
      if (existing) throw topicsError(TopicsErrorCode.CodeTaken, `Mã chủ đề "${req.code.toUpperCase()}" đã được dùng cho "${existing.name}".`);
      if (req.parentId && !(await this.topics.findById(req.parentId, tx))) throw topicNotFound('Không tìm thấy chủ đề cấp trên.');
      const newId = await this.topics.insert(
        {
          code: req.code.toUpperCase(),
          name: req.name,
          nameEn: req.nameEn ?? null,
          description: req.description ?? null,
          kind: req.kind,
          parentId: req.parentId ?? null,
          sortOrder: await this.topics.nextSortOrder(tx),
          active: true,
        },
        tx,
      );
      await this.audit.record(user, { action: AuditAction.Create, entityType: 'topic', entityId: newId, summary: `Tạo chủ đề "${req.name}"` }, tx);
      return newId;
    });
    return this.require(id);
  }

  async update(user: AuthUser, id: string, req: UpdateTopicRequest): Promise<TopicDto> {
    const before = await this.require(id);
    await this.db.transaction(async (tx) => {
      await this.topics.update(id, req, tx);
      await this.audit.record(user, { action: AuditAction.Update, entityType: 'topic', entityId: id, summary: `Sửa chủ đề "${before.name}"`, details: { ...req } }, tx);
    });
    return this.require(id);
  }
}
