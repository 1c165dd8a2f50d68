import { AppException } from '@api/common/errors';
import { Body, Controller, Delete, Get, HttpCode, Inject, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiFileUpload } from '@api/common/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition, DocumentFormat, formatNumberVi, LibraryDocumentDto, LibrarySearchPage, Permission } from '@cchc/shared';
import { Authenticated, CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { createValidationPipe } from '@api/common/validation';
import { CreateDocumentRequest, FileQuery, LibrarySearchQuery, UpdateDocumentRequest } from './dto/library.dto';
import { libraryError, LibraryErrorCode } from './library.exception';
import { LibraryService, UploadedDocumentFile } from './library.service';
import { IdParam } from '@api/common/validation';
import { APP_CONFIG, type AppConfig } from '@api/config';

const formatMb = (bytes: number) => `${formatNumberVi(bytes / 1024 / 1024, 1)} MB`;
const metadataPipe = createValidationPipe();

@ApiTags('library')
@ApiBearerAuth()
@Controller('library/documents')
export class LibraryController {
  private readonly maxUploadBytes: number;

  constructor(
    private readonly library: LibraryService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.maxUploadBytes = config.libraryMaxUploadBytes;
  }

  @Get()
  @Authenticated()
  search(@Query() query: LibrarySearchQuery): Promise<LibrarySearchPage> {
    return this.library.search(query);
  }

  @Get(':id')
  @Authenticated()
  get(@IdParam('id') id: string): Promise<LibraryDocumentDto> {
    return this.library.get(id);
  }

  /** The file itself: PDFs open in the browser, other formats download; the Vietnamese name is kept (RFC 5987). */
  @Get(':id/file')
  @Authenticated()
  async file(@IdParam('id') id: string, @Query() query: FileQuery, @Res() reply: FastifyReply) {
    const { row, stream } = await this.library.openFile(id);
    const inline = row.format === DocumentFormat.Pdf && !query.download;
    return reply
      .header('content-type', row.contentType)
      .header('content-length', String(row.size))
      .header('content-disposition', contentDisposition(row.fileName, inline))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=300')
      .send(stream);
  }

  /** multipart/form-data: the metadata fields first, then the `file` field. */
  @Post()
  @ApiFileUpload()
  @RequirePermission(Permission.LibraryManage)
  async create(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<LibraryDocumentDto> {
    const { fields, file } = await this.readUpload(req);
    const metadata = (await metadataPipe.transform(fields, { type: 'body', metatype: CreateDocumentRequest })) as CreateDocumentRequest;
    return this.library.create(user, metadata, file);
  }

  @Patch(':id')
  @RequirePermission(Permission.LibraryManage)
  update(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: UpdateDocumentRequest): Promise<LibraryDocumentDto> {
    return this.library.update(user, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.LibraryManage)
  remove(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<void> {
    return this.library.remove(user, id);
  }

  /** Reads the fields sent before the file and the file itself, refusing an oversized file before anything is stored. */
  private async readUpload(req: FastifyRequest): Promise<{ fields: Record<string, string>; file: UploadedDocumentFile }> {
    const noFile = () => libraryError(LibraryErrorCode.FileRequired, 'Vui lòng chọn tệp tài liệu để tải lên.');
    if (!req.isMultipart()) throw noFile();
    try {
      const part = await req.file({ limits: { fileSize: this.maxUploadBytes, fields: 20, fieldSize: 8192, files: 1 } });
      if (!part || part.fieldname !== 'file') throw noFile();
      const content = await part.toBuffer();
      const fields: Record<string, string> = {};
      for (const [name, value] of Object.entries(part.fields)) {
        const field = Array.isArray(value) ? value[0] : value;
        if (field && field.type === 'field' && name !== 'file') fields[name] = String(field.value ?? '');
      }
      return { fields, file: { fileName: part.filename || 'tai-lieu', content } };
    } catch (e) {
      if (e instanceof AppException) throw e;
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE')
        throw libraryError(LibraryErrorCode.FileTooLarge, `Tệp quá lớn: dung lượng tối đa là ${formatMb(this.maxUploadBytes)}. Hãy nén tệp hoặc chia thành nhiều phần.`);
      // Anything else is the client's stream: a broken boundary, a part cut off, malformed part headers.
      throw libraryError(LibraryErrorCode.BadUpload, 'Dữ liệu tải lên không hợp lệ. Vui lòng chọn lại tệp và thử lại.');
    }
  }
}
