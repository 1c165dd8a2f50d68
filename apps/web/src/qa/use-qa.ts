import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { answerQuestion, askQuestion, getQuestion, listFaq, listInbox, listMyQuestions, publishQuestion, type FaqFilters, type InboxFilters, type NewQuestion } from './api';

export function useFaq(filters: FaqFilters, enabled = true) {
  return useQuery({ enabled, queryKey: queryKeys.qa.faq(filters), queryFn: ({ signal }) => listFaq(filters, signal), placeholderData: keepPreviousData });
}

export function useMyQuestions(page: number) {
  return useQuery({ queryKey: queryKeys.qa.mine(page), queryFn: ({ signal }) => listMyQuestions(page, signal), placeholderData: keepPreviousData });
}

export function useInbox(filters: InboxFilters) {
  return useQuery({ queryKey: queryKeys.qa.inbox(filters), queryFn: ({ signal }) => listInbox(filters, signal), placeholderData: keepPreviousData });
}

export function useQuestion(id: string) {
  return useQuery({ queryKey: queryKeys.qa.detail(id), queryFn: ({ signal }) => getQuestion(id, signal) });
}

export function useAskQuestion() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (q: NewQuestion) => askQuestion(q), onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.qa.all }) });
}

export function useAnswerQuestion(id: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (answer: string) => answerQuestion(id, answer), onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.qa.all }) });
}

export function usePublishQuestion(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: { published: boolean; title?: string; body?: string }) => publishQuestion(id, changes),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.qa.all }),
  });
}
