import type {
  Page,
  PersonCategory,
  PersonDetailDto,
  PersonListItemDto,
  PersonStatus,
} from '@cchc/shared';
import { api, downloadFile } from '../api/client';

export type PeopleSort = 'fullName' | 'staffCode' | 'unit';

export interface PeopleFilters {
  q?: string;
  unitId?: string;
  includeSubunits?: boolean;
  category?: PersonCategory;
  status?: PersonStatus;
  doesCchcWork?: boolean;
  isLeader?: boolean;
  sort?: PeopleSort;
  page: number;
  pageSize: number;
}

/** What an edit may change; the staff code is fixed once given (imports match people by it). */
export interface PersonFields {
  fullName: string;
  category: PersonCategory;
  position?: string;
  email?: string;
  phone?: string;
  /** YYYY-MM-DD */
  dateOfBirth?: string;
  gender?: 'male' | 'female';
  doesCchcWork: boolean;
  isLeader: boolean;
}

/** PATCH body: null clears an optional field. */
export type PersonChanges = { [K in keyof PersonFields]?: PersonFields[K] | null };

export interface CreatePersonInput extends PersonFields {
  staffCode: string;
  unitId: string;
}

export interface TransferInput {
  unitId: string;
  effectiveDate?: string;
  note?: string;
}

export interface StatusChangeInput {
  status: PersonStatus;
  effectiveDate?: string;
  note?: string;
}

const personPath = (id: string) => `/people/${encodeURIComponent(id)}`;

/** The export takes the list's filters but not its paging. */
function filterParams({ page: _page, pageSize: _pageSize, ...filters }: PeopleFilters) {
  return filters;
}

export const listPeople = (filters: PeopleFilters, signal?: AbortSignal) =>
  api.get<Page<PersonListItemDto>>('/people', { ...filters }, signal);

export const exportPeople = (filters: PeopleFilters) =>
  downloadFile('/people/export.xlsx', 'danh-sach-can-bo.xlsx', filterParams(filters));

export const getPerson = (id: string, signal?: AbortSignal) => api.get<PersonDetailDto>(personPath(id), {}, signal);

export const createPerson = (input: CreatePersonInput) => api.post<PersonDetailDto>('/people', input);

export const updatePerson = (id: string, changes: PersonChanges) =>
  api.patch<PersonDetailDto>(personPath(id), changes);

export const transferPerson = (id: string, input: TransferInput) =>
  api.post<PersonDetailDto>(`${personPath(id)}/transfer`, input);

export const changePersonStatus = (id: string, input: StatusChangeInput) =>
  api.post<PersonDetailDto>(`${personPath(id)}/status`, input);
