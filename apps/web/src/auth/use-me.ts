import { useQuery } from '@tanstack/react-query';
import type { MeDto } from '@cchc/shared';
import { ApiError, CLIENT_ERROR_CODES, KEPT_ME_KEY } from '../api/client';
import { queryKeys } from '../query-keys';
import { getMe } from './api';
import { useIsSignedIn } from './use-session';

export function useMe() {
  const signedIn = useIsSignedIn();
  return useQuery({
    queryKey: queryKeys.auth.me(),
    queryFn: async ({ signal }) => {
      try {
        const me = await getMe(signal);
        keepMe(me);
        return me;
      } catch (error) {
        // Without a connection (a reload during a test at a commune office), the signed-in user as last seen here.
        const kept = error instanceof ApiError && error.code === CLIENT_ERROR_CODES.network ? keptMe() : null;
        if (kept) return kept;
        throw error;
      }
    },
    enabled: signedIn,
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user; only call below <RequireAuth>, which waits for it. */
export function useCurrentUser(): MeDto {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser() outside <RequireAuth>');
  return data;
}

function keepMe(me: MeDto): void {
  try {
    localStorage.setItem(KEPT_ME_KEY, JSON.stringify(me));
  } catch {
    /* private mode */
  }
}

function keptMe(): MeDto | null {
  try {
    return JSON.parse(localStorage.getItem(KEPT_ME_KEY) ?? 'null') as MeDto | null;
  } catch {
    return null;
  }
}
