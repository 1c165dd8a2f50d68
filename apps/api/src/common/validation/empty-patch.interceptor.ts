import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { commonError, CommonErrorCode } from '@api/common/errors';

/**
 * A PATCH that changes nothing is a client mistake, refused before any service runs (an empty update used to reach
 * TypeORM as `UPDATE … SET` with no columns). Runs after the guards, so a denied caller still gets 401/403.
 */
@Injectable()
export class EmptyPatchInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<{ method: string; body?: unknown }>();
    if (req.method === 'PATCH') {
      const body = req.body;
      const empty = body === undefined || body === null || (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
      if (empty) throw commonError(CommonErrorCode.NothingToUpdate, 'Không có thông tin nào để cập nhật.');
    }
    return next.handle();
  }
}
