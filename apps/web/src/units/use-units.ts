import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { listUnits } from './api';

export function useUnits(includeClosed = false, enabled = true) {
  return useQuery({
    queryKey: queryKeys.units.list(includeClosed),
    queryFn: ({ signal }) => listUnits(includeClosed, signal),
    staleTime: 60_000,
    enabled,
  });
}
