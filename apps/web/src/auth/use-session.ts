import { useSyncExternalStore } from 'react';
import { session } from '../api/client';

/** True while a refresh token is stored: the user is signed in as far as this browser knows. */
export function useIsSignedIn(): boolean {
  return useSyncExternalStore(session.subscribe, session.isSignedIn, () => false);
}
