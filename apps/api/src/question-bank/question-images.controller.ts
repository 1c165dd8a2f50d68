import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentUser } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { IdParam } from '@api/common/validation';
import { QuestionImagesService } from './question-images.service';

/** Images of question texts, read by the test page, review and the bank (see QuestionImagesService for who may). */
@ApiTags('questions')
@ApiBearerAuth()
@Controller('question-images')
export class QuestionImagesController {
  constructor(private readonly images: QuestionImagesService) {}

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
