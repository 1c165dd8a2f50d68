import type { EntityManager } from 'typeorm';
import type { UnitScope } from '@api/common/access';
import type { AttemptsRepository } from './attempts.repository';
import type { ItemStatsRepository } from './item-stats.repository';
import type { RemedialRepository } from './remedial.repository';
import type { ResultsRepository } from './results.repository';
import type { TestRound } from './test-round.entity';
import type { TestRoundsRepository } from './test-rounds.repository';

/**
 * Type-level test, checked by `npm run typecheck` (never run): the reads of results, attempts, per-topic scores and
 * item statistics and remedial assignments cannot be called without a decided scope. Each `@ts-expect-error` line must fail to compile; if one
 * ever compiles, tsc reports the unused directive. (The same proof for people, units, sessions and assignments is in
 * common/access/unit-scope.spec.ts.)
 */
export function resultReadsNeedAScope(
  results: ResultsRepository,
  attempts: AttemptsRepository,
  items: ItemStatsRepository,
  rounds: TestRoundsRepository,
  remedial: RemedialRepository,
  testRound: TestRound,
  tx: EntityManager,
  scope: UnitScope,
): void {
  const round = '00000000-0000-0000-0000-000000000000';
  // @ts-expect-error resultOf takes the scope first
  void results.resultOf(round, round);
  // @ts-expect-error a hand-made object is not a scope
  void results.resultOf({ kind: 'all' }, round, round);
  // @ts-expect-error resultsInScope takes the scope first
  void results.resultsInScope(round, null);
  // @ts-expect-error topicScores takes the scope first
  void results.topicScores(round, []);
  // @ts-expect-error attemptsByIds takes the scope first
  void attempts.attemptsByIds([round]);
  // @ts-expect-error itemStats takes the scope first
  void items.itemStats(round);
  // @ts-expect-error discrimination takes the scope first
  void items.discrimination(round);
  // @ts-expect-error the audience count takes the scope first
  void rounds.audienceCountInScope({ audience: { unitId: null, categories: [], doesCchcWork: null, isLeader: null }, provinceId: null });

  // @ts-expect-error the audience's people take the scope first
  void rounds.audiencePersonIds({ audience: { unitId: null, categories: [], doesCchcWork: null, isLeader: null }, provinceId: null });
  // @ts-expect-error the learner's rounds take the scope first
  void results.myRounds(round);
  // @ts-expect-error the attempt summary takes the scope first
  void attempts.attemptSummary(testRound, round);
  // @ts-expect-error a remedial assignment is read with the scope first
  void remedial.find(round, round);
  // @ts-expect-error ofPerson takes the scope first
  void remedial.ofPerson(round, null);
  // @ts-expect-error ofRound takes the scope first
  void remedial.ofRound(round, [round]);
  // @ts-expect-error items takes the scope first
  void remedial.items([round]);
  // @ts-expect-error finishedWithLesson takes the scope first
  void remedial.finishedWithLesson(round, round, tx);

  void results.resultOf(scope, round, round);
  void results.myRounds(scope, round);
  void rounds.audiencePersonIds(scope, { audience: { unitId: null, categories: [], doesCchcWork: null, isLeader: null }, provinceId: null });
  void attempts.attemptSummary(scope, testRound, round);
  void remedial.find(scope, round, round);
  void remedial.ofPerson(scope, round, null);
  void remedial.ofRound(scope, round, [round]);
  void remedial.items(scope, [round]);
  void remedial.finishedWithLesson(scope, round, round, tx);
  void results.resultsInScope(scope, round, null);
  void results.topicScores(scope, round, []);
  void attempts.attemptsByIds(scope, [round]);
  void items.itemStats(scope, round);
  void items.discrimination(scope, round);
  void rounds.audienceCountInScope(scope, { audience: { unitId: null, categories: [], doesCchcWork: null, isLeader: null }, provinceId: null });
}
