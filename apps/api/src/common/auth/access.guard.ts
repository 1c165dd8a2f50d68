import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { roleHasPermission } from '@cchc/shared';
import { forbidden, unauthenticated } from '@api/common/errors';
import { ACCESS_POLICY, AccessPolicy } from './access-policy.decorator';
import type { AuthUser } from './auth-user';
import { bearerToken, VerifiedTokens } from './verified-tokens';

/** Global guard: verifies the bearer token (passport-jwt) and the route's declared permission. */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly verified = new VerifiedTokens();

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) throw forbidden('Địa chỉ này chưa được khai báo quyền truy cập.');
    // An LRS route is authenticated by LrsClientGuard on its controller (Basic credentials of an LRS client).
    if (policy.kind === 'public' || policy.kind === 'lrs_client') return true;
    const request = context.switchToHttp().getRequest<{ user: AuthUser; headers: Record<string, unknown> }>();
    const token = bearerToken(request.headers.authorization);
    const known = token ? this.verified.get(token, Date.now()) : null;
    if (known) request.user = known;
    else {
      await super.canActivate(context);
      if (token) this.verified.remember(token, request.user);
    }
    const user = request.user;
    if (policy.kind === 'permission' && !roleHasPermission(user.role, policy.permission)) throw forbidden();
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) {
      throw unauthenticated();
    }
    return user;
  }
}
