import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreatedLrsClientDto, LrsClientDto, Permission } from '@cchc/shared';
import { CurrentUser, RequirePermission, type AuthUser } from '@api/common/auth';
import { IdParam } from '@api/common/validation';
import { CreateLrsClientRequest } from './dto/lrs-client.dto';
import { LrsClientsService } from './lrs-clients.service';

@ApiTags('lrs')
@ApiBearerAuth()
@Controller('lrs/clients')
export class LrsClientsController {
  constructor(private readonly clients: LrsClientsService) {}

  @Get()
  @RequirePermission(Permission.LrsManage)
  list(): Promise<LrsClientDto[]> {
    return this.clients.list();
  }

  /** The answer carries the secret: it is not stored and cannot be shown again. */
  @Post()
  @RequirePermission(Permission.LrsManage)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateLrsClientRequest): Promise<CreatedLrsClientDto> {
    return this.clients.create(user, body);
  }

  @Post(':id/revoke')
  @HttpCode(204)
  @RequirePermission(Permission.LrsManage)
  revoke(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<void> {
    return this.clients.revoke(user, id);
  }
}
