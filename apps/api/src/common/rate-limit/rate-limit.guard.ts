import { applyDecorators, CanActivate, ExecutionContext, Global, Inject, Injectable, Module, OnModuleDestroy, OnModuleInit, SetMetadata, UseGuards } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig, type RateLimitBucket } from '@api/config';
import { RetryLaterException } from '@api/common/errors';
import { RateLimitRepository } from './rate-limit.repository';

const RATE_LIMIT_BUCKET = 'cchc:rate-limit-bucket';

/**
 * Limits how often one client address may call the route (limits from AppConfig). Runs before `guards`, so a refused
 * request costs one small statement and never a password hash.
 */
export const RateLimit = (bucket: RateLimitBucket, ...guards: Type<CanActivate>[]) =>
  applyDecorators(SetMetadata(RATE_LIMIT_BUCKET, bucket), UseGuards(RateLimitGuard, ...guards));

const tooManyRequests = (seconds: number) =>
  new RetryLaterException(429, 'TOO_MANY_REQUESTS', `Có quá nhiều yêu cầu từ địa chỉ của bạn. Vui lòng thử lại sau ${seconds} giây.`, seconds);

@Injectable()
export class RateLimitGuard implements CanActivate, OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly reflector: Reflector,
    private readonly repo: RateLimitRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const longest = Math.max(...Object.values(this.config.rateLimits).map((l) => l.windowSeconds));
    this.timer = setInterval(() => void this.repo.prune(longest + 60).catch(() => undefined), 5 * 60_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.get<RateLimitBucket | undefined>(RATE_LIMIT_BUCKET, context.getHandler());
    if (!bucket) return true;
    const limit = this.config.rateLimits[bucket];
    // Fastify's request.ip honours X-Forwarded-For only from the proxies TRUST_PROXY names.
    const ip = context.switchToHttp().getRequest<{ ip?: string }>().ip ?? 'unknown';
    const { hits, secondsLeft } = await this.repo.hit(bucket, ip.slice(0, 64), limit.windowSeconds);
    if (hits > limit.max) throw tooManyRequests(Math.max(1, Math.ceil(secondsLeft)));
    return true;
  }
}

@Global()
@Module({ providers: [RateLimitRepository, RateLimitGuard], exports: [RateLimitRepository, RateLimitGuard] })
export class RateLimitModule {}
