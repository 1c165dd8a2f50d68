import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import {
  enrol,
  getCourse,
  getLesson,
  getMyLearning,
  listCatalogue,
  saveProgress,
  verifyCertificate,
  type CatalogueFilters,
} from './api';

export function useCatalogue(filters: CatalogueFilters) {
  return useQuery({ queryKey: queryKeys.learning.catalogue(filters), queryFn: ({ signal }) => listCatalogue(filters, signal), placeholderData: keepPreviousData });
}

export function useCourse(id: string) {
  return useQuery({ queryKey: queryKeys.learning.course(id), queryFn: ({ signal }) => getCourse(id, signal) });
}

export function useLesson(id: string) {
  return useQuery({ queryKey: queryKeys.learning.lesson(id), queryFn: ({ signal }) => getLesson(id, signal) });
}

export function useMyLearning(enabled = true) {
  return useQuery({ queryKey: queryKeys.learning.mine(), queryFn: ({ signal }) => getMyLearning(signal), enabled });
}

export function useVerifyCertificate(code: string) {
  return useQuery({ queryKey: queryKeys.learning.certificate(code), queryFn: () => verifyCertificate(code), retry: false });
}

export function useEnrol() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: enrol,
    onSuccess: async (course) => {
      client.setQueryData(queryKeys.learning.course(course.id), course);
      await client.invalidateQueries({ queryKey: queryKeys.learning.all });
    },
  });
}

/** Progress changes the lesson, its course and the learner's lists. */
export function useSaveProgress() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: { lessonId: string; completed?: boolean; positionSeconds?: number }) =>
      saveProgress(vars.lessonId, { completed: vars.completed, positionSeconds: vars.positionSeconds }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.learning.all });
    },
  });
}

