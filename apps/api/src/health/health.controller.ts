import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { HealthDto, ReadinessDto } from '@cchc/shared';
import { Public } from '@api/common/auth';
import { DATABASE_RETRY_AFTER_SECONDS } from '@api/common/errors';
import { APP_RUNTIME, AppRuntime } from './app-runtime';
import { Readiness } from './readiness';

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_RUNTIME) private readonly runtime: AppRuntime,
    private readonly readiness: Readiness,
  ) {}

  /**
   * Up when the database answers within a second; load balancers and the exam client poll this. Down: 503 with
   * `Retry-After`, naming what is down (the embedded database is restarted by the supervising process).
   */
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const started = process.hrtime.bigint();
    let up = false;
    try {
      await within(this.db.query('SELECT 1'), 1000);
      up = true;
    } catch {
      up = false;
    }
    if (!up) void reply.status(503).header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    const latencyMs = up ? Number(process.hrtime.bigint() - started) / 1e6 : null;
    return {
      status: up ? 'ok' : 'degraded',
      database: { status: up ? 'up' : 'down', latencyMs: latencyMs === null ? null : Math.round(latencyMs * 100) / 100, embedded: this.runtime.embeddedDatabase },
      down: up ? [] : ['database'],
      ...(up ? {} : { message: 'Cơ sở dữ liệu không phản hồi; hệ thống đang tự kết nối lại.' }),
      version: this.runtime.version,
      time: new Date().toISOString(),
    };
  }

  /** Liveness: the process answers. A supervisor restarts a node that stops answering this; it never touches the database. */
  @Get('live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness, for a load balancer: 200 only when the database answers and its schema is exactly this release's
   * (every migration applied, none unknown). A node that is not ready keeps running but is given no traffic.
   */
  @Get('ready')
  @Public()
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
    const reason = await this.readiness.check();
    if (reason) void reply.status(503);
    return { status: reason ? 'not_ready' : 'ready', reason, role: this.runtime.role ?? 'all', version: this.runtime.version };
  }
}
