import { BadRequestException, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

/** passport-local, after checking the body's shape: a missing field is a 400, not a vague 401. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    const body = context.switchToHttp().getRequest<{ body?: Record<string, unknown> }>().body;
    const ok = (v: unknown, max: number) => typeof v === 'string' && v.length > 0 && v.length <= max;
    if (!body || typeof body !== 'object' || !ok(body.username, 60) || !ok(body.password, 128)) {
      throw new BadRequestException({ code: 'VALIDATION_FAILED', message: 'Vui lòng nhập tên đăng nhập và mật khẩu.' });
    }
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    return user;
  }
}
