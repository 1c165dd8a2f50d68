import type { DataSource } from 'typeorm';
import { PeopleRepository } from '@api/people';
import { OrgUnitsRepository } from '@api/org-units';
import { TrainingSessionsRepository } from '@api/training-sessions';
import { AssignmentsRepository } from '@api/enrolments';
import { scopeAllows, scopeChildSql, scopePersonSql, scopeReaches, scopes, scopeSql, systemScope, UnitScope } from './unit-scope';

describe('scopeSql: the one way a scope becomes SQL', () => {
  it('matches everything for all, nothing for none, and leaves the parameters alone', () => {
    const params: unknown[] = ['x'];
    expect(scopeSql(scopes.all(), 'u.path', params)).toBe('TRUE');
    expect(scopeSql(scopes.none(), 'u.path', params)).toBe('FALSE');
    expect(params).toEqual(['x']);
  });

  it('numbers its placeholder after the parameters already there', () => {
    const params: unknown[] = ['round', 42];
    expect(scopeSql(scopes.subtree('b', '/a/b/'), 'u.path', params)).toBe('u.path LIKE $3');
    expect(params).toEqual(['round', 42, '/a/b/%']);
  });

  it('also matches the units above a subtree when asked (things that reach into it)', () => {
    const params: unknown[] = [];
    expect(scopeSql(scopes.subtree('b', '/a/b/'), { path: 'au.path', orAbove: true }, params)).toBe(`(au.path LIKE $1 OR $2 LIKE au.path || '%')`);
    expect(params).toEqual(['/a/b/%', '/a/b/']);
  });

  it('turns a person scope into the person column, and into nothing where the query has no person', () => {
    const params: unknown[] = [];
    expect(scopeSql(scopes.person('p1'), { path: 'u.path', person: 'p.id' }, params)).toBe('p.id = $1::uuid');
    expect(params).toEqual(['p1']);
    expect(scopeSql(scopes.person('p1'), 'u.path', [])).toBe('FALSE');
  });

  it('escapes LIKE wildcards so a path can never act as a pattern', () => {
    const params: unknown[] = [];
    scopeSql(scopes.subtree('x', '/a_b%/'), 'u.path', params);
    expect(params).toEqual(['/a\\_b\\%/%']);
  });
});

describe('scopePersonSql: a scope over a person column', () => {
  it('is TRUE / FALSE / the person for all, none and a person scope, without a join', () => {
    const params: unknown[] = ['x'];
    expect(scopePersonSql(scopes.all(), 'a.person_id', params)).toBe('TRUE');
    expect(scopePersonSql(scopes.none(), 'a.person_id', params)).toBe('FALSE');
    expect(scopePersonSql(scopes.person('p1'), 'a.person_id', params)).toBe('a.person_id = $2::uuid');
    expect(params).toEqual(['x', 'p1']);
  });

  it("looks a subtree up through the person's unit", () => {
    const params: unknown[] = [];
    expect(scopePersonSql(scopes.subtree('b', '/a/b/'), 'a.person_id', params)).toBe(
      'EXISTS (SELECT 1 FROM person sp JOIN org_unit su ON su.id = sp.unit_id WHERE sp.id = a.person_id AND su.path LIKE $1)',
    );
    expect(params).toEqual(['/a/b/%']);
  });
});

describe('scopeChildSql: grouping rows by the child of the scope root', () => {
  it('numbers its placeholder after the parameters already there and takes the part below the root', () => {
    const params: unknown[] = ['survey'];
    expect(scopeChildSql(scopes.subtree('b', '/a/b/'), 'u.path', params)).toBe(`split_part(substr(u.path, length($2::text) + 1), '/', 1)`);
    expect(params).toEqual(['survey', '/a/b/']);
  });

  it('groups the whole tree by its top units, and a scope without units under the root itself', () => {
    const params: unknown[] = [];
    expect(scopeChildSql(scopes.all(), 'u.path', params)).toBe(`split_part(u.path, '/', 2)`);
    expect(scopeChildSql(scopes.none(), 'u.path', params)).toBe(`''`);
    expect(scopeChildSql(scopes.person('p'), 'u.path', params)).toBe(`''`);
    expect(params).toEqual([]);
  });
});

