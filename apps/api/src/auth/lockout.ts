/** Repeated wrong passwords lock an account for a while: slows guessing without locking people out for good. */
export const LOCKOUT_POLICY = { maxFailures: 5, lockMinutes: 15 } as const;

export interface LockState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

export function afterFailure(state: LockState, now: Date, policy = LOCKOUT_POLICY): LockState {
  // A lock that has run out starts a fresh count.
  const previous = state.lockedUntil && state.lockedUntil.getTime() <= now.getTime() ? 0 : state.failedAttempts;
  const failedAttempts = previous + 1;
  if (failedAttempts >= policy.maxFailures) {
    return { failedAttempts, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  }
  return { failedAttempts, lockedUntil: null };
}

export function afterSuccess(): LockState {
  return { failedAttempts: 0, lockedUntil: null };
}

export function minutesLeft(state: LockState, now: Date): number {
  return state.lockedUntil ? Math.max(1, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 60_000)) : 0;
}
