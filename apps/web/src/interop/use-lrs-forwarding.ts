import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { createForwardEndpoint, listDeadLetters, listForwardEndpoints, retryDeadLetters, setForwardEndpointActive, type ForwardEndpointInput } from './api';

/** The endpoints with their delivery status; refreshed every 15 s while the page is open (deliveries run every minute). */
export function useForwardEndpoints() {
  return useQuery({ queryKey: queryKeys.lrs.forwarding(), queryFn: ({ signal }) => listForwardEndpoints(signal), refetchInterval: 15_000 });
}

export function useDeadLetters(id: string, page: number) {
  return useQuery({ queryKey: queryKeys.lrs.deadLetters(id, page), queryFn: ({ signal }) => listDeadLetters(id, page, signal), placeholderData: keepPreviousData });
}

function useForwardingMutation<A, R>(fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.lrs.forwarding() }) });
}

export const useCreateForwardEndpoint = () => useForwardingMutation((input: ForwardEndpointInput) => createForwardEndpoint(input));
export const useSetForwardEndpointActive = () => useForwardingMutation(({ id, active }: { id: string; active: boolean }) => setForwardEndpointActive(id, active));
export const useRetryDeadLetters = () => useForwardingMutation(({ id, statementIds }: { id: string; statementIds?: string[] }) => retryDeadLetters(id, statementIds));
