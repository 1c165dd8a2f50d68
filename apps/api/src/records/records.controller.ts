import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { PersonRecordDto } from '@cchc/shared';
import { Authenticated, CurrentUser, RequirePersonOrUnitScope } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { sendAttachment } from '@api/common/http';
import { IdParam } from '@api/common/validation';
import { renderRecordPdf } from './record-pdf';
import { RecordsService } from './records.service';

/** A person's training record: the person themself, and officers and coordinators whose scope reaches them. */
@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Get(':id/record')
  @Authenticated()
  @RequirePersonOrUnitScope()
  record(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<PersonRecordDto> {
    return this.records.record(user, id);
  }

  /** The same record as a PDF for the personnel file (NĐ 30 layout). */
  @Get(':id/record.pdf')
  @Authenticated()
  @RequirePersonOrUnitScope()
  async recordPdf(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Res() reply: FastifyReply) {
    const record = await this.records.record(user, id);
    reply.header('cache-control', 'private, no-store');
    return sendAttachment(reply, 'application/pdf', await renderRecordPdf(record), `ho-so-boi-duong-${record.person.staffCode.toLowerCase()}.pdf`);
  }
}
