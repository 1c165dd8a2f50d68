import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { allSurveys, answerSurvey, createSurvey, CreateSurveyInput, mySurveys, surveyResults } from './api';

export const useMySurveys = () => useQuery({ queryKey: queryKeys.surveys.mine(), queryFn: ({ signal }) => mySurveys(signal) });
export const useAllSurveys = (enabled: boolean) => useQuery({ queryKey: queryKeys.surveys.list(), queryFn: ({ signal }) => allSurveys(signal), enabled });
export const useSurveyResults = (id: string | null) =>
  useQuery({ queryKey: queryKeys.surveys.results(id ?? ''), queryFn: ({ signal }) => surveyResults(id!, signal), enabled: !!id });

export function useAnswerSurvey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answers }: { id: string; answers: Record<string, unknown> }) => answerSurvey(id, answers),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.surveys.all }),
  });
}

export function useCreateSurvey() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (input: CreateSurveyInput) => createSurvey(input), onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.surveys.all }) });
}
