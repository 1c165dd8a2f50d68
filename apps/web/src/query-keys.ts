/** Every react-query key, domain first, so `invalidateQueries({ queryKey: queryKeys.people.all })` reaches them all. */
import type { AuditFilters } from './audit/api';
import type { PeopleFilters } from './people/api';
import type { UsersFilters } from './users/api';
import type { CoverageParams } from './coverage/api';

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
  coverage: {
    all: ['coverage'] as const,
    targets: () => ['coverage', 'targets'] as const,
    matrix: (unitId: string | null) => ['coverage', 'matrix', unitId] as const,
    summary: (targetId: string, p: CoverageParams) => ['coverage', 'summary', targetId, p] as const,
    missing: (targetId: string, p: CoverageParams & { page: number; pageSize: number }) => ['coverage', 'missing', targetId, p] as const,
    scores: (p: CoverageParams) => ['coverage', 'scores', p] as const,
    mine: () => ['coverage', 'mine'] as const,
  },
  reports: {
    all: ['reports'] as const,
    preview: (p: object) => ['reports', 'preview', p] as const,
  },
  surveys: {
    all: ['surveys'] as const,
    mine: () => ['surveys', 'mine'] as const,
    list: () => ['surveys', 'list'] as const,
    results: (id: string) => ['surveys', 'results', id] as const,
  },
  trainingSessions: {
    all: ['training-sessions'] as const,
    list: () => ['training-sessions', 'list'] as const,
    attendance: (id: string) => ['training-sessions', 'attendance', id] as const,
  },
} as const;
