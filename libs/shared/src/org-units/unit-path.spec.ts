import { ancestorIds, canMoveUnder, childPath, depthOf, isWithin, rebasePath, subtreeTotals } from './unit-path';

describe('unit paths', () => {
  const province = childPath(null, 'p');
  const dept = childPath(province, 'd');
  const office = childPath(dept, 'o');
  const commune = childPath(province, 'c');

  it('builds a path from the parent path and the own id', () => {
    expect(province).toBe('/p/');
    expect(office).toBe('/p/d/o/');
    expect(depthOf(office)).toBe(3);
    expect(ancestorIds(office)).toEqual(['p', 'd', 'o']);
  });

  it('tells whether a unit lies in a subtree, including the subtree root itself', () => {
    expect(isWithin(office, dept)).toBe(true);
    expect(isWithin(dept, dept)).toBe(true);
    expect(isWithin(commune, dept)).toBe(false);
    // a sibling whose id starts with the same letters is not inside
    expect(isWithin(childPath(province, 'dx'), dept)).toBe(false);
  });

  it('refuses to move a unit under itself or its descendants', () => {
    expect(canMoveUnder(dept, office)).toBe(false);
    expect(canMoveUnder(dept, dept)).toBe(false);
    expect(canMoveUnder(dept, commune)).toBe(true);
  });

  it('rebases every path of a moved subtree', () => {
    const newDept = childPath(commune, 'd');
    expect(rebasePath(office, dept, newDept)).toBe('/p/c/d/o/');
    expect(rebasePath(dept, dept, newDept)).toBe(newDept);
    expect(() => rebasePath(commune, dept, newDept)).toThrow();
  });

  it('sums counts up the tree', () => {
    const units = [
      { id: 'p', path: province },
      { id: 'd', path: dept },
      { id: 'o', path: office },
      { id: 'c', path: commune },
    ];
    const totals = subtreeTotals(units, new Map([['p', 1], ['d', 2], ['o', 5], ['c', 7]]));
    expect(Object.fromEntries(totals)).toEqual({ p: 15, d: 7, o: 5, c: 7 });
  });

  it('sums a partial tree (a unit officer sees only their subtree)', () => {
    const units = [
      { id: 'd', path: dept },
      { id: 'o', path: office },
    ];
    expect(Object.fromEntries(subtreeTotals(units, new Map([['o', 3]])))).toEqual({ d: 3, o: 3 });
  });
});
