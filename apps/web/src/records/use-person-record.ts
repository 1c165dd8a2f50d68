import { useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { downloadRecordPdf, getPersonRecord } from './api';

export function usePersonRecord(personId: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.records.person(personId ?? ''),
    queryFn: ({ signal }) => getPersonRecord(personId as string, signal),
    enabled: Boolean(personId),
  });
}

export function useDownloadRecordPdf() {
  return useMutation({ mutationFn: ({ personId, staffCode }: { personId: string; staffCode: string }) => downloadRecordPdf(personId, staffCode) });
}
