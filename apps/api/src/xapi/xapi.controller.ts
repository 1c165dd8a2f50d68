import { Controller, Delete, Get, HttpCode, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { XAPI_VERSION } from '@cchc/shared';
import { LrsClientOnly, Public } from '@api/common/auth';
import { effectiveMethod, XapiMethod } from './alternate-syntax';
import type { LrsClient } from './lrs-client';
import { LrsClientGuard } from './lrs-client.guard';
import { invalidRequest, versionHeader } from './xapi.exception';
import { XapiReply, XapiService } from './xapi.service';

type XapiRequest = FastifyRequest & { lrsClient: LrsClient; query: Record<string, string | string[] | undefined>; xapiMethod?: XapiMethod };

/** xAPI requests must say which version they speak (xAPI §3.3 "Versioning"). */
function checkVersion(req: FastifyRequest): void {
  const v = req.headers['x-experience-api-version'];
  if (typeof v !== 'string') throw versionHeader('version-header-required', 'Thiếu header X-Experience-API-Version (xAPI 1.0.3).');
  if (!XAPI_VERSION.test(v)) throw versionHeader('version-header-supported', `Phiên bản xAPI "${v}" không được hỗ trợ (1.0.x, 2.0.x).`);
}

function send(reply: FastifyReply, answer: XapiReply): unknown {
  reply.status(answer.status);
  for (const [k, v] of Object.entries(answer.headers ?? {})) reply.header(k, v);
  return answer.body;
}

/**
 * The built-in LRS at /api/xapi (xAPI 1.0.3). Authenticated by LRS client credentials (HTTP Basic), not user
 * tokens; every answer carries X-Experience-API-Version (set in create-app for the whole /api/xapi prefix).
 */
@ApiTags('xapi')
@ApiBasicAuth()
@Controller('xapi')
export class XapiController {
  constructor(private readonly xapi: XapiService) {}

  @Get('about')
  @Public()
  about() {
    return this.xapi.about();
  }

  @Post('statements')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async postStatements(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    // Alternate request syntax (?method=GET|PUT): the same resource read or written through a form POST.
    if (req.xapiMethod === 'GET') return this.getStatements(req, reply);
    if (req.xapiMethod === 'PUT') return this.putStatement(req, reply);
    if (req.xapiMethod === 'DELETE') throw invalidRequest('alternate-syntax-method', 'statements cannot be deleted (void them)');
    checkVersion(req);
    const ids = await this.xapi.post(req.lrsClient, req.headers['content-type'], req.body, req.query);
    reply.status(200);
    return ids;
  }

  @Put('statements')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async putStatement(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    checkVersion(req);
    await this.xapi.put(req.lrsClient, req.headers['content-type'], req.body, req.query);
    reply.status(204);
  }

  @Get('statements')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async getStatements(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    checkVersion(req);
    return send(reply, await this.xapi.get(req.lrsClient, req.query, req.headers['accept-language']));
  }

  @Get('activities/state')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async getState(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document('state', req, reply);
  }

  @Put('activities/state')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async putState(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document('state', req, reply);
  }

  @Post('activities/state')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async postState(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document('state', req, reply);
  }

  @Delete('activities/state')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async deleteState(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document('state', req, reply);
  }

  @Get('activities/profile')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async getActivityProfile(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document('activity_profile', req, reply);
  }

  @Put('activities/profile')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async putActivityProfile(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document('activity_profile', req, reply);
  }

  @Post('activities/profile')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async postActivityProfile(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document('activity_profile', req, reply);
  }

  @Delete('activities/profile')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async deleteActivityProfile(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document('activity_profile', req, reply);
  }

  @Get('agents/profile')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async getAgentProfile(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document('agent_profile', req, reply);
  }

  @Put('agents/profile')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async putAgentProfile(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document('agent_profile', req, reply);
  }

  @Post('agents/profile')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async postAgentProfile(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document('agent_profile', req, reply);
  }

  @Delete('agents/profile')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async deleteAgentProfile(@Req() req: XapiRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.document('agent_profile', req, reply);
  }

  @Get('activities')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async activity(@Req() req: XapiRequest) {
    checkVersion(req);
    return this.xapi.activity(req.lrsClient, req.query);
  }

  @Get('agents')
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async agents(@Req() req: XapiRequest) {
    checkVersion(req);
    return this.xapi.person(req.lrsClient, req.query);
  }

  @Post('activities')
  @HttpCode(200)
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async activityByForm(@Req() req: XapiRequest) {
    if (req.xapiMethod !== 'GET') throw invalidRequest('alternate-syntax-method', 'the Activities resource is read with GET (or POST ?method=GET)');
    return this.activity(req);
  }

  @Post('agents')
  @HttpCode(200)
  @LrsClientOnly()
  @UseGuards(LrsClientGuard)
  async agentsByForm(@Req() req: XapiRequest) {
    if (req.xapiMethod !== 'GET') throw invalidRequest('alternate-syntax-method', 'the Agents resource is read with GET (or POST ?method=GET)');
    return this.agents(req);
  }

  private async document(kind: 'state' | 'activity_profile' | 'agent_profile', req: XapiRequest, reply: FastifyReply) {
    checkVersion(req);
    return send(reply, await this.xapi.document(req.lrsClient, kind, effectiveMethod(req), req.query, req.headers, req.body));
  }
}
