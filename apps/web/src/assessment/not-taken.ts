import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { NotTakenPersonDto, NotTakenSort, NotTakenStatus, Page, RemindResultDto } from '@cchc/shared';
import { api, downloadFile, toQueryString } from '../api/client';
import { queryKeys } from '../query-keys';

export interface NotTakenFilters {
  unitId?: string;
  status?: NotTakenStatus;
  q?: string;
  sort?: NotTakenSort;
  page: number;
  pageSize: number;
}

const path = (roundId: string) => `/test-rounds/${encodeURIComponent(roundId)}/not-taken`;
const withoutPaging = ({ page: _p, pageSize: _s, ...rest }: NotTakenFilters) => rest;

export const listNotTaken = (roundId: string, filters: NotTakenFilters, signal?: AbortSignal) =>
  api.get<Page<NotTakenPersonDto>>(path(roundId), { ...filters }, signal);
export const exportNotTaken = (roundId: string, filters: NotTakenFilters) =>
  downloadFile(`${path(roundId)}.xlsx`, 'chua-lam-bai.xlsx', withoutPaging(filters));
export const remindNotTaken = (roundId: string, filters: NotTakenFilters) =>
  api.post<RemindResultDto>(`${path(roundId)}/remind${toQueryString(withoutPaging(filters))}`, {});

export const useNotTaken = (roundId: string, filters: NotTakenFilters) =>
  useQuery({ queryKey: queryKeys.tests.notTaken(roundId, filters), queryFn: ({ signal }) => listNotTaken(roundId, filters, signal), placeholderData: keepPreviousData });
export const useExportNotTaken = (roundId: string) => useMutation({ mutationFn: (filters: NotTakenFilters) => exportNotTaken(roundId, filters) });
export const useRemindNotTaken = (roundId: string) => useMutation({ mutationFn: (filters: NotTakenFilters) => remindNotTaken(roundId, filters) });
