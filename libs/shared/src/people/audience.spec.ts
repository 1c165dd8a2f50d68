import { Audience, AudienceMember, inAudience } from './audience';

/** Every combination of a person's facts against every shape of rule: each condition on its own, then all together. */
describe('inAudience: the one audience rule', () => {
  const statuses = ['active', 'on_leave', 'retired', 'left'];
  const units = ['/p/u/', '/p/u/s/', '/p/v/', '/p/uu/'];
  const categories = ['cong_chuc', 'can_bo'];
  const flags = [true, false];
  const rules = {
    unitPath: [null, '/p/u/'],
    categories: [[], ['cong_chuc'], ['can_bo', 'vien_chuc']],
    doesCchcWork: [null, true, false],
    isLeader: [null, true, false],
    personIds: [[], ['x'], ['y', 'z']],
  } as const;

  const people: AudienceMember[] = [];
  for (const status of statuses)
    for (const unitPath of units)
      for (const category of categories)
        for (const doesCchcWork of flags) for (const isLeader of flags) for (const id of ['x', 'y']) people.push({ id, status, unitPath, category, doesCchcWork, isLeader });

  const audiences: Audience[] = [];
  for (const unitPath of rules.unitPath)
    for (const cats of rules.categories)
      for (const doesCchcWork of rules.doesCchcWork)
        for (const isLeader of rules.isLeader) for (const personIds of rules.personIds) audiences.push({ unitPath, categories: cats, doesCchcWork, isLeader, personIds });

  // Each condition, written out on its own.
  const inService = (p: AudienceMember) => p.status === 'active' || p.status === 'on_leave';
  const inUnit = (a: Audience, p: AudienceMember) => a.unitPath === null || p.unitPath === a.unitPath || p.unitPath.startsWith(a.unitPath);
  const inCategory = (a: Audience, p: AudienceMember) => a.categories.length === 0 || a.categories.includes(p.category);
  const cchc = (a: Audience, p: AudienceMember) => a.doesCchcWork === null || a.doesCchcWork === p.doesCchcWork;
  const leader = (a: Audience, p: AudienceMember) => a.isLeader === null || a.isLeader === p.isLeader;
  const chosen = (a: Audience, p: AudienceMember) => a.personIds.length === 0 || a.personIds.includes(p.id);

  it(`agrees with the conditions taken one by one on all ${people.length} × ${audiences.length} combinations`, () => {
    let included = 0;
    for (const a of audiences)
      for (const p of people) {
        const expected = inService(p) && inUnit(a, p) && inCategory(a, p) && cchc(a, p) && leader(a, p) && chosen(a, p);
        if (inAudience(a, p) !== expected) throw new Error(`${JSON.stringify(a)} × ${JSON.stringify(p)}: expected ${expected}`);
        if (expected) included++;
      }
    expect(included).toBeGreaterThan(0);
  });

  const open: Audience = { unitPath: null, categories: [], doesCchcWork: null, isLeader: null, personIds: [] };
  const someone: AudienceMember = { id: 'x', status: 'active', unitPath: '/p/u/s/', category: 'cong_chuc', doesCchcWork: true, isLeader: false };

  it('an open rule takes everyone in service, wherever they work', () => {
    expect(inAudience(open, someone)).toBe(true);
    expect(inAudience(open, { ...someone, unitPath: '/q/' })).toBe(true);
  });

  it('keeps people on leave and leaves out retired and departed people', () => {
    expect(inAudience(open, { ...someone, status: 'on_leave' })).toBe(true);
    expect(inAudience(open, { ...someone, status: 'retired' })).toBe(false);
    expect(inAudience(open, { ...someone, status: 'left' })).toBe(false);
  });

  it('takes the unit and everything below it, not a sibling whose path starts the same', () => {
    const rule = { ...open, unitPath: '/p/u/' };
    expect(inAudience(rule, { ...someone, unitPath: '/p/u/' })).toBe(true);
    expect(inAudience(rule, { ...someone, unitPath: '/p/u/s/' })).toBe(true);
    expect(inAudience(rule, { ...someone, unitPath: '/p/uu/' })).toBe(false);
    expect(inAudience(rule, { ...someone, unitPath: '/p/' })).toBe(false);
  });

  it('chosen people must still be inside the unit and match the rest', () => {
    expect(inAudience({ ...open, unitPath: '/p/u/', personIds: ['x'] }, { ...someone, unitPath: '/q/' })).toBe(false);
    expect(inAudience({ ...open, personIds: ['x'], isLeader: true }, someone)).toBe(false);
  });
});
