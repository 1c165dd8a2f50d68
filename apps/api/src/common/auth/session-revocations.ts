import { Global, Inject, Injectable, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { SessionsRepository } from './sessions.repository';

/**
 * Ends access tokens before they expire. Each token carries its account's token version; ending an account's
 * sessions bumps the version in the database, and every API process refuses older tokens:
 * - at once on the process that did it, and
 * - within `sessionCheckMs` (1 s by default) on every other process, which reads the accounts revoked since its last
 *   look (one small indexed query per process per interval, whatever the number of users).
 * The request path only looks up a small in-memory map of recently revoked accounts — nothing is read per request,
 * so the exam's answer saves stay as fast as before. Entries are dropped once every token they could refuse has
 * expired anyway.
 */
@Injectable()
export class SessionRevocations implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Sessions');
  /** account id → lowest token version still accepted, and when that was decided (ms, database clock). */
  private readonly minimum = new Map<string, { version: number; atMs: number }>();
  private readAt: Date | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private failing = false;

  constructor(
    private readonly repo: SessionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.config.sessionCheckMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Is a token of this version still good for this account? */
  accepts(userId: string, tokenVersion: number): boolean {
    const min = this.minimum.get(userId);
    return min === undefined || tokenVersion >= min.version;
  }

  /** Ends the account's access tokens (inside the caller's transaction); call `applied` once it commits. */
  async revoke(userId: string, manager?: EntityManager): Promise<{ version: number; applied: () => void }> {
    const version = (await this.repo.bumpTokenVersion(userId, manager)) ?? 0;
    return { version, applied: () => this.note(userId, version, Date.now()) };
  }

  /** Reads what other processes revoked since the last look. Public so tests can wait on it instead of on time. */
  poll(): Promise<void> {
    this.polling ??= this.readRevocations().finally(() => (this.polling = null));
    return this.polling;
  }

  private async readRevocations(): Promise<void> {
    const ttl = this.config.accessTokenTtlSeconds;
    // Look back a minute past the last read: a revocation committed late (a long transaction) is still seen.
    const since = this.readAt ? new Date(this.readAt.getTime() - 60_000) : null;
    try {
      const { accounts, readAt } = await this.repo.revokedSince(since, ttl + 60);
      for (const a of accounts) this.note(a.id, a.version, a.revokedAt.getTime());
      this.readAt = readAt;
      const forgetBefore = readAt.getTime() - (ttl + 60) * 1000;
      for (const [id, entry] of this.minimum) if (entry.atMs < forgetBefore) this.minimum.delete(id);
      if (this.failing) this.logger.warn('reading ended sessions works again');
      this.failing = false;
    } catch (e) {
      // The database is away: requests fail with 503 meanwhile; say so once, not every second.
      if (!this.failing) this.logger.warn(`cannot read ended sessions: ${(e as Error).message}`);
      this.failing = true;
    }
  }

  private note(userId: string, version: number, atMs: number): void {
    const known = this.minimum.get(userId);
    if (!known || version > known.version) this.minimum.set(userId, { version, atMs });
  }
}

@Global()
@Module({ providers: [SessionsRepository, SessionRevocations], exports: [SessionRevocations] })
export class SessionsModule {}
