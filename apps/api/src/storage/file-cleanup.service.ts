import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { FileCleanupRepository } from './file-cleanup.repository';
import { FileStorage } from './file-storage';

/** How often a node running the scheduled jobs retries removals that failed (a store that was down). */
const RETRY_MS = 10 * 60 * 1000;

/**
 * Removes stored files queued in `file_cleanup` (e.g. a deleted package lesson's extracted files). The queue is
 * written in the deleting transaction, so `drain()` runs after the commit; a removal that fails stays queued with
 * its error and is retried by the next drain, which a node with scheduled jobs also runs every ten minutes.
 */
@Injectable()
export class FileCleanup implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('FileCleanup');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<{ removed: number; failed: number }> | null = null;

  constructor(
    private readonly queue: FileCleanupRepository,
    private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.scheduledJobs) return;
    this.timer = setInterval(() => void this.drain().catch((e: Error) => this.log.warn(e.message)), RETRY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Removes what is queued; never throws for a file the store could not remove (it stays queued). */
  drain(): Promise<{ removed: number; failed: number }> {
    // One drain at a time in a process; a second caller waits for the running one and then drains again.
    const run = (this.running ?? Promise.resolve({ removed: 0, failed: 0 })).then(() => this.drainOnce());
    this.running = run.finally(() => {
      if (this.running === run) this.running = null;
    });
    return run;
  }

  private async drainOnce(): Promise<{ removed: number; failed: number }> {
    let removed = 0;
    let failed = 0;
    const tried = new Set<string>();
    for (;;) {
      const keys = (await this.queue.take(200 + tried.size)).filter((k) => !tried.has(k));
      if (!keys.length) return { removed, failed };
      const ok: string[] = [];
      for (const key of keys) {
        tried.add(key);
        try {
          await this.storage.remove(key);
          ok.push(key);
        } catch (e) {
          failed += 1;
          await this.queue.failed(key, (e as Error).message ?? String(e));
        }
      }
      await this.queue.done(ok);
      removed += ok.length;
    }
  }

  pending(): Promise<number> {
    return this.queue.pending();
  }
}
