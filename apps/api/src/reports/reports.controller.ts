import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Permission } from '@cchc/shared';
import { CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { sendFile, XLSX } from '@api/coverage';
import { buildReportDocx } from './report-docx';
import { buildReportPdf } from './report-pdf';
import { buildReportXlsx } from './report-xlsx';
import { ReportQuery } from './reports.dto';
import { ReportsService } from './reports.service';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const fileStem = (q: ReportQuery, kind: string) => `bao-cao-${kind === 'province' ? 'tinh' : 'don-vi'}-${q.phase ? `giai-doan-${q.phase}` : `nam-${q.year ?? 'nay'}`}`;

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The report's figures as JSON, for the preview on screen. */
  @Get('yearly')
  @RequirePermission(Permission.CoverageRead)
  preview(@CurrentUser() user: AuthUser, @Query() q: ReportQuery) {
    return this.reports.build(user, q, 20);
  }

  @Get('yearly.xlsx')
  @RequirePermission(Permission.CoverageRead)
  async xlsx(@CurrentUser() user: AuthUser, @Query() q: ReportQuery, @Res() reply: FastifyReply) {
    const data = await this.reports.build(user, q, null);
    return sendFile(reply, await buildReportXlsx(data), `${fileStem(q, data.kind)}.xlsx`, XLSX);
  }

  @Get('yearly.pdf')
  @RequirePermission(Permission.CoverageRead)
  async pdf(@CurrentUser() user: AuthUser, @Query() q: ReportQuery, @Res() reply: FastifyReply) {
    const data = await this.reports.build(user, q, 200);
    return sendFile(reply, await buildReportPdf(data), `${fileStem(q, data.kind)}.pdf`, 'application/pdf');
  }

  /** The same report as an editable Word document, for the narrative part to be written before signing. */
  @Get('yearly.docx')
  @RequirePermission(Permission.CoverageRead)
  async docx(@CurrentUser() user: AuthUser, @Query() q: ReportQuery, @Res() reply: FastifyReply) {
    const data = await this.reports.build(user, q, 200);
    return sendFile(reply, await buildReportDocx(data), `${fileStem(q, data.kind)}.docx`, DOCX);
  }
}
