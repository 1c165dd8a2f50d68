import { Body, Controller, Get, HttpCode, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AttendanceImportReportDto, AttendanceRowDto, Permission, TrainingSessionDto } from '@cchc/shared';
import { Authenticated, CurrentUser, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { readUpload, ApiFileUpload } from '@api/common/http';
import type { UploadedFile } from '@api/people';
import { AddAttendanceRequest, CheckInRequest, CreateTrainingSessionRequest, SessionListQuery } from './dto/training-session.dto';
import { TrainingSessionsService } from './training-sessions.service';
import { IdParam } from '@api/common/validation';
import { trainingSessionsError, TrainingSessionsErrorCode } from './training-sessions.exception';

const uploadedSheet = (req: FastifyRequest): Promise<UploadedFile> =>
  readUpload(
    req,
    {
      noFile: () => trainingSessionsError(TrainingSessionsErrorCode.FileRequired, 'Vui lòng chọn tệp danh sách điểm danh (.xlsx hoặc .csv) để tải lên.'),
      tooLarge: () => trainingSessionsError(TrainingSessionsErrorCode.FileTooLarge, 'Tệp quá lớn (tối đa 10 MB).'),
    },
    { defaultName: 'diem-danh' },
  );

@ApiTags('training-sessions')
@ApiBearerAuth()
@Controller('training-sessions')
export class TrainingSessionsController {
  constructor(private readonly sessions: TrainingSessionsService) {}

  @Get()
  @RequirePermission(Permission.TrainingSessionsManage)
  list(@CurrentUser() user: AuthUser, @Query() q: SessionListQuery): Promise<TrainingSessionDto[]> {
    return this.sessions.list(user, q.unitId);
  }

  @Post()
  @RequirePermission(Permission.TrainingSessionsManage)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateTrainingSessionRequest): Promise<TrainingSessionDto> {
    return this.sessions.create(user, body);
  }

  /** The learner confirms their own attendance with the token of the QR code shown in the room. */
  @Post('check-in')
  @HttpCode(200)
  @Authenticated()
  checkIn(@CurrentUser() user: AuthUser, @Body() body: Record<string, unknown>) {
    // Validated in the service, after the account is known to have a person (who may not check in must get a 403).
    return this.sessions.checkIn(user, (body ?? {}) as Partial<CheckInRequest>);
  }

  @Get(':id')
  @RequirePermission(Permission.TrainingSessionsManage)
  get(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<TrainingSessionDto> {
    return this.sessions.get(user, id);
  }

  @Put(':id')
  @RequirePermission(Permission.TrainingSessionsManage)
  update(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: CreateTrainingSessionRequest): Promise<TrainingSessionDto> {
    return this.sessions.update(user, id, body);
  }

  @Get(':id/attendance')
  @RequirePermission(Permission.TrainingSessionsManage)
  attendance(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<AttendanceRowDto[]> {
    return this.sessions.attendance(user, id);
  }

  @Post(':id/attendance')
  @HttpCode(200)
  @RequirePermission(Permission.TrainingSessionsManage)
  addAttendance(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: AddAttendanceRequest) {
    return this.sessions.addAttendance(user, id, body);
  }

  @Post(':id/attendance/import/dry-run')
  @HttpCode(200)
  @ApiFileUpload()
  @RequirePermission(Permission.TrainingSessionsManage)
  async dryRun(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Req() req: FastifyRequest): Promise<AttendanceImportReportDto> {
    await this.sessions.require(user, id);
    return this.sessions.importSheet(user, id, await uploadedSheet(req), false);
  }

  @Post(':id/attendance/import/commit')
  @HttpCode(200)
  @ApiFileUpload()
  @RequirePermission(Permission.TrainingSessionsManage)
  async commit(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Req() req: FastifyRequest): Promise<AttendanceImportReportDto> {
    await this.sessions.require(user, id);
    return this.sessions.importSheet(user, id, await uploadedSheet(req), true);
  }

  @Post(':id/qr')
  @HttpCode(200)
  @RequirePermission(Permission.TrainingSessionsManage)
  qr(@CurrentUser() user: AuthUser, @IdParam('id') id: string) {
    return this.sessions.qr(user, id);
  }
}
