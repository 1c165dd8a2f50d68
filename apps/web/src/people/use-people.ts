import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { listPeople, type PeopleFilters } from './api';

export function usePeople(filters: PeopleFilters) {
  return useQuery({
    queryKey: queryKeys.people.list(filters),
    queryFn: ({ signal }) => listPeople(filters, signal),
    // Keep the current page on screen while the next one loads: no flashing on a slow connection.
    placeholderData: keepPreviousData,
  });
}
