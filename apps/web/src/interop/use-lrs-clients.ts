import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { createLrsClient, listLrsClients, revokeLrsClient, type LrsScope } from './api';

export function useLrsClients() {
  return useQuery({ queryKey: queryKeys.lrs.clients(), queryFn: ({ signal }) => listLrsClients(signal) });
}

export function useCreateLrsClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scopes: LrsScope[] }) => createLrsClient(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.lrs.all }),
  });
}

export function useRevokeLrsClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeLrsClient(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.lrs.all }),
  });
}
