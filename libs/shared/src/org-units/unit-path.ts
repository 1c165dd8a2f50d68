/**
 * Materialized paths: a unit's path is its ancestors' ids and its own, each followed by '/',
 * e.g. "/a/b/c/". "Unit X and everything below" is then `path LIKE X.path || '%'`: one indexed range scan.
 */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function isWithin(path: string, scopePath: string): boolean {
  return path.startsWith(scopePath);
}

export function depthOf(path: string): number {
  return path.split('/').filter(Boolean).length;
}

export function ancestorIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** A unit cannot move under itself or any of its descendants. */
export function canMoveUnder(unitPath: string, newParentPath: string): boolean {
  return !newParentPath.startsWith(unitPath);
}

/** The new path of a unit (or any descendant) when the subtree rooted at oldRoot moves to newRoot. */
export function rebasePath(path: string, oldRootPath: string, newRootPath: string): string {
  if (!path.startsWith(oldRootPath)) throw new Error(`path ${path} is not under ${oldRootPath}`);
  return newRootPath + path.slice(oldRootPath.length);
}

/**
 * Adds each unit's own count to itself and to all its ancestors: the "this unit and everything below" totals of
 * a whole tree in one pass, O(units × depth). Units whose ancestors are not listed still count for themselves.
 */
export function subtreeTotals(units: { id: string; path: string }[], ownCount: Map<string, number>): Map<string, number> {
  const totals = new Map<string, number>(units.map((u) => [u.id, 0]));
  for (const unit of units) {
    const own = ownCount.get(unit.id) ?? 0;
    if (!own) continue;
    for (const ancestorId of ancestorIds(unit.path)) {
      if (totals.has(ancestorId)) totals.set(ancestorId, totals.get(ancestorId)! + own);
    }
  }
  return totals;
}
