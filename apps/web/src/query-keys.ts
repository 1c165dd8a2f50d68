/** Every react-query key, domain first, so `invalidateQueries({ queryKey: queryKeys.people.all })` reaches them all. */
import type { AuditFilters } from './audit/api';
import type { PeopleFilters } from './people/api';
import type { UsersFilters } from './users/api';
import type { CatalogueFilters, MemberFilters } from './learning/api';

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
  learning: {
    all: ['learning'] as const,
    catalogue: (filters: CatalogueFilters) => ['learning', 'catalogue', filters] as const,
    course: (id: string) => ['learning', 'course', id] as const,
    lesson: (id: string) => ['learning', 'lesson', id] as const,
    mine: () => ['learning', 'mine'] as const,
    certificate: (code: string) => ['learning', 'certificate', code] as const,
    topics: () => ['learning', 'topics'] as const,
  },
  authoring: {
    all: ['authoring'] as const,
    list: () => ['authoring', 'list'] as const,
    course: (id: string) => ['authoring', 'course', id] as const,
    lesson: (id: string) => ['authoring', 'lesson', id] as const,
  },
  assignments: {
    all: ['assignments'] as const,
    list: () => ['assignments', 'list'] as const,
    detail: (id: string) => ['assignments', 'detail', id] as const,
    members: (id: string, filters: MemberFilters) => ['assignments', 'members', id, filters] as const,
  },
} as const;
