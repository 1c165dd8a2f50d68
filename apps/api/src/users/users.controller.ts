import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Page, Permission, UserDto } from '@cchc/shared';
import { CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { CreateUserRequest, ResetPasswordRequest, SetDisabledRequest, UserListQuery } from './dto/user.dto';
import { UsersService } from './users.service';
import { IdParam } from '@api/common/validation';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission(Permission.UsersManage)
  list(@Query() query: UserListQuery): Promise<Page<UserDto>> {
    return this.users.list(query.q, query.page, query.pageSize);
  }

  @Post()
  @RequirePermission(Permission.UsersManage)
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateUserRequest): Promise<UserDto> {
    return this.users.create(actor, body);
  }

  @Post(':id/reset-password')
  @HttpCode(204)
  @RequirePermission(Permission.UsersManage)
  resetPassword(@CurrentUser() actor: AuthUser, @IdParam('id') id: string, @Body() body: ResetPasswordRequest): Promise<void> {
    return this.users.resetPassword(actor, id, body.newPassword);
  }

  /** Disabling ends the account's sessions at once (its access tokens stop working within seconds on every node). */
  @Post(':id/disabled')
  @HttpCode(200)
  @RequirePermission(Permission.UsersManage)
  setDisabled(@CurrentUser() actor: AuthUser, @IdParam('id') id: string, @Body() body: SetDisabledRequest): Promise<UserDto> {
    return this.users.setDisabled(actor, id, body.disabled);
  }
}
