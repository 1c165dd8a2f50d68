/**
 * The part of the unit tree (and which person) a query may read. A repository method that reads person-, unit- or
 * result-level data takes a `UnitScope` as a required argument, and turns it into SQL with `scopeSql` only.
 *
 * The type is branded: an object literal such as `{ kind: 'all' }` is not a scope, so a scope can only come from
 * `AccessService` (what the caller may see) or, for work that runs on nobody's behalf (jobs, the demo seed), from
 * `systemScope()`, which says so at the call site. Leaving the argument out does not compile either
 * (see unit-scope.spec.ts).
 */
declare const decided: unique symbol;
type Decided<T> = T & { readonly [decided]: true };

export type UnitScope =
  /** Every unit of every province: the national level, an administrator, a background job. */
  | Decided<{ kind: 'all' }>
  /** One unit and everything below it (a province for its coordinator, a unit for its officer). */
  | Decided<{ kind: 'subtree'; rootUnitId: string; path: string }>
  /** One person's own data (a learner reading their results), wherever they work. */
  | Decided<{ kind: 'person'; personId: string }>
  /** Nothing at all. */
  | Decided<{ kind: 'none' }>;

const brand = <T>(s: T) => s as Decided<T>;

export const scopes = {
  all: (): UnitScope => brand({ kind: 'all' as const }),
  subtree: (rootUnitId: string, path: string): UnitScope => brand({ kind: 'subtree' as const, rootUnitId, path }),
  person: (personId: string): UnitScope => brand({ kind: 'person' as const, personId }),
  none: (): UnitScope => brand({ kind: 'none' as const }),
};

/** For work done on nobody's behalf (scheduled jobs, the demo seed, notifications to an audience): everything. */
export function systemScope(): UnitScope {
  return scopes.all();
}

/** Whether a unit path (and, for a person scope, the person) lies in the scope: the one in-memory check. */
export function scopeAllows(scope: UnitScope, target: { unitPath: string; personId?: string | null }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'subtree':
      return target.unitPath.startsWith(scope.path);
    case 'person':
      return !!target.personId && target.personId === scope.personId;
    case 'none':
      return false;
  }
}

/**
 * Whether something placed at a unit reaches into the scope: it lies in the scope or above it (an assignment made for
 * the whole province reaches every unit officer in it).
 */
export function scopeReaches(scope: UnitScope, unitPath: string): boolean {
  return scope.kind === 'subtree' ? unitPath.startsWith(scope.path) || scope.path.startsWith(unitPath) : scopeAllows(scope, { unitPath });
}

/**
 * The columns a scoped query exposes: the unit path it filters on, the person id (for a person scope), and
 * `orAbove` to also match units above a subtree scope (see scopeReaches).
 */
export interface ScopeColumns {
  path: string;
  person?: string;
  orAbove?: boolean;
}

/**
 * The one way a scope becomes SQL: a condition on the given columns, its values appended to `params` as `$n`
 * placeholders. `all` is TRUE, `none` FALSE; a person scope needs a person column (a query without one matches nothing).
 */
export function scopeSql(scope: UnitScope, columns: ScopeColumns | string, params: unknown[]): string {
  const cols = typeof columns === 'string' ? { path: columns } : columns;
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'subtree': {
      params.push(`${escapeLike(scope.path)}%`);
      const inside = `${cols.path} LIKE $${params.length}`;
      if (!cols.orAbove) return inside;
      params.push(scope.path);
      return `(${inside} OR $${params.length} LIKE ${cols.path} || '%')`;
    }
    case 'person':
      if (!cols.person) return 'FALSE';
      params.push(scope.personId);
      return `${cols.person} = $${params.length}::uuid`;
    case 'none':
      return 'FALSE';
  }
}

/**
 * `scopeSql` for a query that knows a person id but not their unit (enrolments, remedial items, attempts): the person
 * must lie in the scope. Costs nothing for `all`, `none` and a person scope; a subtree looks the person's unit up.
 */
export function scopePersonSql(scope: UnitScope, personColumn: string, params: unknown[]): string {
  if (scope.kind !== 'subtree') return scopeSql(scope, { path: 'NULL', person: personColumn }, params);
  return `EXISTS (SELECT 1 FROM person sp JOIN org_unit su ON su.id = sp.unit_id WHERE sp.id = ${personColumn} AND ${scopeSql(scope, 'su.path', params)})`;
}

/**
 * Grouping, not filtering: the child of the scope's root that a unit path falls under, as SQL ('' for the root
 * itself). For the whole tree the children are the top units; a scope without units has none. Pair it with
 * `scopeSql`, which decides the rows.
 */
export function scopeChildSql(scope: UnitScope, pathColumn: string, params: unknown[]): string {
  if (scope.kind === 'all') return `split_part(${pathColumn}, '/', 2)`;
  if (scope.kind !== 'subtree') return `''`;
  params.push(scope.path);
  return `split_part(substr(${pathColumn}, length($${params.length}::text) + 1), '/', 1)`;
}

/** Unit paths are ids and slashes, so nothing needs escaping today; kept so a path can never act as a pattern. */
function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, (c) => `\\${c}`);
}

/**
 * Which content (targets, topics, questions, test rounds) a caller may see. Content belongs to one province
 * (`province_id`) or to the nation (`province_id` NULL, applies to every province). Like `UnitScope` it is branded and
 * comes only from `AccessService.contentScopeOf` (or `systemContentScope()` for jobs), and becomes SQL in one place,
 * `contentSql`, so the province filter composes with the unit scope instead of being a second mechanism.
 */
export type ContentScope =
  /** Every province's content and the nation's: the national level, an administrator, a background job. */
  | Decided<{ kind: 'all' }>
  /** One province's own content and the nation's. */
  | Decided<{ kind: 'province'; provinceId: string }>
  /** The nation's content only (an account that belongs to no province). */
  | Decided<{ kind: 'national' }>;

export const contentScopes = {
  all: (): ContentScope => brand({ kind: 'all' as const }),
  province: (provinceId: string): ContentScope => brand({ kind: 'province' as const, provinceId }),
  national: (): ContentScope => brand({ kind: 'national' as const }),
};

/** What content made by `owner` (a province, or null: the nation) may refer to: its own province's and the nation's. */
export function ownerContentScope(owner: string | null): ContentScope {
  return owner ? contentScopes.province(owner) : contentScopes.national();
}

/** For work done on nobody's behalf (scheduled jobs, the demo seed): every province's content. */
export function systemContentScope(): ContentScope {
  return contentScopes.all();
}

/** Whether content owned by `provinceId` (null: the nation) is visible in the scope: the one in-memory check. */
export function contentVisible(scope: ContentScope, provinceId: string | null): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'province':
      return provinceId === null || provinceId === scope.provinceId;
    case 'national':
      return provinceId === null;
  }
}

/** The one way a content scope becomes SQL: a condition on the content's `province_id` column, values as `$n`. */
export function contentSql(scope: ContentScope, column: string, params: unknown[]): string {
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'province':
      params.push(scope.provinceId);
      return `(${column} IS NULL OR ${column} = $${params.length}::uuid)`;
    case 'national':
      return `${column} IS NULL`;
  }
}
