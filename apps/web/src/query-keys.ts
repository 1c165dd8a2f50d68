/** Every react-query key, domain first, so `invalidateQueries({ queryKey: queryKeys.people.all })` reaches them all. */
import type { AuditFilters } from './audit/api';
import type { LibraryFilters } from './library/api';
import type { FaqFilters, InboxFilters } from './qa/api';
import type { PeopleFilters } from './people/api';
import type { UsersFilters } from './users/api';

export const queryKeys = {
  auth: {
    all: ['auth'] as const,
    me: () => ['auth', 'me'] as const,
  },
  units: {
    all: ['units'] as const,
    list: (includeClosed: boolean) => ['units', 'list', { includeClosed }] as const,
    detail: (id: string) => ['units', 'detail', id] as const,
  },
  people: {
    all: ['people'] as const,
    list: (filters: PeopleFilters) => ['people', 'list', filters] as const,
    detail: (id: string) => ['people', 'detail', id] as const,
  },
  audit: {
    all: ['audit'] as const,
    list: (filters: AuditFilters) => ['audit', 'list', filters] as const,
  },
  users: {
    all: ['users'] as const,
    list: (filters: UsersFilters) => ['users', 'list', filters] as const,
  },
  library: {
    all: ['library'] as const,
    search: (filters: LibraryFilters) => ['library', 'search', filters] as const,
    detail: (id: string) => ['library', 'detail', id] as const,
    topics: () => ['library', 'topics'] as const,
  },
  qa: {
    all: ['qa'] as const,
    faq: (filters: FaqFilters) => ['qa', 'faq', filters] as const,
    mine: (page: number) => ['qa', 'mine', page] as const,
    inbox: (filters: InboxFilters) => ['qa', 'inbox', filters] as const,
    detail: (id: string) => ['qa', 'detail', id] as const,
  },
  notifications: {
    all: ['notifications'] as const,
    list: () => ['notifications', 'list'] as const,
  },
} as const;
