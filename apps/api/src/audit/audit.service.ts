import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuditEntryDto, Page } from '@cchc/shared';
import { AccessService } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { AuditQuery, AuditRepository } from './audit.repository';
import { mapAuditEntry } from './dto/audit.dto';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  unitPath?: string | null;
  summary: string;
  details?: Record<string, unknown> | null;
}

export const AuditAction = {
  Create: 'create',
  Update: 'update',
  Move: 'move',
  Close: 'close',
  Merge: 'merge',
  Transfer: 'transfer',
  StatusChange: 'status_change',
  Import: 'import',
  PasswordReset: 'password_reset',
  PasswordChange: 'password_change',
  LoginLocked: 'login_locked',
  AccountDisable: 'account_disable',
  AccountEnable: 'account_enable',
} as const;

@Injectable()
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly access: AccessService,
  ) {}

  /** Records inside the caller's transaction when given one, so a rolled-back change leaves no entry. */
  async record(actor: AuthUser | null, event: AuditEvent, manager?: EntityManager): Promise<void> {
    await this.repo.insert(
      {
        actorId: actor?.id ?? null,
        // The column holds 120 characters; a long display name must not make every audited change fail.
        actorName: actor ? `${actor.displayName} (${actor.username})`.slice(0, 120) : null,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId ?? null,
        unitPath: event.unitPath ?? null,
        summary: event.summary,
        details: event.details ?? null,
      },
      manager,
    );
  }

  async list(user: AuthUser, query: AuditQuery): Promise<Page<AuditEntryDto>> {
    const { items, total } = await this.repo.list(await this.access.scopeOf(user), query);
    return { items: items.map(mapAuditEntry), total, page: query.page, pageSize: query.pageSize };
  }
}
