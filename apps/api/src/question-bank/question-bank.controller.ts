import { Body, Controller, Get, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Page, Permission, QuestionBulkResultDto, QuestionDetailDto, QuestionImportReportDto, QuestionListItemDto, QuestionVersionDto } from '@cchc/shared';
import { CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { readUpload, sendAttachment, XLSX_TYPE, ApiFileUpload } from '@api/common/http';
import {
  BulkIdsRequest,
  BulkTagRequest,
  ChangeQuestionStatusRequest,
  CreateQuestionRequest,
  QuestionImportQuery,
  QuestionListQuery,
  UpdateQuestionRequest,
} from './dto/question.dto';
import { questionBankError, QuestionBankErrorCode as E } from './question-bank.exception';
import { QuestionBankService } from './question-bank.service';
import { QuestionImportService, UploadedQuestionFile } from './question-import.service';
import { IdParam } from '@api/common/validation';


const uploadedFile = (req: FastifyRequest): Promise<UploadedQuestionFile> =>
  readUpload(req, {
    noFile: () => questionBankError(E.FileRequired, 'Vui lòng chọn tệp câu hỏi (.xlsx, GIFT hoặc Aiken .txt) để tải lên.'),
    tooLarge: () => questionBankError(E.FileTooLarge, 'Tệp quá lớn (tối đa 10 MB). Hãy chia thành nhiều tệp.'),
  });

/** The bank holds the correct answers: every route needs QuestionsManage (author, coordinator, admin). */
@ApiTags('questions')
@ApiBearerAuth()
@Controller('questions')
export class QuestionBankController {
  constructor(
    private readonly bank: QuestionBankService,
    private readonly imports: QuestionImportService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequirePermission(Permission.QuestionsManage)
  list(@CurrentUser() user: AuthUser, @Query() query: QuestionListQuery): Promise<Page<QuestionListItemDto>> {
    return this.bank.list(user, query);
  }

  @Get('tags')
  @RequirePermission(Permission.QuestionsManage)
  tags(@CurrentUser() user: AuthUser): Promise<string[]> {
    return this.bank.tags(user);
  }

  @Get('export.xlsx')
  @RequirePermission(Permission.QuestionsManage)
  async exportXlsx(@CurrentUser() user: AuthUser, @Query() query: QuestionListQuery, @Res() reply: FastifyReply) {
    const rows = await this.bank.listForExport(user, query);
    const date = this.clock.now().toISOString().slice(0, 10);
    return sendAttachment(reply, XLSX_TYPE, await this.imports.exportXlsx(user, rows), `ngan-hang-cau-hoi-${date}.xlsx`);
  }

  @Get('export.gift')
  @RequirePermission(Permission.QuestionsManage)
  async exportGift(@CurrentUser() user: AuthUser, @Query() query: QuestionListQuery, @Res() reply: FastifyReply) {
    const rows = await this.bank.listForExport(user, query);
    const date = this.clock.now().toISOString().slice(0, 10);
    const text = await this.imports.exportGift(user, rows, `Ngân hàng câu hỏi cchc-learn, xuất ngày ${date}: ${rows.length} câu hỏi (định dạng GIFT của Moodle)`);
    return sendAttachment(reply, 'text/plain; charset=utf-8', `\ufeff${text}`, `ngan-hang-cau-hoi-${date}.gift.txt`);
  }

  @Get('import/template.xlsx')
  @RequirePermission(Permission.QuestionsManage)
  async template(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    return sendAttachment(reply, XLSX_TYPE, await this.imports.template(user), 'mau-nhap-cau-hoi.xlsx');
  }

  @Post('import/dry-run')
  @HttpCode(200)
  @ApiFileUpload()
  @RequirePermission(Permission.QuestionsManage)
  async dryRun(@CurrentUser() user: AuthUser, @Query() query: QuestionImportQuery, @Req() req: FastifyRequest): Promise<QuestionImportReportDto> {
    return this.imports.dryRun(user, await uploadedFile(req), query);
  }

  @Post('import/commit')
  @HttpCode(200)
  @ApiFileUpload()
  @RequirePermission(Permission.QuestionsManage)
  async commit(@CurrentUser() user: AuthUser, @Query() query: QuestionImportQuery, @Req() req: FastifyRequest): Promise<QuestionImportReportDto> {
    return this.imports.commit(user, await uploadedFile(req), query);
  }

  @Post('bulk/tag')
  @HttpCode(200)
  @RequirePermission(Permission.QuestionsManage)
  bulkTag(@CurrentUser() user: AuthUser, @Body() body: BulkTagRequest): Promise<QuestionBulkResultDto> {
    return this.bank.bulkTag(user, body);
  }

  @Post('bulk/retire')
  @HttpCode(200)
  @RequirePermission(Permission.QuestionsManage)
  bulkRetire(@CurrentUser() user: AuthUser, @Body() body: BulkIdsRequest): Promise<QuestionBulkResultDto> {
    return this.bank.bulkRetire(user, body);
  }

  @Get(':id')
  @RequirePermission(Permission.QuestionsManage)
  get(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<QuestionDetailDto> {
    return this.bank.get(user, id);
  }

  @Get(':id/versions')
  @RequirePermission(Permission.QuestionsManage)
  versions(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<QuestionVersionDto[]> {
    return this.bank.versions(user, id);
  }

  @Post()
  @RequirePermission(Permission.QuestionsManage)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateQuestionRequest): Promise<QuestionDetailDto> {
    return this.bank.create(user, body);
  }

  @Put(':id')
  @RequirePermission(Permission.QuestionsManage)
  update(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: UpdateQuestionRequest): Promise<QuestionDetailDto> {
    return this.bank.update(user, id, body);
  }

  @Post(':id/status')
  @HttpCode(200)
  @RequirePermission(Permission.QuestionsManage)
  changeStatus(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: ChangeQuestionStatusRequest): Promise<QuestionDetailDto> {
    return this.bank.changeStatus(user, id, body.status);
  }
}
