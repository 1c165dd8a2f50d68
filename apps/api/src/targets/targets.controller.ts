import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, TargetDto } from '@cchc/shared';
import { Authenticated, CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { TopicListQuery } from '@api/topics';
import { SaveTargetRequest } from './dto/target.dto';
import { TargetsService } from './targets.service';
import { IdParam } from '@api/common/validation';

@ApiTags('targets')
@ApiBearerAuth()
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  /** Targets are public policy: every signed-in user may read them (the learner's view lists them too). */
  @Get()
  @Authenticated()
  list(@CurrentUser() user: AuthUser, @Query() query: TopicListQuery): Promise<TargetDto[]> {
    return this.targets.list(user, query.includeInactive ?? false);
  }

  @Get(':targetId')
  @Authenticated()
  get(@CurrentUser() user: AuthUser, @IdParam('targetId') id: string): Promise<TargetDto> {
    return this.targets.get(user, id);
  }

  @Post()
  @RequirePermission(Permission.TargetsManage)
  create(@CurrentUser() user: AuthUser, @Body() body: SaveTargetRequest): Promise<TargetDto> {
    return this.targets.save(user, null, body);
  }

  @Put(':targetId')
  @RequirePermission(Permission.TargetsManage)
  update(@CurrentUser() user: AuthUser, @IdParam('targetId') id: string, @Body() body: SaveTargetRequest): Promise<TargetDto> {
    return this.targets.save(user, id, body);
  }
}
