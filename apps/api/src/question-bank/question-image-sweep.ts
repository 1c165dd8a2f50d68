import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { QuestionImagesService } from './question-images.service';

/** How often a node running the scheduled jobs sweeps unused question images (and a first sweep after it starts). */
const EVERY_MS = 6 * 60 * 60 * 1000;
const FIRST_AFTER_MS = 5 * 60 * 1000;

/**
 * Runs QuestionImagesService.sweepUnused on nodes with scheduled jobs: uploads no question ever showed are deleted a
 * week later, row and file. Several such nodes are safe (the sweep takes an exclusive lock; a second one finds nothing).
 * Tests call sweepUnused themselves.
 */
@Injectable()
export class QuestionImageSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('QuestionImageSweep');
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly images: QuestionImagesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.scheduledJobs) return;
    const sweep = () =>
      void this.images.sweepUnused().then(
        (n) => n && this.log.log(`removed ${n} question image(s) that no question shows`),
        (e: Error) => this.log.warn(`question image sweep failed (tried again later): ${e.message}`),
      );
    this.timers = [setTimeout(sweep, FIRST_AFTER_MS), setInterval(sweep, EVERY_MS)];
    for (const t of this.timers) t.unref();
  }

  onApplicationShutdown(): void {
    for (const t of this.timers) clearTimeout(t);
  }
}
