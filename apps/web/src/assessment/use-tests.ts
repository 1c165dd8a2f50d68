import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, CLIENT_ERROR_CODES } from '../api/client';
import { queryKeys } from '../query-keys';
import { keepSnapshot, readSnapshot } from './attempt-snapshot';
import {
  createRound,
  getAttempt,
  getCommendations,
  getItemAnalysis,
  getMyResult,
  getRound,
  getRoundResults,
  listMyRounds,
  listRounds,
  markRemedialRead,
  publishRound,
  startAttempt,
  submitAttempt,
} from './api';

export const useMyRounds = () => useQuery({ queryKey: queryKeys.tests.mine(), queryFn: ({ signal }) => listMyRounds(signal) });

/** The attempt being taken; without a connection, the copy kept on this device (a reload while offline). */
export const useAttempt = (attemptId: string) =>
  useQuery({
    queryKey: queryKeys.tests.attempt(attemptId),
    queryFn: async ({ signal }) => {
      try {
        const attempt = await getAttempt(attemptId, signal);
        keepSnapshot(attempt);
        return attempt;
      } catch (error) {
        const kept = error instanceof ApiError && error.code === CLIENT_ERROR_CODES.network ? readSnapshot(attemptId) : null;
        if (kept) return kept;
        throw error;
      }
    },
    staleTime: Infinity,
  });

export const useMyResult = (roundId: string) => useQuery({ queryKey: queryKeys.tests.myResult(roundId), queryFn: ({ signal }) => getMyResult(roundId, signal) });

export function useStartAttempt() {
  return useMutation({ mutationFn: startAttempt });
}

/** Submitting answers with the result page: it goes straight into the cache the result page reads. */
export function useSubmitAttempt() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: submitAttempt,
    onSuccess: (result) => {
      client.setQueryData(queryKeys.tests.myResult(result.roundId), result);
      return client.invalidateQueries({ queryKey: queryKeys.tests.mine() });
    },
  });
}

export const useRounds = () => useQuery({ queryKey: queryKeys.tests.rounds(), queryFn: ({ signal }) => listRounds(signal) });
export const useRound = (id: string) => useQuery({ queryKey: queryKeys.tests.round(id), queryFn: ({ signal }) => getRound(id, signal) });
export const useRoundResults = (roundId: string, lowOnly: boolean) =>
  useQuery({ queryKey: queryKeys.tests.results(roundId, lowOnly), queryFn: ({ signal }) => getRoundResults(roundId, lowOnly, signal) });
export const useCommendations = (roundId: string) =>
  useQuery({ queryKey: queryKeys.tests.commendations(roundId), queryFn: ({ signal }) => getCommendations(roundId, signal) });
export const useItemAnalysis = (roundId: string, enabled: boolean) =>
  useQuery({ queryKey: queryKeys.tests.items(roundId), queryFn: ({ signal }) => getItemAnalysis(roundId, signal), enabled });

export function useCreateRound() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, publish }: { body: object; publish: boolean }) => {
      const round = await createRound(body);
      return publish ? publishRound(round.id) : round;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tests.all }),
  });
}

export function usePublishRound() {
  const client = useQueryClient();
  return useMutation({ mutationFn: publishRound, onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tests.all }) });
}


/** "I have read this" for a document of the learner's remedial assignment; refreshes the result and the test list. */
export function useMarkRemedialRead() {
  const client = useQueryClient();
  return useMutation({ mutationFn: markRemedialRead, onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tests.all }) });
}
