import { Inject, Injectable } from '@nestjs/common';
import type { CreatedLrsClientDto, LrsClientDto } from '@cchc/shared';
import { AuditAction, AuditService } from '@api/audit';
import type { AuthUser } from '@api/common/auth';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { CreateLrsClientRequest, toLrsClientDto } from './dto/lrs-client.dto';
import { newCredentials } from './lrs-client';
import { LrsClientCache } from './lrs-client.guard';
import { lrsClientNotFound } from './xapi.exception';
import { XapiRepository } from './xapi.repository';

/** Credentials of the systems that talk xAPI to our LRS (content packages, the national platform, reporting tools). */
@Injectable()
export class LrsClientsService {
  private readonly siteUrl: string;

  constructor(
    private readonly repo: XapiRepository,
    private readonly audit: AuditService,
    private readonly verified: LrsClientCache,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.siteUrl = config.publicUrl;
  }

  async list(): Promise<LrsClientDto[]> {
    return (await this.repo.listClients()).map(toLrsClientDto);
  }

  async create(actor: AuthUser, req: CreateLrsClientRequest): Promise<CreatedLrsClientDto> {
    const { key, secret, secretHash } = newCredentials();
    const id = await this.repo.insertClient({ name: req.name, key, secretHash, scopes: req.scopes, createdBy: actor.id });
    await this.audit.record(actor, { action: AuditAction.Create, entityType: 'lrs_client', entityId: id, summary: `Tạo ứng dụng kết nối LRS "${req.name}" (${req.scopes.join(', ')})` });
    const row = (await this.repo.listClients()).find((c) => c.id === id)!;
    return { ...toLrsClientDto(row), secret, endpoint: `${this.siteUrl}/api/xapi/` };
  }

  async revoke(actor: AuthUser, id: string): Promise<void> {
    const key = await this.repo.revokeClient(id);
    if (!key) throw lrsClientNotFound();
    // This process stops trusting it at once; other API processes within the guard's 10-second cache.
    this.verified.entries.delete(key);
    await this.audit.record(actor, { action: AuditAction.Update, entityType: 'lrs_client', entityId: id, summary: 'Thu hồi ứng dụng kết nối LRS' });
  }
}
