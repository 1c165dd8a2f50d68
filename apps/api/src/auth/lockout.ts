/**
 * Repeated wrong passwords lock an account for a while: slows guessing without locking people out for good.
 * Applied in one statement by `UsersRepository.claimSignInGuess` (a guess is claimed before the password is checked,
 * so a burst of concurrent guesses cannot get more than `maxFailures` checked).
 */
export const LOCKOUT_POLICY = { maxFailures: 5, lockMinutes: 15 } as const;
