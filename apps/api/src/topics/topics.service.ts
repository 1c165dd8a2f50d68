import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TopicDto } from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { AccessService, contentVisible, ownerContentScope } from '@api/common/access';
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
    private readonly access: AccessService,
  ) {}

  /** The caller's province's topics and the national ones. */
  async list(user: AuthUser, includeInactive: boolean): Promise<TopicDto[]> {
    return (await this.topics.list(await this.access.contentScopeOf(user), includeInactive)).map(mapTopic);
  }

  async require(user: AuthUser, id: string, { write = false } = {}): Promise<TopicDto> {
    return mapTopic(await this.access.requireContent(user, id, (x) => this.topics.findById(x), topicNotFound, { write }));
  }

  /** A new topic is its author's province's (the nation's for the national level), under a parent it can see. */
  async create(user: AuthUser, req: CreateTopicRequest): Promise<TopicDto> {
    const owner = await this.access.contentOwnerOf(user);
    const content = await this.access.contentScopeOf(user);
    const id = await this.db.transaction(async (tx) => {
      const existing = await this.topics.findByCode(req.code, tx);
      // Codes are unique in the country; another province's topic is not named.
      if (existing)
        throw topicsError(
          TopicsErrorCode.CodeTaken,
          contentVisible(content, existing.provinceId)
            ? `Mã chủ đề "${req.code.toUpperCase()}" đã được dùng cho "${existing.name}".`
            : `Mã chủ đề "${req.code.toUpperCase()}" đã được một tỉnh khác dùng.`,
        );
      if (req.parentId && !(await this.topics.findVisible(req.parentId, ownerContentScope(owner), tx))) throw topicNotFound('Không tìm thấy chủ đề cấp trên.');
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
          provinceId: owner,
        },
        tx,
      );
      await this.audit.record(user, { action: AuditAction.Create, entityType: 'topic', entityId: newId, summary: `Tạo chủ đề "${req.name}"` }, tx);
      return newId;
    });
    return this.require(user, id);
  }

  async update(user: AuthUser, id: string, req: UpdateTopicRequest): Promise<TopicDto> {
    const before = await this.require(user, id, { write: true });
    await this.db.transaction(async (tx) => {
      await this.topics.update(id, req, tx);
      await this.audit.record(user, { action: AuditAction.Update, entityType: 'topic', entityId: id, summary: `Sửa chủ đề "${before.name}"`, details: { ...req } }, tx);
    });
    return this.require(user, id);
  }
}
