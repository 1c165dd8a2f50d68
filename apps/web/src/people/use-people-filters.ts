import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PERSON_CATEGORIES, PERSON_STATUSES, type PersonCategory, type PersonStatus } from '@cchc/shared';
import type { PeopleFilters, PeopleSort } from './api';

export const PEOPLE_PAGE_SIZE = 50;
const SORTS: readonly PeopleSort[] = ['fullName', 'staffCode', 'unit'];

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

function flag(value: string | null): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/** The people list's filters live in the URL, so a filtered list can be bookmarked, shared and returned to. */
export function usePeopleFilters() {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<PeopleFilters>(() => {
    const unitId = params.get('unitId') || undefined;
    return {
      q: params.get('q') || undefined,
      unitId,
      // "Everything below" is the usual question; only an explicit false narrows it.
      includeSubunits: unitId ? params.get('includeSubunits') !== 'false' : undefined,
      category: oneOf<PersonCategory>(params.get('category'), PERSON_CATEGORIES),
      status: oneOf<PersonStatus>(params.get('status'), PERSON_STATUSES),
      doesCchcWork: flag(params.get('doesCchcWork')),
      isLeader: flag(params.get('isLeader')),
      sort: oneOf(params.get('sort'), SORTS),
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: PEOPLE_PAGE_SIZE,
    };
  }, [params]);

  /** Changing any filter goes back to page 1. */
  const update = useCallback(
    (changes: Partial<Record<keyof PeopleFilters, string | number | boolean | undefined>>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  return { filters, update, clear };
}
