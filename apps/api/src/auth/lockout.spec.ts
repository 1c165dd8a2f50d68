import { afterFailure, afterSuccess, isLocked, LOCKOUT_POLICY, minutesLeft } from './lockout';

describe('login lockout', () => {
  const t0 = new Date('2026-11-22T08:00:00Z');
  const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  it('locks after the fifth consecutive failure, not before', () => {
    let state = afterSuccess();
    for (let i = 1; i < LOCKOUT_POLICY.maxFailures; i++) {
      state = afterFailure(state, t0);
      expect(isLocked(state, t0)).toBe(false);
    }
    state = afterFailure(state, t0);
    expect(isLocked(state, t0)).toBe(true);
    expect(minutesLeft(state, t0)).toBe(15);
  });

  it('unlocks when the lock runs out and counts afresh', () => {
    let state = afterSuccess();
    for (let i = 0; i < LOCKOUT_POLICY.maxFailures; i++) state = afterFailure(state, t0);
    expect(isLocked(state, later(14))).toBe(true);
    expect(isLocked(state, later(15))).toBe(false);
    state = afterFailure(state, later(16));
    expect(state.failedAttempts).toBe(1);
    expect(isLocked(state, later(16))).toBe(false);
  });

  it('a success resets the count', () => {
    expect(afterSuccess()).toEqual({ failedAttempts: 0, lockedUntil: null });
  });
});
