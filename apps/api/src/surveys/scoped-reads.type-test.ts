import type { UnitScope } from '@api/common/access';
import type { SurveysRepository } from './surveys.repository';

/**
 * Type-level test, checked by `npm run typecheck` (never run): the survey reads of people and responses take a decided
 * scope first. Each `@ts-expect-error` line must fail to compile; if one ever compiles, typecheck fails.
 */
export function surveyReadsNeedAScope(repo: SurveysRepository, scope: UnitScope): void {
  const id = '00000000-0000-0000-0000-000000000000';
  const now = new Date();
  // @ts-expect-error list takes the scope
  void repo.list();
  // @ts-expect-error findInScope takes the scope first
  void repo.findInScope(id, scope);
  // @ts-expect-error forPerson takes the scope first
  void repo.forPerson(id, now);
  // @ts-expect-error personInfo takes the scope first
  void repo.personInfo(id);
  // @ts-expect-error attended takes the scope first
  void repo.attended(id, id);
  // @ts-expect-error responses takes the scope first (no root path any more)
  void repo.responses(id, '/x/');

  void repo.list(scope);
  void repo.findInScope(scope, id);
  void repo.forPerson(scope, id, now);
  void repo.personInfo(scope, id);
  void repo.attended(scope, id, id);
  void repo.responses(scope, id);
}
