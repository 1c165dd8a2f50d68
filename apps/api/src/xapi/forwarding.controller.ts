import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ForwardEndpointDto, Permission } from '@cchc/shared';
import { CurrentUser, RequirePermission, type AuthUser } from '@api/common/auth';
import { IdParam } from '@api/common/validation';
import { CreateForwardEndpointRequest, DeadLettersQuery, RetryDeadLettersRequest, UpdateForwardEndpointRequest } from './dto/forward-endpoint.dto';
import { ForwardingService } from './forwarding.service';

/** Admin: external LRSs our statements are forwarded to, their delivery status and dead letters. */
@ApiTags('lrs')
@ApiBearerAuth()
@Controller('lrs/forwarding')
export class ForwardingController {
  constructor(private readonly forwarding: ForwardingService) {}

  @Get()
  @RequirePermission(Permission.LrsManage)
  list(): Promise<ForwardEndpointDto[]> {
    return this.forwarding.list();
  }

  /** The secret is stored to sign the deliveries and never shown again. */
  @Post()
  @RequirePermission(Permission.LrsManage)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateForwardEndpointRequest): Promise<ForwardEndpointDto> {
    return this.forwarding.create(user, body);
  }

  @Patch(':id')
  @RequirePermission(Permission.LrsManage)
  update(@CurrentUser() user: AuthUser, @IdParam() id: string, @Body() body: UpdateForwardEndpointRequest): Promise<ForwardEndpointDto> {
    return this.forwarding.update(user, id, body);
  }

  @Get(':id/dead-letters')
  @RequirePermission(Permission.LrsManage)
  deadLetters(@IdParam() id: string, @Query() q: DeadLettersQuery) {
    return this.forwarding.deadLetters(id, q.page, q.pageSize);
  }

  @Post(':id/retry')
  @RequirePermission(Permission.LrsManage)
  retry(@CurrentUser() user: AuthUser, @IdParam() id: string, @Body() body: RetryDeadLettersRequest): Promise<{ requested: number }> {
    return this.forwarding.retry(user, id, body.statementIds);
  }
}
