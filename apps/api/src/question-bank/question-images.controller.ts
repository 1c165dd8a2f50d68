import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission, QuestionImageDto } from '@cchc/shared';
import { Authenticated, CurrentUser, RequirePermission } from '@api/common/auth';
import { ApiFileUpload, readUpload } from '@api/common/http';
import { questionBankError, QuestionBankErrorCode as E } from './question-bank.exception';
import { MAX_QUESTION_IMAGE_BYTES } from './question-images';
import type { AuthUser } from '@api/common/auth';
import { IdParam } from '@api/common/validation';
import { QuestionImagesService } from './question-images.service';

/** Images of question texts, read by the test page, review and the bank (see QuestionImagesService for who may). */
@ApiTags('questions')
@ApiBearerAuth()
@Controller('question-images')
export class QuestionImagesController {
  constructor(private readonly images: QuestionImagesService) {}

  /** An image for a question being written (the editor's "Chèn hình"): PNG, JPEG, GIF or WebP by its bytes, ≤ 2 MB. */
  @Post()
  @HttpCode(201)
  @ApiFileUpload()
  @RequirePermission(Permission.QuestionsManage)
  async upload(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<QuestionImageDto> {
    const file = await readUpload(
      req,
      {
        noFile: () => questionBankError(E.FileRequired, 'Vui lòng chọn tệp hình (PNG, JPEG, GIF hoặc WebP).'),
        tooLarge: () => questionBankError(E.FileTooLarge, 'Hình quá lớn (tối đa 2 MB). Hãy thu nhỏ hình rồi tải lên.'),
      },
      { maxBytes: MAX_QUESTION_IMAGE_BYTES },
    );
    return this.images.upload(user, file.buffer);
  }

  @Get(':id')
  @Authenticated()
  async get(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Res() reply: FastifyReply) {
    const { stream, mime, size } = await this.images.open(user, id);
    // An image id never changes content: the browser keeps it, privately (it is a signed-in user's).
    return reply
      .header('content-type', mime)
      .header('content-length', String(size))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'")
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(stream);
  }
}
