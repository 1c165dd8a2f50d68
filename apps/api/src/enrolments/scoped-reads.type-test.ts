import type { UnitScope } from '@api/common/access';
import type { EntityManager } from 'typeorm';
import type { EnrolmentsRepository } from './enrolments.repository';

/**
 * Type-level test, checked by `npm run typecheck` (never run): every read of a person's enrolments, progress and
 * completions takes a decided scope first. Each `@ts-expect-error` line must fail to compile; if one ever compiles
 * (the scope became optional), tsc reports the unused directive and typecheck fails.
 */
export function enrolmentReadsNeedAScope(repo: EnrolmentsRepository, tx: EntityManager, scope: UnitScope): void {
  const id = '00000000-0000-0000-0000-000000000000';
  // @ts-expect-error learnerFacts takes the scope first
  void repo.learnerFacts(id, [id]);
  // @ts-expect-error a hand-made object is not a scope
  void repo.learnerFacts({ kind: 'person', personId: id }, id);
  // @ts-expect-error completedLessonIds takes the scope first
  void repo.completedLessonIds(id, id, tx);
  // @ts-expect-error findCompletion takes the scope first
  void repo.findCompletion(id, id);
  // @ts-expect-error personSnapshot takes the scope first
  void repo.personSnapshot(id, tx);
  // @ts-expect-error provinceOf takes the scope first
  void repo.provinceOf(id);
  // @ts-expect-error hasHistory takes the scope first
  void repo.hasHistory(id, id);
  // @ts-expect-error myCourseIds takes the scope first
  void repo.myCourseIds(id);

  void repo.learnerFacts(scope, id, [id]);
  void repo.completedLessonIds(scope, id, id, tx);
  void repo.findCompletion(scope, id, id);
  void repo.personSnapshot(scope, id, tx);
  void repo.provinceOf(scope, id);
  void repo.hasHistory(scope, id, id);
  void repo.myCourseIds(scope, id);
}
