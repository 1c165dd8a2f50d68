import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ImportReportDto, Page, Permission, PersonDetailDto, PersonListItemDto } from '@cchc/shared';
import { Authenticated, CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { readUpload, sendAttachment, XLSX_TYPE, ApiFileUpload } from '@api/common/http';
import { ChangeStatusRequest, CreatePersonRequest, PeopleImportQuery, PeopleListQuery, TransferPersonRequest, UpdatePersonRequest } from './dto/person.dto';
import { PeopleImportService, UploadedFile } from './import/people-import.service';
import { buildPeopleExport, buildStaffTemplate } from './import/spreadsheet';
import { PeopleService } from './people.service';
import { RequirePersonOrUnitScope } from '@api/common/auth';
import { IdParam } from '@api/common/validation';
import { peopleError, PeopleErrorCode } from './people.exception';

const sendXlsx = (reply: FastifyReply, buffer: Buffer, fileName: string) => sendAttachment(reply, XLSX_TYPE, buffer, fileName);

const uploadedFile = (req: FastifyRequest): Promise<UploadedFile> =>
  readUpload(req, {
    noFile: () => peopleError(PeopleErrorCode.FileRequired, 'Vui lòng chọn tệp danh sách (.xlsx hoặc .csv) để tải lên.'),
    tooLarge: () => peopleError(PeopleErrorCode.FileTooLarge, 'Tệp quá lớn (tối đa 10 MB). Hãy chia danh sách thành nhiều tệp.'),
  });

@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly imports: PeopleImportService,
  ) {}

  @Get()
  @RequirePermission(Permission.PeopleRead)
  list(@CurrentUser() user: AuthUser, @Query() query: PeopleListQuery): Promise<Page<PersonListItemDto>> {
    return this.people.list(user, query);
  }

  @Get('export.xlsx')
  @RequirePermission(Permission.PeopleRead)
  async export(@CurrentUser() user: AuthUser, @Query() query: PeopleListQuery, @Res() reply: FastifyReply) {
    const rows = await this.people.listForExport(user, query);
    const date = new Date().toISOString().slice(0, 10);
    return sendXlsx(reply, await buildPeopleExport(rows, `Danh sách cán bộ ${date}`), `danh-sach-can-bo-${date}.xlsx`);
  }

  @Get('import/template.xlsx')
  @RequirePermission(Permission.PeopleImport)
  async template(@Res() reply: FastifyReply) {
    return sendXlsx(reply, await buildStaffTemplate(), 'mau-danh-sach-can-bo.xlsx');
  }

  @Post('import/dry-run')
  @HttpCode(200)
  @ApiFileUpload()
  @RequirePermission(Permission.PeopleImport)
  async dryRun(@CurrentUser() user: AuthUser, @Query() query: PeopleImportQuery, @Req() req: FastifyRequest): Promise<ImportReportDto> {
    return this.imports.dryRun(user, await uploadedFile(req), query);
  }

  @Post('import/commit')
  @HttpCode(200)
  @ApiFileUpload()
  @RequirePermission(Permission.PeopleImport)
  async commit(@CurrentUser() user: AuthUser, @Query() query: PeopleImportQuery, @Req() req: FastifyRequest): Promise<ImportReportDto> {
    return this.imports.commit(user, await uploadedFile(req), query);
  }

  /** Learners may read their own record; officers anyone in their subtree. */
  @Get(':id')
  @Authenticated()
  @RequirePersonOrUnitScope()
  get(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<PersonDetailDto> {
    return this.people.get(user, id);
  }

  @Post()
  @RequirePermission(Permission.PeopleWrite)
  create(@CurrentUser() user: AuthUser, @Body() body: CreatePersonRequest): Promise<PersonDetailDto> {
    return this.people.create(user, body);
  }

  @Patch(':id')
  @RequirePermission(Permission.PeopleWrite)
  update(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: UpdatePersonRequest): Promise<PersonDetailDto> {
    return this.people.update(user, id, body);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @RequirePermission(Permission.PeopleWrite)
  transfer(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: TransferPersonRequest): Promise<PersonDetailDto> {
    return this.people.transfer(user, id, body);
  }

  @Post(':id/status')
  @HttpCode(200)
  @RequirePermission(Permission.PeopleWrite)
  changeStatus(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: ChangeStatusRequest): Promise<PersonDetailDto> {
    return this.people.changeStatus(user, id, body);
  }
}
