import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuthoringLessonDto, CourseDetailDto } from '@cchc/shared';
import { queryKeys } from '../query-keys';
import { getAuthoringCourse, getAuthoringLesson, listAuthoringCourses, listRoundChoices } from './api';

export function useAuthoringCourses() {
  return useQuery({ queryKey: queryKeys.authoring.list(), queryFn: ({ signal }) => listAuthoringCourses(signal) });
}

export function useAuthoringCourse(id: string) {
  return useQuery({ queryKey: queryKeys.authoring.course(id), queryFn: ({ signal }) => getAuthoringCourse(id, signal) });
}

export function useAuthoringLesson(id: string | null) {
  return useQuery({ queryKey: queryKeys.authoring.lesson(id ?? ''), queryFn: ({ signal }) => getAuthoringLesson(id!, signal), enabled: !!id });
}

/** Any authoring change: refresh the editor and what learners see. */
export function useAuthoringMutation<TVars, TResult extends CourseDetailDto | AuthoringLessonDto>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: queryKeys.authoring.all }), client.invalidateQueries({ queryKey: queryKeys.learning.all })]);
    },
  });
}

export const useRoundChoices = (enabled: boolean) => useQuery({ queryKey: queryKeys.tests.choices(), queryFn: ({ signal }) => listRoundChoices(signal), enabled });
