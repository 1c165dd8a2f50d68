import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QuestionStatus } from '@cchc/shared';
import { queryKeys } from '../query-keys';
import {
  bulkRetireQuestions,
  bulkTagQuestions,
  changeQuestionStatus,
  commitQuestionImport,
  createQuestion,
  dryRunQuestionImport,
  exportQuestionsGift,
  exportQuestionsXlsx,
  getQuestion,
  getQuestionVersions,
  listQuestions,
  listQuestionTags,
  updateQuestion,
  type ImportOptions,
  type QuestionFilters,
  type QuestionInput,
} from './api';

export const useQuestions = (filters: QuestionFilters) =>
  useQuery({ queryKey: queryKeys.questions.list(filters), queryFn: ({ signal }) => listQuestions(filters, signal), placeholderData: keepPreviousData });

export const useQuestion = (id: string | undefined) => useQuery({ queryKey: queryKeys.questions.detail(id ?? ''), queryFn: () => getQuestion(id!), enabled: Boolean(id) });

export const useQuestionVersions = (id: string | undefined) =>
  useQuery({ queryKey: queryKeys.questions.versions(id ?? ''), queryFn: () => getQuestionVersions(id!), enabled: Boolean(id) });

export const useQuestionTags = () => useQuery({ queryKey: queryKeys.questions.tags(), queryFn: listQuestionTags });


function useInvalidateQuestions() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: queryKeys.questions.all });
}

export function useSaveQuestion(id: string | undefined) {
  const invalidate = useInvalidateQuestions();
  return useMutation({
    mutationFn: (input: QuestionInput & { publish?: boolean; expectedVersion?: number }) =>
      id ? updateQuestion(id, { ...input, expectedVersion: input.expectedVersion ?? 1 }) : createQuestion(input),
    onSuccess: invalidate,
  });
}

export function useChangeQuestionStatus(id: string) {
  const invalidate = useInvalidateQuestions();
  return useMutation({ mutationFn: (status: QuestionStatus) => changeQuestionStatus(id, status), onSuccess: invalidate });
}

export function useBulkQuestions() {
  const invalidate = useInvalidateQuestions();
  return useMutation({
    mutationFn: (action: { kind: 'tag'; ids: string[]; tag: string } | { kind: 'untag'; ids: string[]; tag: string } | { kind: 'retire'; ids: string[] }) =>
      action.kind === 'retire'
        ? bulkRetireQuestions(action.ids)
        : bulkTagQuestions(action.ids, action.kind === 'tag' ? [action.tag] : [], action.kind === 'untag' ? [action.tag] : []),
    onSuccess: invalidate,
  });
}

export const useExportQuestions = () =>
  useMutation({ mutationFn: ({ format, filters }: { format: 'xlsx' | 'gift'; filters: QuestionFilters }) => (format === 'xlsx' ? exportQuestionsXlsx(filters) : exportQuestionsGift(filters)) });

export const useDryRunQuestionImport = () => useMutation({ mutationFn: ({ file, options }: { file: File; options: ImportOptions }) => dryRunQuestionImport(file, options) });

export function useCommitQuestionImport() {
  const invalidate = useInvalidateQuestions();
  return useMutation({ mutationFn: ({ file, options }: { file: File; options: ImportOptions }) => commitQuestionImport(file, options), onSuccess: invalidate });
}
