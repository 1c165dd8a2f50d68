import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CoverageMatrixDto, CoverageSummaryDto, MyTargetDto, Permission } from '@cchc/shared';
import { Authenticated, CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { CoverageQuery, MissingQuery, ScoreListQuery } from './coverage.dto';
import { CoverageService } from './coverage.service';
import { buildMissingExport, buildScoresExport } from './missing-export';
import { IdParam } from '@api/common/validation';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function sendFile(reply: FastifyReply, buffer: Buffer, fileName: string, type: string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(buffer);
}

@ApiTags('coverage')
@ApiBearerAuth()
@Controller('coverage')
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  /** Every target × the unit (the caller's top unit by default) and its children. */
  @Get('matrix')
  @RequirePermission(Permission.CoverageRead)
  matrix(@CurrentUser() user: AuthUser, @Query() q: CoverageQuery): Promise<CoverageMatrixDto> {
    return this.coverage.matrix(user, q.unitId, q.year);
  }

  @Get('me')
  @Authenticated()
  me(@CurrentUser() user: AuthUser): Promise<MyTargetDto[]> {
    return this.coverage.me(user);
  }

  @Get('scores')
  @RequirePermission(Permission.CoverageRead)
  scores(@CurrentUser() user: AuthUser, @Query() q: CoverageQuery) {
    return this.coverage.scores(user, q.unitId, q.year);
  }

  /** Failed results of the subtree in the year, lowest first: a page, with the total. */
  @Get('low-scorers')
  @RequirePermission(Permission.CoverageRead)
  lowScorers(@CurrentUser() user: AuthUser, @Query() q: ScoreListQuery) {
    return this.coverage.scoreList(user, 'low', q.unitId, q.year, q.page, q.pageSize, q.sort);
  }

  @Get('low-scorers.xlsx')
  @RequirePermission(Permission.CoverageRead)
  async lowScorersXlsx(@CurrentUser() user: AuthUser, @Query() q: ScoreListQuery, @Res() reply: FastifyReply) {
    const list = await this.coverage.scoreList(user, 'low', q.unitId, q.year, null, 0, q.sort);
    return sendFile(reply, await buildScoresExport('low', list.unitName, list.year, list.items), `diem-thap-${list.year}.xlsx`, XLSX);
  }

  /** Results of 9 and above (biểu dương), best first: a page, with the total. */
  @Get('commendations')
  @RequirePermission(Permission.CoverageRead)
  commendations(@CurrentUser() user: AuthUser, @Query() q: ScoreListQuery) {
    return this.coverage.scoreList(user, 'high', q.unitId, q.year, q.page, q.pageSize, q.sort);
  }

  @Get('commendations.xlsx')
  @RequirePermission(Permission.CoverageRead)
  async commendationsXlsx(@CurrentUser() user: AuthUser, @Query() q: ScoreListQuery, @Res() reply: FastifyReply) {
    const list = await this.coverage.scoreList(user, 'high', q.unitId, q.year, null, 0, q.sort);
    return sendFile(reply, await buildScoresExport('high', list.unitName, list.year, list.items), `bieu-duong-${list.year}.xlsx`, XLSX);
  }

  /** Checks the incremental counters against a full recomputation (0 differences = right). */
  @Post('verify')
  @HttpCode(200)
  @RequirePermission(Permission.TargetsManage)
  verify() {
    return this.coverage.verify();
  }

  @Get('targets/:targetId')
  @RequirePermission(Permission.CoverageRead)
  summary(@CurrentUser() user: AuthUser, @IdParam('targetId') targetId: string, @Query() q: CoverageQuery): Promise<CoverageSummaryDto> {
    return this.coverage.summary(user, targetId, q.unitId, q.year);
  }

  @Get('targets/:targetId/missing')
  @RequirePermission(Permission.CoverageRead)
  missing(@CurrentUser() user: AuthUser, @IdParam('targetId') targetId: string, @Query() q: MissingQuery) {
    return this.coverage.missing(user, targetId, q.unitId, q.year, q.page, q.pageSize);
  }

  @Get('targets/:targetId/missing.xlsx')
  @RequirePermission(Permission.CoverageRead)
  async missingXlsx(@CurrentUser() user: AuthUser, @IdParam('targetId') targetId: string, @Query() q: CoverageQuery, @Res() reply: FastifyReply) {
    const m = await this.coverage.missing(user, targetId, q.unitId, q.year, null, 0);
    return sendFile(reply, await buildMissingExport(m.target, m.unitName, m.year, m.items), `chua-dat-${m.target.code}-${m.year}.xlsx`, XLSX);
  }
}
