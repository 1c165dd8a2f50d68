import type { UnitScope } from '@api/common/access';
import type { ReportsRepository } from './reports.repository';

/**
 * Type-level test, checked by `npm run typecheck` (never run): the report's reads of people and units take a decided
 * scope first. Each `@ts-expect-error` line must fail to compile; if one ever compiles, typecheck fails.
 */
export function reportReadsNeedAScope(repo: ReportsRepository, scope: UnitScope): void {
  const id = '00000000-0000-0000-0000-000000000000';
  // @ts-expect-error directorOfHomeAffairs takes the scope first
  void repo.directorOfHomeAffairs(id);
  // @ts-expect-error unitName takes the scope first
  void repo.unitName(id);
  // @ts-expect-error provinceName takes the scope first
  void repo.provinceName('/x/');
  // @ts-expect-error a hand-made object is not a scope
  void repo.provinceName({ kind: 'all' }, '/x/');

  void repo.directorOfHomeAffairs(scope, id);
  void repo.unitName(scope, id);
  void repo.provinceName(scope, '/x/');
}
