import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import type { AuditEntryDto } from '@cchc/shared';
import { PagingQuery } from '@api/common/dto';
import type { AuditLog } from '../audit-log.entity';

export class AuditListQuery extends PagingQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) action?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsISO8601() to?: string;
}

export function mapAuditEntry(a: AuditLog): AuditEntryDto {
  return {
    id: String(a.id),
    at: a.at.toISOString(),
    actorId: a.actorId,
    actorName: a.actorName,
    action: a.action,
    entityType: a.entityType,
    entityId: a.entityId,
    summary: a.summary,
    details: a.details,
  };
}
