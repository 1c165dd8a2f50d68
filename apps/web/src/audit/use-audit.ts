import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { listAudit, type AuditFilters } from './api';

export function useAudit(filters: AuditFilters) {
  return useQuery({
    queryKey: queryKeys.audit.list(filters),
    queryFn: ({ signal }) => listAudit(filters, signal),
    placeholderData: keepPreviousData,
  });
}
