import type { usersAdminVi } from './users-admin';

/** English texts, in their own module so the Vietnamese-first main bundle does not carry them. */
export const usersAdminEn: Record<keyof typeof usersAdminVi, string> = {
  'users.disable': 'Disable',
  'users.enable': 'Enable again',
  'users.disabled': 'Disabled',
  'users.disableTitle': 'Disable the account “{username}”?',
  'users.disableHelp': 'The user is signed out at once on every device and cannot sign in until the account is enabled again. Their learning and test results are kept.',
  'users.enableTitle': 'Enable the account “{username}” again?',
  'users.enableHelp': 'The user can sign in again with their current password.',
  'users.disabledDone': 'The account “{username}” is disabled.',
  'users.enabledDone': 'The account “{username}” is enabled again.',
};
