/** The part of the unit tree a caller may read and change. Repositories take it on every scoped query. */
export type UnitScope =
  | { kind: 'province' }
  | { kind: 'subtree'; rootUnitId: string; path: string }
  | { kind: 'none' };

export function scopeAllowsPath(scope: UnitScope, path: string): boolean {
  if (scope.kind === 'province') return true;
  if (scope.kind === 'subtree') return path.startsWith(scope.path);
  return false;
}

/** SQL condition on a unit path column, with its parameter; `none` matches nothing. */
export function scopeCondition(scope: UnitScope, pathColumn: string, param = 'scopePath'): { sql: string; params: Record<string, string> } {
  if (scope.kind === 'province') return { sql: 'TRUE', params: {} };
  if (scope.kind === 'subtree') return { sql: `${pathColumn} LIKE :${param}`, params: { [param]: `${scope.path}%` } };
  return { sql: 'FALSE', params: {} };
}
