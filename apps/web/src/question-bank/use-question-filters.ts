import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Difficulty, QuestionStatus, QuestionType } from '@cchc/shared';
import type { QuestionFilters } from './api';

export const QUESTIONS_PAGE_SIZE = 50;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

/** The bank's filters live in the URL, so a filtered list can be bookmarked and returned to after editing. */
export function useQuestionFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<QuestionFilters>(() => {
    const topicId = params.get('topicId') || undefined;
    return {
      q: params.get('q') || undefined,
      topicId,
      includeSubtopics: topicId ? params.get('includeSubtopics') !== 'false' : undefined,
      difficulty: oneOf(params.get('difficulty'), Object.values(Difficulty)),
      type: oneOf(params.get('type'), Object.values(QuestionType)),
      status: oneOf(params.get('status'), Object.values(QuestionStatus)),
      tag: params.get('tag') || undefined,
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: QUESTIONS_PAGE_SIZE,
    };
  }, [params]);

  const update = useCallback(
    (changes: Partial<Record<keyof QuestionFilters, string | number | boolean | undefined>>) => {
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
