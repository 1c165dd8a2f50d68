import type { AttemptDto } from '@cchc/shared';

/**
 * The open attempt as last loaded (questions and options, never a key: the server sends none before submission),
 * kept on this device so that reloading the test page without a connection still shows the test; the answer queue
 * keeps what was answered since. The server clock is kept as an offset from this device's clock.
 */
const key = (attemptId: string) => `cchc.attempt.${attemptId}.snapshot`;

export function keepSnapshot(attempt: AttemptDto, now = Date.now(), storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage): void {
  try {
    if (attempt.submittedAt) storage.removeItem(key(attempt.id));
    else storage.setItem(key(attempt.id), JSON.stringify({ attempt, offsetMs: Date.parse(attempt.serverNow) - now }));
  } catch {
    /* storage full or private mode: the page still works while online */
  }
}

/** The kept attempt with `serverNow` moved to the server's time now, or null when none was kept. */
export function readSnapshot(attemptId: string, now = Date.now(), storage: Pick<Storage, 'getItem'> = localStorage): AttemptDto | null {
  try {
    const raw = storage.getItem(key(attemptId));
    if (!raw) return null;
    const { attempt, offsetMs } = JSON.parse(raw) as { attempt: AttemptDto; offsetMs: number };
    if (attempt?.id !== attemptId || typeof offsetMs !== 'number') return null;
    return { ...attempt, serverNow: new Date(now + offsetMs).toISOString() };
  } catch {
    return null;
  }
}

export function dropSnapshot(attemptId: string, storage: Pick<Storage, 'removeItem'> = localStorage): void {
  try {
    storage.removeItem(key(attemptId));
  } catch {
    /* nothing kept */
  }
}
