import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { getPerson } from './api';

export function usePerson(id: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.people.detail(id ?? ''),
    queryFn: ({ signal }) => getPerson(id as string, signal),
    enabled: Boolean(id),
  });
}
