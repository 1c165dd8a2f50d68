import { roleHasPermission, type Permission } from '@cchc/shared';
import { useCurrentUser } from './use-me';

export function useCan(permission: Permission): boolean {
  return roleHasPermission(useCurrentUser().role, permission);
}
