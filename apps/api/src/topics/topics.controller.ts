import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, TopicDto } from '@cchc/shared';
import { Authenticated, CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { CreateTopicRequest, TopicListQuery, UpdateTopicRequest } from './dto/topic.dto';
import { TopicsService } from './topics.service';
import { IdParam } from '@api/common/validation';

@ApiTags('topics')
@ApiBearerAuth()
@Controller('topics')
export class TopicsController {
  constructor(private readonly topics: TopicsService) {}

  @Get()
  @Authenticated()
  list(@CurrentUser() user: AuthUser, @Query() query: TopicListQuery): Promise<TopicDto[]> {
    return this.topics.list(user, query.includeInactive ?? false);
  }

  @Post()
  @RequirePermission(Permission.TopicsManage)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateTopicRequest): Promise<TopicDto> {
    return this.topics.create(user, body);
  }

  @Patch(':id')
  @RequirePermission(Permission.TopicsManage)
  update(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: UpdateTopicRequest): Promise<TopicDto> {
    return this.topics.update(user, id, body);
  }
}
