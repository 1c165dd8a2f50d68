import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { createJobQueue } from '@api/common/queues';
import { ForwardingService } from './forwarding.service';

export const FORWARDING_DATABASE_URL = Symbol('FORWARDING_DATABASE_URL');
export const FORWARD_QUEUE = 'lrs-forward';

/**
 * pg-boss runs the forwarding every minute on one node (singleton key; each endpoint is also leased in the database,
 * so two runs never deliver the same endpoint at once). Nodes with API_ROLE=web and tests do not start it; tests call
 * `ForwardingService.drain()` themselves.
 */
@Injectable()
export class ForwardingJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ForwardingJobs');
  private boss: PgBoss | null = null;

  constructor(
    @Inject(FORWARDING_DATABASE_URL) private readonly databaseUrl: string,
    private readonly forwarding: ForwardingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.scheduledJobs) return;
    const boss = new PgBoss({ connectionString: this.databaseUrl, max: 2, application_name: 'cchc-learn-forwarding' });
    boss.on('error', (e: Error) => this.log.error(e.message));
    await boss.start();
    await createJobQueue(boss, this.databaseUrl, FORWARD_QUEUE);
    await boss.schedule(FORWARD_QUEUE, '* * * * *', {}, { singletonKey: 'forward' });
    await boss.work(FORWARD_QUEUE, async () => {
      const r = await this.forwarding.drain();
      if (r.sent || r.deadLettered || r.failedEndpoints) process.stdout.write(`[jobs] ${FORWARD_QUEUE} ran on pid ${process.pid}: ${JSON.stringify(r)}\n`);
    });
    this.boss = boss;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  }
}
