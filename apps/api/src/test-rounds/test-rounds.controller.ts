import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  AttemptDto,
  BlueprintCheckDto,
  CommendationDto,
  ItemAnalysisDto,
  MyResultDto,
  MyRoundDto,
  Permission,
  roleHasPermission,
  RemedialAssignmentDto,
  RoundResultsDto,
  SaveAnswerResultDto,
  TestRoundDto,
  TestRoundChoiceDto,
} from '@cchc/shared';
import { Authenticated, CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { AttemptsService } from './attempts.service';
import { BlueprintCheckRequest, parseSaveAnswer, ResultsQuery, SaveAnswerRequest, TestRoundRequest } from './dto/test-round.dto';
import { RequirePerson } from '@api/common/auth';
import { RemedialService } from './remedial.service';
import { ResultsService } from './results.service';
import { TestRoundsService } from './test-rounds.service';
import { IdParam } from '@api/common/validation';

@ApiTags('test-rounds')
@ApiBearerAuth()
@Controller('test-rounds')
export class TestRoundsController {
  constructor(
    private readonly rounds: TestRoundsService,
    private readonly attempts: AttemptsService,
    private readonly results: ResultsService,
  ) {}

  @Get()
  @RequirePermission(Permission.TestResultsRead)
  list(@CurrentUser() user: AuthUser): Promise<TestRoundDto[]> {
    return this.rounds.list(user, roleHasPermission(user.role, Permission.TestRoundsManage));
  }

  /** Rounds a course's completion rule can name ("đạt bài kiểm tra cuối khóa"): for course authors, newest first. */
  @Get('choices')
  @RequirePermission(Permission.CoursesManage)
  choices(@CurrentUser() user: AuthUser): Promise<TestRoundChoiceDto[]> {
    return this.rounds.choices(user);
  }

  /** The learner's own rounds: open, upcoming and taken. */
  @Get('mine')
  @Authenticated()
  mine(@CurrentUser() user: AuthUser): Promise<MyRoundDto[]> {
    return this.results.myRounds(user);
  }

  @Post('blueprint-check')
  @HttpCode(200)
  @RequirePermission(Permission.TestRoundsManage)
  checkBlueprint(@CurrentUser() user: AuthUser, @Body() body: BlueprintCheckRequest): Promise<BlueprintCheckDto> {
    return this.rounds.checkBlueprintFor(user, body.blueprint);
  }

  @Post()
  @RequirePermission(Permission.TestRoundsManage)
  create(@CurrentUser() user: AuthUser, @Body() body: TestRoundRequest): Promise<TestRoundDto> {
    return this.rounds.create(user, body);
  }

  @Get(':roundId')
  @RequirePermission(Permission.TestResultsRead)
  get(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string): Promise<TestRoundDto> {
    return this.rounds.get(user, roundId, roleHasPermission(user.role, Permission.TestRoundsManage));
  }

  @Patch(':roundId')
  @RequirePermission(Permission.TestRoundsManage)
  update(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string, @Body() body: TestRoundRequest): Promise<TestRoundDto> {
    return this.rounds.update(user, roundId, body);
  }

  @Post(':roundId/publish')
  @HttpCode(200)
  @RequirePermission(Permission.TestRoundsManage)
  publish(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string): Promise<TestRoundDto> {
    return this.rounds.publish(user, roundId);
  }

  /** Starts an attempt, or resumes the one in progress. */
  @Post(':roundId/attempts')
  @HttpCode(200)
  @Authenticated()
  @RequirePerson()
  start(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string): Promise<AttemptDto> {
    return this.attempts.start(user, roundId);
  }

  @Get(':roundId/my-result')
  @Authenticated()
  @RequirePerson()
  myResult(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string): Promise<MyResultDto> {
    return this.results.myResult(user, roundId);
  }

  @Get(':roundId/results')
  @RequirePermission(Permission.TestResultsRead)
  roundResults(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string, @Query() q: ResultsQuery): Promise<RoundResultsDto> {
    return this.results.roundResults(user, roundId, q.unitId, q.lowOnly ?? false);
  }

  @Get(':roundId/commendations')
  @RequirePermission(Permission.TestResultsRead)
  commendations(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string, @Query() q: ResultsQuery): Promise<CommendationDto[]> {
    return this.results.commendations(user, roundId, q.unitId);
  }

  @Get(':roundId/commendations.xlsx')
  @RequirePermission(Permission.TestResultsRead)
  async commendationsXlsx(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string, @Query() q: ResultsQuery, @Res() reply: FastifyReply) {
    const { buffer, fileName } = await this.results.commendationsXlsx(user, roundId, q.unitId);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .send(buffer);
  }

  @Get(':roundId/item-analysis')
  @RequirePermission(Permission.TestRoundsManage)
  itemAnalysis(@CurrentUser() user: AuthUser, @IdParam('roundId') roundId: string): Promise<ItemAnalysisDto[]> {
    return this.results.itemAnalysis(user, roundId);
  }
}

@ApiTags('test-rounds')
@ApiBearerAuth()
@Controller('attempts')
@RequirePerson()
export class AttemptsController {
  constructor(private readonly attempts: AttemptsService) {}

  @Get(':attemptId')
  @Authenticated()
  get(@CurrentUser() user: AuthUser, @IdParam('attemptId') attemptId: string): Promise<AttemptDto> {
    return this.attempts.get(user, attemptId);
  }

  /** The hot path: one statement, idempotent and order-safe through `seq`. */
  @Put(':attemptId/answers/:questionId')
  @Authenticated()
  @ApiBody({ type: SaveAnswerRequest })
  save(
    @CurrentUser() user: AuthUser,
    @IdParam('attemptId') attemptId: string,
    @IdParam('questionId') questionId: string,
    @Body() body: unknown,
  ): Promise<SaveAnswerResultDto> {
    const { choice, seq } = parseSaveAnswer(body);
    return this.attempts.saveAnswer(user, attemptId, questionId, choice, seq);
  }

  @Post(':attemptId/submit')
  @HttpCode(200)
  @Authenticated()
  submit(@CurrentUser() user: AuthUser, @IdParam('attemptId') attemptId: string): Promise<MyResultDto> {
    return this.attempts.submit(user, attemptId);
  }
}

@ApiTags('test-rounds')
@ApiBearerAuth()
@Controller('remedial')
export class RemedialController {
  constructor(private readonly remedial: RemedialService) {}

  /** The learner's own remedial assignments (what to re-study, due date, the re-test). */
  @Get('mine')
  @Authenticated()
  mine(@CurrentUser() user: AuthUser): Promise<RemedialAssignmentDto[]> {
    return this.remedial.mine(user);
  }

  /** "I have read this" for a library document of the learner's own assignment. */
  @Post(':assignmentId/documents/:documentId/read')
  @HttpCode(200)
  @Authenticated()
  @RequirePerson()
  markRead(@CurrentUser() user: AuthUser, @IdParam('assignmentId') assignmentId: string, @IdParam('documentId') documentId: string): Promise<RemedialAssignmentDto> {
    return this.remedial.markDocumentRead(user, assignmentId, documentId);
  }
}
