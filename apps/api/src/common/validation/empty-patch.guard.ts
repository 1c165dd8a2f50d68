import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { commonError, CommonErrorCode } from '@api/common/errors';

/**
 * A PATCH that changes nothing is a client mistake, refused before any service runs (an empty update used to reach
 * TypeORM as `UPDATE … SET` with no columns). A global guard registered after AccessGuard, so a denied caller still
 * gets 401/403 first. (It was an interceptor: any global interceptor puts every request of the API, the answer save
 * included, through Nest's RxJS pipeline.)
 */
@Injectable()
export class EmptyPatchGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<{ method: string; body?: unknown }>();
    if (req.method === 'PATCH') {
      const body = req.body;
      const empty = body === undefined || body === null || (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
      if (empty) throw commonError(CommonErrorCode.NothingToUpdate, 'Không có thông tin nào để cập nhật.');
    }
    return true;
  }
}
