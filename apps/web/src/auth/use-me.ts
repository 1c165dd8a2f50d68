import { useQuery } from '@tanstack/react-query';
import type { MeDto } from '@cchc/shared';
import { queryKeys } from '../query-keys';
import { getMe } from './api';
import { useIsSignedIn } from './use-session';

export function useMe() {
  const signedIn = useIsSignedIn();
  return useQuery({
    queryKey: queryKeys.auth.me(),
    queryFn: ({ signal }) => getMe(signal),
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
