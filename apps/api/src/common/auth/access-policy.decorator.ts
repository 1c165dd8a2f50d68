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

export const PASSWORD_CHANGE_PENDING_ALLOWED = 'cchc:password-change-pending-allowed';
/** The few routes an account that must change its issued password may call before it has (me, change-password). */
export const AllowedBeforePasswordChange = () => SetMetadata(PASSWORD_CHANGE_PENDING_ALLOWED, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
