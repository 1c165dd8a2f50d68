import type { UnitScope } from '@api/common/access';
import type { AccountsRepository } from './accounts.repository';

/**
 * Type-level test, checked by `npm run typecheck` (never run): reading a person's account takes a decided scope first.
 * Each `@ts-expect-error` line must fail to compile; if one ever compiles, typecheck fails.
 */
export function accountReadsNeedAScope(repo: AccountsRepository, scope: UnitScope): void {
  const id = '00000000-0000-0000-0000-000000000000';
  // @ts-expect-error accountOfPerson takes the scope first
  void repo.accountOfPerson(id);
  // @ts-expect-error peopleOfSubtree takes the scope first
  void repo.peopleOfSubtree('/x/');

  void repo.accountOfPerson(scope, id);
  void repo.peopleOfSubtree(scope, '/x/');
}
