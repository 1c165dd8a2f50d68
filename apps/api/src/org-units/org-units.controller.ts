import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, UnitDetailDto, UnitDto } from '@cchc/shared';
import { CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { CreateUnitRequest, MergeUnitsRequest, MoveUnitRequest, UnitListQuery, UpdateUnitRequest } from './dto/org-unit.dto';
import { OrgUnitsService } from './org-units.service';
import { IdParam } from '@api/common/validation';


@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Get()
  @RequirePermission(Permission.UnitsRead)
  list(@CurrentUser() user: AuthUser, @Query() query: UnitListQuery): Promise<UnitDto[]> {
    return this.units.list(user, query.includeClosed ?? false);
  }

  @Get(':id')
  @RequirePermission(Permission.UnitsRead)
  get(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<UnitDetailDto> {
    return this.units.get(user, id);
  }

  @Post()
  @RequirePermission(Permission.UnitsWrite)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateUnitRequest): Promise<UnitDto> {
    return this.units.create(user, body);
  }

  @Patch(':id')
  @RequirePermission(Permission.UnitsWrite)
  update(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: UpdateUnitRequest): Promise<UnitDto> {
    return this.units.update(user, id, body);
  }

  @Post(':id/move')
  @HttpCode(200)
  @RequirePermission(Permission.UnitsWrite)
  move(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: MoveUnitRequest): Promise<UnitDto> {
    return this.units.move(user, id, body.newParentId);
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequirePermission(Permission.UnitsWrite)
  close(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<UnitDto> {
    return this.units.close(user, id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @RequirePermission(Permission.UnitsMerge)
  merge(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: MergeUnitsRequest): Promise<UnitDetailDto> {
    return this.units.merge(user, id, body);
  }
}
