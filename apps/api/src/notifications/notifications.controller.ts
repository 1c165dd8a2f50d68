import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { NotificationListDto } from '@cchc/shared';
import { Authenticated, CurrentUser } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { NotificationsService } from './notifications.service';
import { SequenceIdParam } from '@api/common/validation';

class NotificationListQuery {
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean() unreadOnly?: boolean;
  @ApiPropertyOptional({ default: 30 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit = 30;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authenticated()
  list(@CurrentUser() user: AuthUser, @Query() query: NotificationListQuery): Promise<NotificationListDto> {
    return this.notifications.list(user.id, query.unreadOnly ?? false, query.limit);
  }

  @Post('read-all')
  @HttpCode(204)
  @Authenticated()
  readAll(@CurrentUser() user: AuthUser): Promise<void> {
    return this.notifications.markRead(user.id, null);
  }

  @Post(':id/read')
  @HttpCode(204)
  @Authenticated()
  read(@CurrentUser() user: AuthUser, @SequenceIdParam('id') id: string): Promise<void> {
    return this.notifications.markRead(user.id, id);
  }
}
