import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { commonError, CommonErrorCode } from '@api/common/errors';
import type { UserAccount } from '@api/users';
import { AuthService } from './auth.service';

/**
 * Checks the body's shape (a missing field is a 400, not a vague 401), then the credentials; the signed-in account
 * lands on `request.user` for the controller. No passport here: its strategies live in one process-wide registry,
 * which two API instances in one process (the multi-node tests) would overwrite for each other.
 */
@Injectable()
export class LoginGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ body?: Record<string, unknown>; user?: UserAccount }>();
    const body = request.body;
    const ok = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
    if (!body || typeof body !== 'object' || !ok(body.username, 60) || !ok(body.password, 128)) {
      throw commonError(CommonErrorCode.ValidationFailed, 'Vui lòng nhập tên đăng nhập và mật khẩu.');
    }
    request.user = await this.auth.verifyCredentials(body.username, body.password);
    return true;
  }
}
