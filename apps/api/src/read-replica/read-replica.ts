import { CallHandler, DynamicModule, ExecutionContext, Global, Injectable, Logger, Module, NestInterceptor, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool } from 'pg';
import { from, mergeMap, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@api/config';
import { Role } from '@cchc/shared';

export interface ReadReplicaOptions {
  /** DATABASE_READ_URL; null = every read goes to the primary. */
  url: string | null;
  /** The standby is used only while it is at most this many bytes of WAL behind (DATABASE_READ_MAX_LAG_BYTES). */
  maxLagBytes: number;
  /** How often the standby's position is checked. */
  checkEveryMs: number;
  /** Connections to the standby (the same DB_POOL_SIZE as the primary's pool). */
  poolSize: number;
}

interface ReadContext {
  userId: string | null;
  /** Reads in this request need the primary's state up to this LSN (the caller's own last write). */
  minLsn: bigint | null;
  markerLoaded: boolean;
}

const requestContext = new AsyncLocalStorage<ReadContext>();

/** "16/B374D848" → a comparable number. */
export function parseLsn(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

export type ReplicaState = 'none' | 'healthy' | 'behind' | 'down';

/**
 * Heavy reads (coverage views, reports and exports, item analysis, library search) through `query()`: sent to the
 * streaming standby at DATABASE_READ_URL while it is close behind the primary, to the primary otherwise. A user who
 * has just written reads from the primary until the standby has replayed that write (the write's LSN is kept per
 * user in the primary, so this holds whichever node took the write). A standby that falls behind or disappears only
 * sends reads back to the primary; it never fails them.
 */
@Injectable()
export class ReadReplica implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ReadReplica');
  private pool: Pool | null = null;
  private timer: NodeJS.Timeout | null = null;
  private replayLsn: bigint | null = null;
  private state: ReplicaState = 'none';
  /** Reads served by each side since start (for /api/health and the tests). */
  readonly served = { replica: 0, primary: 0 };

  constructor(
    private readonly primary: DataSource,
    private readonly options: ReadReplicaOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.url) return;
    this.pool = new Pool({ connectionString: this.options.url, max: this.options.poolSize, application_name: 'cchc-learn-read', connectionTimeoutMillis: 2000 });
    this.pool.on('error', () => undefined); // a dropped idle connection; the next check notices
    try {
      const { rows } = await this.pool.query('SELECT pg_is_in_recovery() AS standby');
      if (!rows[0].standby) throw new Error('it is not a standby (pg_is_in_recovery() is false): point it at a streaming replica of DATABASE_URL');
    } catch (e) {
      const code = (e as { code?: string }).code;
      // Wrong password, user or database, or not a standby: a setting to fix, so the node does not start.
      if (code === '28P01' || code === '28000' || code === '3D000' || !code) {
        await this.pool.end().catch(() => undefined);
        throw new Error(`DATABASE_READ_URL is not usable: ${(e as Error).message}`);
      }
      this.log.warn(`read replica unreachable at start (${(e as Error).message}); reading from the primary until it answers`);
    }
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.pool?.end().catch(() => undefined);
  }

  status(): { state: ReplicaState; served: { replica: number; primary: number } } {
    return { state: this.state, served: { ...this.served } };
  }

  /** Looks at how far behind the standby is. */
  async check(): Promise<ReplicaState> {
    if (!this.pool) return (this.state = 'none');
    try {
      const { rows } = await this.pool.query('SELECT pg_last_wal_replay_lsn()::text AS lsn');
      const replay = rows[0].lsn as string | null;
      if (!replay) throw new Error('no WAL replayed yet');
      const [{ lag }] = await this.primary.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::float8 AS lag', [replay]);
      this.replayLsn = parseLsn(replay);
      const next: ReplicaState = lag <= this.options.maxLagBytes ? 'healthy' : 'behind';
      if (next !== this.state) this.log.log(`read replica ${next} (${Math.round(lag)} bytes behind)`);
      return (this.state = next);
    } catch (e) {
      if (this.state !== 'down') this.log.warn(`read replica down (${(e as Error).message}); reading from the primary`);
      return (this.state = 'down');
    }
  }

  /** Runs a read-only statement on the standby when it may, on the primary otherwise. Rows typed as DataSource.query's. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.pool && this.state === 'healthy' && (await this.standbyHasCaller())) {
      try {
        const { rows } = await this.pool.query(sql, params);
        this.served.replica++;
        return rows as T[];
      } catch (e) {
        // Only a lost standby (a socket error, or SQLSTATE class 08 / 57P shutdown / 53 resources) falls back; a wrong
        // statement fails as it would on the primary. 40001: the standby cancelled the read to replay a conflict.
        const code = (e as { code?: string }).code ?? '';
        if (/^[0-9A-Z]{5}$/.test(code) && !/^(08|57P|53|40001)/.test(code)) throw e;
        this.state = 'down';
        this.log.warn(`read replica failed a read (${(e as Error).message}); reading from the primary`);
      }
    }
    this.served.primary++;
    return this.primary.query(sql, params);
  }

  /** The reads of this request must see the primary as it is now (e.g. right after the request itself wrote). */
  async needPrimaryState(): Promise<void> {
    const ctx = requestContext.getStore();
    if (!ctx || !this.pool) return;
    const [{ lsn }] = await this.primary.query('SELECT pg_current_wal_lsn()::text AS lsn');
    ctx.minLsn = parseLsn(lsn);
    ctx.markerLoaded = true;
  }

  /** Whether the standby has replayed the caller's last write (always true for anonymous reads). */
  private async standbyHasCaller(): Promise<boolean> {
    const ctx = requestContext.getStore();
    if (!ctx) return true;
    if (!ctx.markerLoaded && ctx.userId) {
      const rows: { lsn: string }[] = await this.primary.query('SELECT lsn::text AS lsn FROM user_last_write WHERE user_id = $1', [ctx.userId]);
      ctx.minLsn = rows[0] ? parseLsn(rows[0].lsn) : null;
      ctx.markerLoaded = true;
    }
    if (ctx.minLsn === null) return true;
    if (this.replayLsn !== null && this.replayLsn >= ctx.minLsn) return true;
    // The position checked a moment ago is too old: ask the standby once more before giving up on it.
    await this.check();
    return this.replayLsn !== null && this.replayLsn >= ctx.minLsn;
  }

  /** Records that a user wrote: until the standby replays this far, that user's heavy reads go to the primary. */
  async markWrite(userId: string): Promise<void> {
    if (!this.pool) return;
    await this.primary.query(
      `INSERT INTO user_last_write (user_id, lsn) VALUES ($1, pg_current_wal_lsn())
       ON CONFLICT (user_id) DO UPDATE SET lsn = excluded.lsn, written_at = now()`,
      [userId],
    );
  }

  get configured(): boolean {
    return this.pool !== null;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Gives each request its read context (who is calling) and, when a replica is configured, records a staff user's
 * successful write before the response leaves. Learners' writes (answers, progress) are not recorded: none of the
 * reads sent to the replica shows them, and the answer save must stay one statement.
 */
@Injectable()
export class ReadContextInterceptor implements NestInterceptor {
  constructor(private readonly replica: ReadReplica) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !this.replica.configured) return next.handle();
    const req = context.switchToHttp().getRequest<{ method: string; user?: { id?: string; role?: string } }>();
    const userId = req.user?.id ?? null;
    const store: ReadContext = { userId, minLsn: null, markerLoaded: false };
    const handled = requestContext.run(store, () => next.handle());
    if (!userId || !WRITES.has(req.method) || req.user?.role === Role.Learner) return handled;
    return handled.pipe(mergeMap((value) => from(this.replica.markWrite(userId).then(() => value))));
  }
}

export function readReplicaOptions(config: Pick<AppConfig, 'databaseReadMaxLagBytes' | 'dbPoolSize'>, url: string | null = null): ReadReplicaOptions {
  return { url, maxLagBytes: config.databaseReadMaxLagBytes, checkEveryMs: 1000, poolSize: config.dbPoolSize };
}

@Global()
@Module({})
export class ReadReplicaModule {
  static forRoot(options: ReadReplicaOptions): DynamicModule {
    return {
      module: ReadReplicaModule,
      providers: [
        { provide: ReadReplica, inject: [DataSource], useFactory: (db: DataSource) => new ReadReplica(db, options) },
        // Only with a replica: any global interceptor puts every request (the answer save included) through RxJS.
        ...(options.url ? [{ provide: APP_INTERCEPTOR, useClass: ReadContextInterceptor }] : []),
      ],
      exports: [ReadReplica],
    };
  }
}
