import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditEntryDto, Page, Permission } from '@cchc/shared';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, RequirePermission } from '../common/auth/access-policy.decorator';
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
