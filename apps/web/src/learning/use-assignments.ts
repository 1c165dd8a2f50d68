import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { cancelAssignment, createAssignment, getAssignment, listAssignmentMembers, listAssignments, type MemberFilters } from './api';

export function useAssignments() {
  return useQuery({ queryKey: queryKeys.assignments.list(), queryFn: ({ signal }) => listAssignments(signal) });
}

export function useAssignment(id: string) {
  return useQuery({ queryKey: queryKeys.assignments.detail(id), queryFn: ({ signal }) => getAssignment(id, signal) });
}

export function useAssignmentMembers(id: string, filters: MemberFilters) {
  return useQuery({
    queryKey: queryKeys.assignments.members(id, filters),
    queryFn: ({ signal }) => listAssignmentMembers(id, filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateAssignment() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createAssignment, onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.assignments.all }) });
}

export function useCancelAssignment() {
  const client = useQueryClient();
  return useMutation({ mutationFn: cancelAssignment, onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.assignments.all }) });
}
