import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { LowScorerSort, NotTakenPersonDto, NotTakenSort, NotTakenStatus, Page, PersonResultDto, RemindResultDto } from '@cchc/shared';
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

/** A round's low scorers: the second follow-up list of the results page. */
export interface LowScorerFilters {
  unitId?: string;
  q?: string;
  sort: LowScorerSort;
  page: number;
  pageSize: number;
}

const lowPath = (roundId: string) => `/test-rounds/${encodeURIComponent(roundId)}/low-scorers`;
const lowWithoutPaging = ({ page: _p, pageSize: _s, ...rest }: LowScorerFilters) => rest;

export const listLowScorers = (roundId: string, filters: LowScorerFilters, signal?: AbortSignal) =>
  api.get<Page<PersonResultDto>>(lowPath(roundId), { ...filters }, signal);
export const exportLowScorers = (roundId: string, filters: LowScorerFilters) =>
  downloadFile(`${lowPath(roundId)}.xlsx`, 'diem-thap.xlsx', lowWithoutPaging(filters));

export const useLowScorers = (roundId: string, filters: LowScorerFilters) =>
  useQuery({ queryKey: queryKeys.tests.lowScorers(roundId, filters), queryFn: ({ signal }) => listLowScorers(roundId, filters, signal), placeholderData: keepPreviousData });
export const useExportLowScorers = (roundId: string) => useMutation({ mutationFn: (filters: LowScorerFilters) => exportLowScorers(roundId, filters) });
