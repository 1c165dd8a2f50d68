import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NotTakenPersonDto, Page, Permission, PersonResultDto, RemindResultDto } from '@cchc/shared';
import { CurrentUser, RequirePermission, type AuthUser } from '@api/common/auth';
import { sendAttachment, XLSX_TYPE } from '@api/common/http';
import { IdParam } from '@api/common/validation';
import { LowScorersQuery, NotTakenQuery } from './dto/participation.dto';
import { ParticipationService } from './participation.service';
import { ResultsService } from './results.service';

/**
 * A round's follow-up lists for unit officers (their subtree) and coordinators: who in the audience has not submitted,
 * and who scored low; each paged, sorted, filtered by unit and exported as .xlsx.
 */
@ApiTags('test-rounds')
@ApiBearerAuth()
@Controller('test-rounds')
export class ParticipationController {
  constructor(
    private readonly participation: ParticipationService,
    private readonly results: ResultsService,
  ) {}

  @Get(':roundId/low-scorers')
  @RequirePermission(Permission.TestResultsRead)
  lowScorers(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string, @Query() q: LowScorersQuery): Promise<Page<PersonResultDto>> {
    return this.results.lowScorers(user, roundId, q);
  }

  @Get(':roundId/low-scorers.xlsx')
  @RequirePermission(Permission.TestResultsRead)
  async lowScorersXlsx(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string, @Query() q: LowScorersQuery, @Res() reply: FastifyReply) {
    const { buffer, fileName } = await this.results.lowScorersXlsx(user, roundId, q);
    return sendAttachment(reply, XLSX_TYPE, buffer, fileName);
  }

  @Get(':roundId/not-taken')
  @RequirePermission(Permission.TestResultsRead)
  notTaken(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string, @Query() q: NotTakenQuery): Promise<Page<NotTakenPersonDto>> {
    return this.participation.notTaken(user, roundId, q);
  }

  @Get(':roundId/not-taken.xlsx')
  @RequirePermission(Permission.TestResultsRead)
  async notTakenXlsx(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string, @Query() q: NotTakenQuery, @Res() reply: FastifyReply) {
    const { buffer, fileName } = await this.participation.notTakenXlsx(user, roundId, q);
    return sendAttachment(reply, XLSX_TYPE, buffer, fileName);
  }

  /**
   * Reminds the people of the (filtered) list, in the app and by e-mail, once per person per day. Those who may
   * assign work to people (unit officers, coordinators) may remind them; a read-only national officer may not.
   */
  @Post(':roundId/not-taken/remind')
  @HttpCode(200)
  @RequirePermission(Permission.AssignmentsManage)
  remind(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string, @Query() q: NotTakenQuery): Promise<RemindResultDto> {
    return this.participation.remind(user, roundId, q);
  }
}
