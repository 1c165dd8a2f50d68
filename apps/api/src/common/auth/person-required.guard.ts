import { CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { roleScope } from '@cchc/shared';
import { noPerson, outOfScope } from '@api/common/errors';
import type { AuthUser } from './auth-user';

/**
 * Routes that act on the caller's own person (learning, taking a test, answering a survey). An account without one
 * (an administrator, an author from another office) is refused here, after the access guard and before the request
 * is validated, so it learns nothing about what the route expects.
 */
@Injectable()
export class PersonRequiredGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user?.personId) throw noPerson(user);
    return true;
  }
}

/** The route needs a person behind the account: `@RequirePerson()` beside its access policy. */
export const RequirePerson = () => UseGuards(PersonRequiredGuard);

/**
 * Routes about one person or unit that a learner may call for themself and an officer for their units: an account
 * with neither a person nor any unit scope (an author) is refused before the request is validated.
 */
@Injectable()
export class PersonOrUnitScopeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user) throw noPerson();
    const scope = roleScope(user.role);
    const hasScope = scope === 'nation' || ((scope === 'province' || scope === 'unit') && !!user.unitId);
    if (!user.personId && !hasScope) throw outOfScope();
    return true;
  }
}

export const RequirePersonOrUnitScope = () => UseGuards(PersonOrUnitScopeGuard);
