import type { EntityManager } from 'typeorm';
import type { UnitScope } from '@api/common/access';
import type { RemindersRepository } from './reminders.repository';

/**
 * Type-level test, checked by `npm run typecheck` (never run): even the daily job's reads of people take a decided
 * scope (it passes systemScope()). Each `@ts-expect-error` line must fail to compile; if one ever compiles, typecheck
 * fails.
 */
export function reminderReadsNeedAScope(repo: RemindersRepository, tx: EntityManager, scope: UnitScope): void {
  const now = new Date();
  // @ts-expect-error assignmentsDue takes the scope first
  void repo.assignmentsDue(now, 7, tx);
  // @ts-expect-error remedialDue takes the scope first
  void repo.remedialDue(now, 3, tx);
  // @ts-expect-error learners takes the scope first
  void repo.learners(tx);
  // @ts-expect-error byRole takes the scope first
  void repo.byRole('coordinator', tx);

  void repo.assignmentsDue(scope, now, 7, tx);
  void repo.remedialDue(scope, now, 3, tx);
  void repo.learners(scope, tx);
  void repo.byRole(scope, 'coordinator', tx);
}
