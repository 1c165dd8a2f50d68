import { useMutation } from '@tanstack/react-query';
import { exportPeople, type PeopleFilters } from './api';

export function useExportPeople() {
  return useMutation({ mutationFn: (filters: PeopleFilters) => exportPeople(filters) });
}
