import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { createJobQueue } from '@api/common/queues';
import { AttemptsService } from './attempts.service';
import { TestRoundsService } from './test-rounds.service';

export const JOBS_DATABASE_URL = Symbol('JOBS_DATABASE_URL');
export const TICK_QUEUE = 'test-rounds-tick';

/**
 * pg-boss in the application's own PostgreSQL: every minute, open and announce rounds, close ended ones (creating
 * the next round of a recurring one) and submit attempts whose deadline passed. Several API instances may run it;
 * the singleton key keeps one tick at a time and pg-boss hands each job to exactly one of them. Nodes started with
 * API_ROLE=web do not run it; tests (NODE_ENV=test) do not start it and call `tick()` themselves.
 */
@Injectable()
export class TestRoundJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('TestRoundJobs');
  private boss: PgBoss | null = null;

  constructor(
    @Inject(JOBS_DATABASE_URL) private readonly databaseUrl: string,
    private readonly rounds: TestRoundsService,
    private readonly attempts: AttemptsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async tick(): Promise<{ opened: number; closed: number; created: number; submitted: number }> {
    const r = await this.rounds.tick();
    const submitted = await this.attempts.submitOverdue();
    return { ...r, submitted };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.scheduledJobs) return;
    const boss = new PgBoss({ connectionString: this.databaseUrl, max: 2, application_name: 'cchc-learn-jobs' });
    boss.on('error', (e: Error) => this.log.error(e.message));
    await boss.start();
    await createJobQueue(boss, this.databaseUrl, TICK_QUEUE);
    await boss.schedule(TICK_QUEUE, '* * * * *', {}, { singletonKey: 'tick' });
    await boss.work(TICK_QUEUE, async ([job]) => {
      const r = await this.tick();
      // One line per run: operators (and the two-node test) can see each scheduled run happen on exactly one node.
      process.stdout.write(`[jobs] ${TICK_QUEUE} ${job?.id ?? '-'} ran on pid ${process.pid}: ${JSON.stringify(r)}\n`);
    });
    this.boss = boss;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  }
}
