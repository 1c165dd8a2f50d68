import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthUser } from '@api/common/auth';
import { noPerson } from './test-rounds.exception';

/** Taking a test needs a person behind the account; refused before the request body is even validated. */
@Injectable()
export class RequirePersonGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user?.personId) throw noPerson();
    return true;
  }
}
