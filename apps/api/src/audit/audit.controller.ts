import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditEntryDto, Page, Permission } from '@cchc/shared';
import { CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { AuditListQuery } from './dto/audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  list(@CurrentUser() user: AuthUser, @Query() query: AuditListQuery): Promise<Page<AuditEntryDto>> {
    return this.audit.list(user, query);
  }
}
