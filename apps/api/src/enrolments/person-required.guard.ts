import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthUser } from '@api/common/auth';
import { noPerson } from './enrolments.exception';

/**
 * Learner routes act on the caller's own person. An account without one (an administrator, an author from another
 * office) is refused here, before the request is validated, so it learns nothing about what the route expects.
 */
@Injectable()
export class PersonRequiredGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user?.personId) throw noPerson();
    return true;
  }
}
