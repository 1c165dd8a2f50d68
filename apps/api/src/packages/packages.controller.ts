import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Cmi5LaunchDto, PackageCommitResultDto, PackageLaunchDto, PackageSummaryDto, Permission } from '@cchc/shared';
import { Authenticated, CurrentUser, Public, RequirePermission, RequirePerson } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { ApiFileUpload, readUpload } from '@api/common/http';
import { IdParam } from '@api/common/validation';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { Cmi5Service } from './cmi5.service';
import { Cmi5LaunchRequest, PackageCommitRequest } from './dto/package.dto';
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
  launch(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Req() req: FastifyRequest): Promise<PackageLaunchDto> {
    return this.packages.launch(user, id, { protocol: req.protocol, hostname: req.hostname });
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
    return this.cmi5.launch(user, id, body.itemId, { origin: `${req.protocol}://${req.host}`, page: { protocol: req.protocol, hostname: req.hostname } });
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
