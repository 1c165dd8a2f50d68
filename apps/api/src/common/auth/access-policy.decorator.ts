import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Permission } from '@cchc/shared';
import type { AuthUser } from './auth-user';

export const ACCESS_POLICY = 'cchc:access-policy';

/** Every route declares exactly one policy; a route without one is refused (fail closed). */
export type AccessPolicy =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'permission'; permission: Permission }
  /** xAPI clients with HTTP Basic credentials (not user tokens); the LRS's own guard checks them and their scope. */
  | { kind: 'lrs_client' };

export const Public = () => SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy);
export const Authenticated = () => SetMetadata(ACCESS_POLICY, { kind: 'authenticated' } satisfies AccessPolicy);
export const LrsClientOnly = () => SetMetadata(ACCESS_POLICY, { kind: 'lrs_client' } satisfies AccessPolicy);
export const RequirePermission = (permission: Permission) =>
  SetMetadata(ACCESS_POLICY, { kind: 'permission', permission } satisfies AccessPolicy);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
