import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FaqEntryDto, Page, Permission, QaQuestionDto } from '@cchc/shared';
import { Authenticated, CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { AnswerQuestionRequest, AskQuestionRequest, FaqQuery, InboxQuery, PublishQuestionRequest, QaPagingQuery } from './dto/qa.dto';
import { QaService } from './qa.service';
import { IdParam } from '@api/common/validation';

@ApiTags('qa')
@ApiBearerAuth()
@Controller('qa')
export class QaController {
  constructor(private readonly qa: QaService) {}

  /** The public FAQ: published answers, searchable with or without diacritics. */
  @Get('faq')
  @Authenticated()
  faq(@Query() query: FaqQuery): Promise<Page<FaqEntryDto>> {
    return this.qa.faq(query);
  }

  @Post('questions')
  @Authenticated()
  ask(@CurrentUser() user: AuthUser, @Body() body: AskQuestionRequest): Promise<QaQuestionDto> {
    return this.qa.ask(user, body);
  }

  @Get('questions/mine')
  @Authenticated()
  mine(@CurrentUser() user: AuthUser, @Query() query: QaPagingQuery): Promise<Page<QaQuestionDto>> {
    return this.qa.mine(user, query);
  }

  /** Questions for those who answer: open ones first, oldest first. */
  @Get('inbox')
  @RequirePermission(Permission.QaAnswer)
  inbox(@CurrentUser() user: AuthUser, @Query() query: InboxQuery): Promise<Page<QaQuestionDto>> {
    return this.qa.inbox(user, query);
  }

  @Get('questions/:id')
  @Authenticated()
  get(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<QaQuestionDto> {
    return this.qa.get(user, id);
  }

  @Post('questions/:id/answer')
  @HttpCode(200)
  @RequirePermission(Permission.QaAnswer)
  answer(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: AnswerQuestionRequest): Promise<QaQuestionDto> {
    return this.qa.answer(user, id, body);
  }

  @Post('questions/:id/publish')
  @HttpCode(200)
  @RequirePermission(Permission.QaAnswer)
  publish(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: PublishQuestionRequest): Promise<QaQuestionDto> {
    return this.qa.publish(user, id, body);
  }
}
