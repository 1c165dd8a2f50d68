import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, SurveyDto, SurveyResultsDto } from '@cchc/shared';
import { Authenticated, CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { CreateSurveyRequest, SurveyResultsQuery } from './dto/survey.dto';
import { SurveysService } from './surveys.service';
import { RequirePerson } from '@api/common/auth';
import { IdParam } from '@api/common/validation';

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get()
  @RequirePermission(Permission.CoverageRead)
  list(@CurrentUser() user: AuthUser): Promise<SurveyDto[]> {
    return this.surveys.list(user);
  }

  @Post()
  @RequirePermission(Permission.SurveysManage)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateSurveyRequest): Promise<SurveyDto> {
    return this.surveys.create(user, body);
  }

  /** Open surveys for the signed-in person, with whether they already answered. */
  @Get('mine')
  @Authenticated()
  mine(@CurrentUser() user: AuthUser): Promise<SurveyDto[]> {
    return this.surveys.mine(user);
  }

  @Post(':surveyId/responses')
  @HttpCode(201)
  @Authenticated()
  @RequirePerson()
  respond(@CurrentUser() user: AuthUser, @IdParam('surveyId') id: string, @Body() body: Record<string, unknown>) {
    // Checked in the service after the account is known to have a person: who may not answer gets a 403, not a 400.
    return this.surveys.respond(user, id, body?.answers);
  }

  @Get(':surveyId/results')
  @RequirePermission(Permission.CoverageRead)
  results(@CurrentUser() user: AuthUser, @IdParam('surveyId') id: string, @Query() q: SurveyResultsQuery): Promise<SurveyResultsDto> {
    return this.surveys.results(user, id, q.unitId);
  }
}
