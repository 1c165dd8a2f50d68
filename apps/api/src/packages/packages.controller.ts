import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Cmi5LaunchDto, PackageCommitResultDto, PackageLaunchDto, PackageLaunchItemDto, PackageLessonRecordDto, PackageStatusDto, PackageSummaryDto, Permission } from '@cchc/shared';
import { Authenticated, CurrentUser, Public, RequirePermission, RequirePerson, RequirePersonOrUnitScope } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { ApiFileUpload, readUpload } from '@api/common/http';
import { IdParam } from '@api/common/validation';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { Cmi5Service } from './cmi5.service';
import { Cmi5LaunchRequest, Cmi5WaiveRequest, PackageCommitRequest, PackageLaunchQuery } from './dto/package.dto';
import { packageFileRequired, packageTooLarge } from './packages.exception';
import { PackagesService } from './packages.service';

/** Authors attach an e-lecture package (.zip) to a lesson of kind "package". */
@ApiTags('authoring')
@ApiBearerAuth()
@Controller('authoring/lessons')
export class PackageAuthoringController {
  constructor(
    private readonly packages: PackagesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id/package')
  @RequirePermission(Permission.CoursesManage)
  get(@IdParam('id') id: string): Promise<PackageSummaryDto | null> {
    return this.packages.summary(id);
  }

  @Post(':id/package')
  @ApiFileUpload()
  @RequirePermission(Permission.CoursesManage)
  async upload(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Req() req: FastifyRequest): Promise<PackageSummaryDto> {
    const max = this.config.packageLimits.maxUploadBytes;
    const file = await readUpload(req, { noFile: packageFileRequired, tooLarge: () => packageTooLarge(Math.round(max / 1024 / 1024)) }, { defaultName: 'goi.zip', maxBytes: max });
    return this.packages.upload(user, id, file);
  }
}

/** The learner's side: launch a lesson's package, and store the runtime's commits. */
@ApiTags('learning')
@ApiBearerAuth()
@Controller('lessons')
export class PackageRuntimeController {
  constructor(
    private readonly packages: PackagesService,
    private readonly cmi5: Cmi5Service,
  ) {}

  @Get(':id/package/launch')
  @Authenticated()
  launch(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Query() query: PackageLaunchQuery): Promise<PackageLaunchDto> {
    return this.packages.launch(user, id, { startNew: query.attempt === 'new' });
  }

  /** The current attempt's item statuses; 304 while nothing changed (the cmi5 player re-reads it while an AU is open). */
  @Get(':id/package/status')
  @Authenticated()
  @RequirePerson()
  async status(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PackageStatusDto | undefined> {
    const inm = req.headers['if-none-match'];
    const { etag, body } = await this.packages.status(user, id, typeof inm === 'string' ? inm : undefined);
    reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (!body) {
      reply.status(304);
      return undefined;
    }
    return body;
  }

  @Post(':id/package/commits')
  @HttpCode(200)
  @Authenticated()
  @RequirePerson()
  commit(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: PackageCommitRequest): Promise<PackageCommitResultDto> {
    return this.packages.commit(user, id, body);
  }

  @Post(':id/package/cmi5-launch')
  @HttpCode(200)
  @Authenticated()
  @RequirePerson()
  cmi5Launch(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: Cmi5LaunchRequest, @Req() req: FastifyRequest): Promise<Cmi5LaunchDto> {
    return this.cmi5.launch(user, id, body.itemId, { origin: `${req.protocol}://${req.host}`, mode: body.mode ?? 'Normal' });
  }
}

/** A person's e-lecture results: attempts, and the answers (interactions) the packages stored; an officer waives a cmi5 AU. */
@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PackageRecordsController {
  constructor(
    private readonly packages: PackagesService,
    private readonly cmi5: Cmi5Service,
  ) {}

  @Get(':id/package-lessons')
  @Authenticated()
  @RequirePersonOrUnitScope()
  list(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<PackageLessonRecordDto[]> {
    return this.packages.personPackages(user, id);
  }

  /** cmi5 "waived": the officer or coordinator records that the person met an AU by other means (reason per cmi5). */
  @Post(':id/package-lessons/:lessonId/waivers')
  @HttpCode(200)
  @RequirePermission(Permission.TrainingSessionsManage)
  waive(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @IdParam('lessonId') lessonId: string, @Body() body: Cmi5WaiveRequest): Promise<PackageLaunchItemDto[]> {
    return this.cmi5.waive(user, id, lessonId, body);
  }
}

/** cmi5's fetch URL (cmi5 §8.2): the AU, on the content origin, trades its one-time token for LRS credentials. */
@ApiTags('xapi')
@Controller('xapi/cmi5')
export class Cmi5FetchController {
  constructor(private readonly cmi5: Cmi5Service) {}

  @Post('fetch/:token')
  @Public()
  async fetch(@Param('token') token: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const answer = await this.cmi5.fetch(token);
    reply.status(answer.status).header('cache-control', 'no-store');
    return answer.body;
  }
}
