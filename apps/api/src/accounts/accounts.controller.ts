import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { IdParam } from '@api/common/validation';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccountHandoutDto, BulkAccountsPlanDto, BulkAccountsResultDto, Permission } from '@cchc/shared';
import { CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { sendAttachment, XLSX_TYPE } from '@api/common/http';
import { AccountsService } from './accounts.service';
import { BulkAccountsRequest, HandoutDownloadRequest, HandoutParams } from './dto/accounts.dto';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('accounts/bulk/dry-run')
  @HttpCode(200)
  @RequirePermission(Permission.PeopleWrite)
  plan(@CurrentUser() user: AuthUser, @Body() body: BulkAccountsRequest): Promise<BulkAccountsPlanDto> {
    return this.accounts.plan(user, body.unitId);
  }

  @Post('accounts/bulk')
  @RequirePermission(Permission.PeopleWrite)
  commit(@CurrentUser() user: AuthUser, @Body() body: BulkAccountsRequest): Promise<BulkAccountsResultDto> {
    return this.accounts.commit(user, body.unitId);
  }

  @Post('people/:id/account/reset-password')
  @HttpCode(200)
  @RequirePermission(Permission.PeopleWrite)
  resetPassword(@CurrentUser() user: AuthUser, @IdParam('id') personId: string): Promise<AccountHandoutDto> {
    return this.accounts.resetPassword(user, personId);
  }

  /** POST, not GET: the key travels in the body, never in a URL that proxies and browsers log. */
  @Post('account-handouts/:id/:format')
  @HttpCode(200)
  @RequirePermission(Permission.PeopleWrite)
  async handout(@CurrentUser() user: AuthUser, @Param() params: HandoutParams, @Body() body: HandoutDownloadRequest, @Res() reply: FastifyReply) {
    const { buffer, fileName } = await this.accounts.handoutFile(user, params.id, body.key, params.format);
    reply.header('cache-control', 'no-store');
    return sendAttachment(reply, params.format === 'pdf' ? 'application/pdf' : XLSX_TYPE, buffer, fileName);
  }
}
