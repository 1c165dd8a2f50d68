import type { AccountCandidate } from './accounts.repository';
import { planAccounts } from './account-plan';

const person = (staffCode: string | null, username: string | null = null, name = `Người ${staffCode}`): AccountCandidate => ({
  personId: `id-${staffCode}-${name}`,
  fullName: name,
  staffCode,
  position: null,
  unitId: 'u',
  unitName: 'Xã An Bình',
  unitPath: '/u/',
  provinceCode: 'KH',
  username,
});

describe('planAccounts', () => {
  it('gives everyone without an account the lower-case staff code, after the prefix', () => {
    const plan = planAccounts([person('KH001'), person('KH002'), person('KH003', 'kh003')], new Set(), '');
    expect(plan.create.map((c) => c.username)).toEqual(['kh001', 'kh002']);
    expect(plan.alreadyHaveAccount).toBe(1);
    expect(plan.problems).toEqual([]);
    expect(planAccounts([person('KH001')], new Set(), 'kh.').create[0].username).toBe('kh.kh001');
    expect(planAccounts([person('KH001')], new Set(), '{province}.').create[0].username).toBe('kh.kh001');
  });

  it('lists a missing or unusable staff code, a taken username and two codes that fold together, and creates none of them', () => {
    const plan = planAccounts([person(null), person('NV 01'), person('ADMIN'), person('Ab01', null, 'A'), person('AB01', null, 'B'), person('OK01')], new Set(['admin']));
    expect(plan.problems.map((p) => [p.staffCode, p.problem])).toEqual([
      [null, 'no_staff_code'],
      ['NV 01', 'bad_staff_code'],
      ['ADMIN', 'username_taken'],
      ['Ab01', 'username_clash'],
      ['AB01', 'username_clash'],
    ]);
    expect(plan.problems.every((p) => p.message && /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/.test(p.message))).toBe(true);
    expect(plan.create.map((c) => c.username)).toEqual(['ok01']);
  });
});
