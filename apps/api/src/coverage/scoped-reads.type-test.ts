import type { UnitScope } from '@api/common/access';
import type { TargetRow } from '@api/targets';
import type { CoverageRepository } from './coverage.repository';

/**
 * Type-level test, checked by `npm run typecheck` (never run): every coverage read of people, units or results takes
 * a decided scope first. Each `@ts-expect-error` line must fail to compile; if one ever compiles (the scope became
 * optional, or a path string is accepted again), tsc reports the unused directive and typecheck fails.
 */
export function coverageReadsNeedAScope(repo: CoverageRepository, t: TargetRow, scope: UnitScope): void {
  const id = '00000000-0000-0000-0000-000000000000';
  // @ts-expect-error a hand-made object is not a scope
  void repo.top({ kind: 'all' });
  // @ts-expect-error unit takes the scope first
  void repo.unit(id);
  // @ts-expect-error children takes the scope first
  void repo.children(id);
  // @ts-expect-error peopleCounts takes the scope first (no root path any more)
  void repo.peopleCounts(id, '/x/', 2025);
  // @ts-expect-error peopleSeries takes the scope first
  void repo.peopleSeries(id);
  // @ts-expect-error uncoveredUnits takes the scope first
  void repo.uncoveredUnits(t, 2025);
  // @ts-expect-error missingPeople takes the scope first
  void repo.missingPeople(t, 2025, 20, 0);
  // @ts-expect-error personCoverage takes the scope first
  void repo.personCoverage(id);
  // @ts-expect-error personUnit takes the scope first
  void repo.personUnit(id);
  // @ts-expect-error testStats takes the scope first
  void repo.testStats([id], 2025, 2025);
  // @ts-expect-error scores takes the scope first
  void repo.scores(2025, 2025, 'low', 20, 0);
  // @ts-expect-error unitFacts takes the scope, not a root path
  void repo.unitFacts('/x/');
  // @ts-expect-error countsOfTargets takes a subtree scope first
  void repo.countsOfTargets([{ targetId: id, year: 2025, kind: 'people' }]);
  // @ts-expect-error unitLevelsByChild takes a subtree scope, not any scope
  void repo.unitLevelsByChild(scope);

  void repo.top(scope);
  void repo.unit(scope, id);
  void repo.children(scope, id);
  void repo.peopleCounts(scope, id, 2025);
  void repo.peopleSeries(scope, id);
  void repo.uncoveredUnits(scope, t, 2025);
  void repo.missingPeople(scope, t, 2025, 20, 0);
  void repo.personCoverage(scope, id);
  void repo.personUnit(scope, id);
  void repo.testStats(scope, [id], 2025, 2025);
  void repo.scores(scope, 2025, 2025, 'low', 20, 0);
  void repo.unitFacts(scope);
  if (scope.kind === 'subtree') {
    void repo.countsOfTargets(scope, [{ targetId: id, year: 2025, kind: 'units' }]);
    void repo.unitLevelsByChild(scope);
  }
}
