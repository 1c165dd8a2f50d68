import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { HealthDto } from '@cchc/shared';
import { Public } from '@api/common/auth';
import { APP_RUNTIME, AppRuntime } from './app-runtime';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_RUNTIME) private readonly runtime: AppRuntime,
  ) {}

  /** Up when the database answers within a second; load balancers and the exam client poll this. */
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const started = process.hrtime.bigint();
    let up = false;
    try {
      await Promise.race([this.db.query('SELECT 1'), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))]);
      up = true;
    } catch {
      up = false;
    }
    if (!up) void reply.status(503);
    const latencyMs = up ? Number(process.hrtime.bigint() - started) / 1e6 : null;
    return {
      status: up ? 'ok' : 'degraded',
      database: { status: up ? 'up' : 'down', latencyMs: latencyMs === null ? null : Math.round(latencyMs * 100) / 100, embedded: this.runtime.embeddedDatabase },
      version: this.runtime.version,
      time: new Date().toISOString(),
    };
  }
}
