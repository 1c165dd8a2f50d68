import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AssignmentDto,
  AssignmentMemberDto,
  CertificateSettingsDto,
  CertificateVerificationDto,
  CourseDetailDto,
  CourseSummaryDto,
  LessonDto,
  MyLearningDto,
  Page,
  Permission,
  ProgressResultDto,
} from '@cchc/shared';
import { Authenticated, CurrentUser, Public, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { CatalogueQuery } from '@api/courses';
import { AssignmentsService } from './assignments.service';
import { CertificatesService } from './certificates.service';
import { AssignmentMembersQuery, CertificateSettingsRequest, CreateAssignmentRequest, ProgressRequest } from './dto/enrolment.dto';
import { EnrolmentsService } from './enrolments.service';
import { RequirePerson } from '@api/common/auth';
import { IdParam } from '@api/common/validation';

/** The catalogue and the course page; learners act on their own person only. */
@ApiTags('learning')
@ApiBearerAuth()
@Controller('courses')
export class CatalogueController {
  constructor(
    private readonly enrolments: EnrolmentsService,
    private readonly certificates: CertificatesService,
  ) {}

  @Get()
  @Authenticated()
  catalogue(@CurrentUser() user: AuthUser, @Query() query: CatalogueQuery): Promise<CourseSummaryDto[]> {
    return this.enrolments.catalogue(user, query);
  }

  @Get(':id')
  @Authenticated()
  course(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<CourseDetailDto> {
    return this.enrolments.course(user, id);
  }

  @Post(':id/enrol')
  @HttpCode(200)
  @Authenticated()
  @RequirePerson()
  enrol(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<CourseDetailDto> {
    return this.enrolments.enrol(user, id);
  }

  @Get(':id/certificate')
  @Authenticated()
  @RequirePerson()
  async certificate(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const { buffer, fileName } = await this.certificates.pdf(user, id, `${req.protocol}://${req.host}`);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(buffer);
  }
}

@ApiTags('learning')
@ApiBearerAuth()
@Controller('lessons')
export class LessonsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  @Get(':id')
  @Authenticated()
  lesson(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<LessonDto> {
    return this.enrolments.lesson(user, id);
  }

  @Post(':id/progress')
  @HttpCode(200)
  @Authenticated()
  @RequirePerson()
  progress(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: ProgressRequest): Promise<ProgressResultDto> {
    return this.enrolments.progress(user, id, body);
  }
}

@ApiTags('learning')
@ApiBearerAuth()
@Controller('my-learning')
export class MyLearningController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  @Get()
  @Authenticated()
  @RequirePerson()
  myLearning(@CurrentUser() user: AuthUser): Promise<MyLearningDto> {
    return this.enrolments.myLearning(user);
  }
}

/** Anyone holding a certificate's code can check it, without an account. */
@ApiTags('learning')
@Controller('certificates')
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get(':code')
  @Public()
  verify(@Param('code') code: string): Promise<CertificateVerificationDto> {
    return this.certificates.verify(code);
  }
}

/** The issuer and signer printed on the province's certificates, set by the coordinator. */
@ApiTags('learning')
@ApiBearerAuth()
@Controller('certificate-settings')
export class CertificateSettingsController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get()
  @RequirePermission(Permission.TargetsManage)
  get(@CurrentUser() user: AuthUser): Promise<CertificateSettingsDto> {
    return this.certificates.settings(user);
  }

  @Put()
  @RequirePermission(Permission.TargetsManage)
  save(@CurrentUser() user: AuthUser, @Body() body: CertificateSettingsRequest): Promise<CertificateSettingsDto> {
    return this.certificates.saveSettings(user, body);
  }
}

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get()
  @RequirePermission(Permission.AssignmentsManage)
  list(@CurrentUser() user: AuthUser): Promise<AssignmentDto[]> {
    return this.assignments.list(user);
  }

  @Post()
  @RequirePermission(Permission.AssignmentsManage)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateAssignmentRequest): Promise<AssignmentDto> {
    return this.assignments.create(user, body);
  }

  @Get(':id')
  @RequirePermission(Permission.AssignmentsManage)
  get(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<AssignmentDto> {
    return this.assignments.get(user, id);
  }

  @Get(':id/people')
  @RequirePermission(Permission.AssignmentsManage)
  members(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Query() query: AssignmentMembersQuery): Promise<Page<AssignmentMemberDto>> {
    return this.assignments.members(user, id, query);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission(Permission.AssignmentsManage)
  cancel(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<AssignmentDto> {
    return this.assignments.cancel(user, id);
  }
}
