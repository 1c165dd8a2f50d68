import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, TargetDto } from '@cchc/shared';
import { Authenticated, CurrentUser, RequirePermission } from '../common/auth/access-policy.decorator';
import type { AuthUser } from '../common/auth/auth-user';
import { TopicListQuery } from '../topics/dto/topic.dto';
import { SaveTargetRequest } from './dto/target.dto';
import { TargetsService } from './targets.service';
import { IdParam } from '../common/validation/ids';

@ApiTags('targets')
@ApiBearerAuth()
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  /** Targets are public policy: every signed-in user may read them (the learner's view lists them too). */
  @Get()
  @Authenticated()
  list(@Query() query: TopicListQuery): Promise<TargetDto[]> {
    return this.targets.list(query.includeInactive ?? false);
  }

  @Get(':targetId')
  @Authenticated()
  get(@IdParam('targetId') id: string): Promise<TargetDto> {
    return this.targets.get(id);
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
