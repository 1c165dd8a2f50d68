import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { roleHasPermission } from '@cchc/shared';
import { commonError, CommonErrorCode, forbidden, unauthenticated } from '@api/common/errors';
import { AppSecrets } from '@api/common/settings';
import { ACCESS_POLICY, AccessPolicy, PASSWORD_CHANGE_PENDING_ALLOWED } from './access-policy.decorator';
import type { AccessTokenPayload, AuthUser } from './auth-user';
import { SessionRevocations } from './session-revocations';
import { bearerToken, VerifiedTokens } from './verified-tokens';

/**
 * Global guard: verifies the bearer token (HS256 with the instance's secret), that its session was not ended
 * (sign-out, password change or reset, disabled account, stolen refresh token), that an issued password was changed,
 * and the route's permission. Every route declares a policy; one without is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly verified = new VerifiedTokens();
  private readonly jwt = new JwtService();

  constructor(
    private readonly reflector: Reflector,
    private readonly secrets: AppSecrets,
    private readonly sessions: SessionRevocations,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, targets);
    if (!policy) throw forbidden('Địa chỉ này chưa được khai báo quyền truy cập.');
    // An LRS route is authenticated by LrsClientGuard on its controller (Basic credentials of an LRS client).
    if (policy.kind === 'public' || policy.kind === 'lrs_client') return true;
    const request = context.switchToHttp().getRequest<{ user: AuthUser; headers: Record<string, unknown> }>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthenticated();
    const user = this.verified.get(token, Date.now()) ?? this.verify(token);
    request.user = user;
    if (!this.sessions.accepts(user.id, user.tokenVersion)) throw unauthenticated();
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_PENDING_ALLOWED, targets)) {
      throw commonError(CommonErrorCode.PasswordChangeRequired, 'Bạn cần đổi mật khẩu được cấp trước khi tiếp tục.');
    }
    if (policy.kind === 'permission' && !roleHasPermission(user.role, policy.permission)) throw forbidden();
    return true;
  }

  /** Verifies once per token; the result is remembered until the token's exp (see VerifiedTokens). */
  private verify(token: string): AuthUser {
    let payload: AccessTokenPayload & { exp?: unknown };
    try {
      // A KeyObject, not the string: see AppSecrets.jwtKey (token verification is on every request's path).
      payload = this.jwt.verify(token, { secret: this.secrets.jwtKey as unknown as string, algorithms: ['HS256'] });
    } catch {
      throw unauthenticated();
    }
    if (typeof payload.sub !== 'string' || typeof payload.role !== 'string' || typeof payload.exp !== 'number') throw unauthenticated();
    const user: AuthUser = {
      id: payload.sub,
      username: payload.usr,
      displayName: payload.name,
      role: payload.role,
      unitId: payload.unit,
      personId: payload.person,
      tokenVersion: typeof payload.ver === 'number' ? payload.ver : 0,
      mustChangePassword: payload.mcp === true,
    };
    this.verified.remember(token, user);
    return user;
  }
}