describe('scopeAllows / scopeReaches: the in-memory check of one object', () => {
  const sub = scopes.subtree('b', '/a/b/');
  it.each([
    ['all', scopes.all(), '/z/', true],
    ['none', scopes.none(), '/a/b/', false],
    ['inside a subtree', sub, '/a/b/c/', true],
    ['the subtree root', sub, '/a/b/', true],
    ['a sibling with a longer id', sub, '/a/bb/', false],
    ['above a subtree', sub, '/a/', false],
  ])('%s', (_name, scope, unitPath, expected) => {
    expect(scopeAllows(scope, { unitPath })).toBe(expected);
  });

  it('a person scope allows that person only, wherever they work', () => {
    expect(scopeAllows(scopes.person('p1'), { unitPath: '/q/', personId: 'p1' })).toBe(true);
    expect(scopeAllows(scopes.person('p1'), { unitPath: '/q/', personId: 'p2' })).toBe(false);
    expect(scopeAllows(scopes.person('p1'), { unitPath: '/q/' })).toBe(false);
  });

  it('reaches units above a subtree but not beside it', () => {
    expect(scopeReaches(sub, '/a/')).toBe(true);
    expect(scopeReaches(sub, '/a/b/c/')).toBe(true);
    expect(scopeReaches(sub, '/a/c/')).toBe(false);
    expect(scopeReaches(systemScope(), '/a/c/')).toBe(true);
  });
});

/**
 * Type-level: checked by `npm run typecheck` (apps/api/tsconfig.app.json includes this file). Each line marked
 * `@ts-expect-error` must fail to compile — if one ever compiles, tsc reports the unused directive and typecheck fails.
 * Never called: the repositories are not connected to anything here.
 */
export function scopedRepositoriesCannotBeCalledWithoutAScope(db: DataSource, scope: UnitScope): void {
  const people = new PeopleRepository(db);
  const units = new OrgUnitsRepository(db);
  const sessions = new TrainingSessionsRepository(db);
  const assignments = new AssignmentsRepository(db);
  const filter = {};

  // @ts-expect-error the scope is a required argument
  void people.list(filter, 1, 20);
  // @ts-expect-error a hand-made object is not a scope: only AccessService (or systemScope) decides one
  void people.list({ kind: 'all' }, filter, 1, 20);
  // @ts-expect-error nor is a hand-made subtree
  void units.listWithOwnCounts({ kind: 'subtree', rootUnitId: 'x', path: '/x/' }, false);
  // @ts-expect-error the scope is a required argument
  void sessions.list();
  // @ts-expect-error the scope is a required argument
  void sessions.candidates();
  // @ts-expect-error the scope is a required argument
  void assignments.list();
  // @ts-expect-error a person's unit history takes the scope first
  void people.unitHistory('p');
  // @ts-expect-error a person's status history takes the scope first
  void people.statusHistory('p');
  // @ts-expect-error a person's account takes the scope first
  void people.linkedUser('p');
  // @ts-expect-error checking an assignment's people takes the scope (no unit path) first
  void assignments.countPeopleInside(['p'], '/x/', db.manager);
  // @ts-expect-error a session's attendees take the scope first
  void sessions.attendance('s');

  // With a decided scope, each compiles.
  void people.list(scope, filter, 1, 20);
  void units.listWithOwnCounts(scope, false);
  void sessions.list(scope);
  void assignments.list(scopes.none());
  void people.unitHistory(scope, 'p');
  void people.statusHistory(scope, 'p');
  void people.linkedUser(scope, 'p');
  void sessions.attendance(scope, 's');
  void assignments.countPeopleInside(scope, ['p'], db.manager);
}
