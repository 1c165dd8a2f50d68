import { targetReaches } from './target-province';

describe('targetReaches: where a target is counted', () => {
  it('counts a national target everywhere, a province target at its province and below only', () => {
    expect(targetReaches({ provinceId: null }, '/vn/')).toBe(true);
    expect(targetReaches({ provinceId: null }, '/vn/b/x/')).toBe(true);
    expect(targetReaches({ provinceId: 'a' }, '/vn/a/')).toBe(true);
    expect(targetReaches({ provinceId: 'a' }, '/vn/a/x/')).toBe(true);
    expect(targetReaches({ provinceId: 'a' }, '/vn/')).toBe(false);
    expect(targetReaches({ provinceId: 'a' }, '/vn/b/x/')).toBe(false);
  });
});
