import { compareVi, foldVietnamese, type UnitDto } from '@cchc/shared';

export interface UnitNode {
  unit: UnitDto;
  children: UnitNode[];
  depth: number;
}

const byName = (a: UnitNode, b: UnitNode) => compareVi(a.unit.name, b.unit.name);

/**
 * Builds the tree from the flat list. Roots are units without a parent *in the list*: a unit officer's
 * subtree root has a parent outside their scope.
 */
export function buildUnitTree(units: readonly UnitDto[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const unit of units) nodes.set(unit.id, { unit, children: [], depth: 0 });
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const setDepth = (list: UnitNode[], depth: number) => {
    list.sort(byName);
    for (const node of list) {
      node.depth = depth;
      setDepth(node.children, depth + 1);
    }
  };
  setDepth(roots, 0);
  return roots;
}

/** Units in tree order (parent before children), for selects; each with its depth for indentation. */
export function flattenTree(roots: readonly UnitNode[]): UnitNode[] {
  const out: UnitNode[] = [];
  const walk = (list: readonly UnitNode[]) => {
    for (const node of list) {
      out.push(node);
      walk(node.children);
    }
  };
  walk(roots);
  return out;
}

export function unitMatches(unit: UnitDto, foldedQuery: string): boolean {
  return foldVietnamese(unit.name).includes(foldedQuery) || foldVietnamese(unit.code).includes(foldedQuery);
}

/**
 * For a search: the ids to show (matches and their ancestors, so a match keeps its context)
 * and the ids to open (the ancestors). Null when the query is empty.
 */
export function searchTree(
  roots: readonly UnitNode[],
  query: string,
): { visible: Set<string>; open: Set<string>; matches: Set<string> } | null {
  const folded = foldVietnamese(query);
  if (!folded) return null;
  const visible = new Set<string>();
  const open = new Set<string>();
  const matches = new Set<string>();
  const walk = (node: UnitNode): boolean => {
    let anyChild = false;
    for (const child of node.children) if (walk(child)) anyChild = true;
    const self = unitMatches(node.unit, folded);
    if (self) matches.add(node.unit.id);
    if (anyChild) open.add(node.unit.id);
    if (self || anyChild) visible.add(node.unit.id);
    return self || anyChild;
  };
  roots.forEach(walk);
  return { visible, open, matches };
}

/** Indents an option label in a <select>, where CSS padding does not apply. */
export function indentLabel(node: UnitNode): string {
  return `${'\u00a0\u00a0\u00a0'.repeat(node.depth)}${node.unit.name} (${node.unit.code})`;
}
