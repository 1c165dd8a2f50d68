import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { TargetsRepository } from './targets.repository';

/** How often a node looks for a build nobody is stepping (a node stopped mid-build). */
const RESUME_EVERY_MS = 30_000;

/**
 * Builds the coverage of new and edited targets that reach too many people to be built inside the save: in steps
 * (each its own transaction, `coverage_build_step`), while the coordinator sees "Đang tính độ phủ… n%". Every node
 * runs COVERAGE_BUILD_WORKERS workers, each on its own connection; a step claims a chunk of units nobody else is
 * building (`FOR UPDATE SKIP LOCKED`), so the workers of all nodes share a build without doubling up, and a build a
 * stopped node left half-way is resumed by the next look.
 */
@Injectable()
export class CoverageBuilder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CoverageBuilder.name);
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly targets: TargetsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.kick();
    this.timer = setInterval(() => this.kick(), RESUME_EVERY_MS);
    this.timer.unref?.();
  }

  /** Works through every open build now (coalescing calls made while it runs into one more pass). */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const workers = Array.from({ length: Math.max(1, this.config.coverageBuild.workers) }, () => this.drain());
    this.running = Promise.all(workers).then(() => undefined).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      for (const id of await this.targets.openBuilds()) {
        while (!this.closed) {
          const step = await this.targets.buildStep(id, false);
          if (!step || step.finished) break;
        }
      }
    } catch (e) {
      // The build keeps its place; the next look resumes it.
      if (!this.closed) this.logger.warn(`coverage build paused: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
