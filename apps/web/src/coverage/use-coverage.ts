import type { LowScorerSort } from '@cchc/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { CoverageParams, exportMissing, exportScoreList, getMatrix, getMissing, getMyTargets, getScoreList, getSummary, ScoreListKind, getTarget, listTargets, saveTarget, SaveTargetInput } from './api';

/** While a new or edited target's coverage is being computed, how far it is is asked for again every few seconds. */
const BUILD_POLL_MS = 3000;

export const useTargets = (includeInactive = false) =>
  useQuery({
    queryKey: queryKeys.coverage.targets(includeInactive),
    queryFn: ({ signal }) => listTargets(signal, includeInactive),
    refetchInterval: (q) => (q.state.data?.some((x) => x.coverageBuild) ? BUILD_POLL_MS : false),
  });
export const useTarget = (id: string | undefined) =>
  useQuery({ queryKey: queryKeys.coverage.target(id ?? ''), queryFn: ({ signal }) => getTarget(id!, signal), enabled: !!id });

/** A saved target changes every coverage view (matrix, summaries, missing lists, the learner's own) and the reports. */
export function useSaveTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: SaveTargetInput }) => saveTarget(id, input),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: queryKeys.coverage.all }), client.invalidateQueries({ queryKey: queryKeys.reports.all })]),
  });
}

export const useCoverageMatrix = (unitId: string | undefined, year?: number) =>
  useQuery({ queryKey: queryKeys.coverage.matrix(unitId ?? null, year ?? null), queryFn: ({ signal }) => getMatrix(unitId, year, signal), placeholderData: keepPreviousData });

export const useCoverageSummary = (targetId: string | null, p: CoverageParams) =>
  useQuery({
    queryKey: queryKeys.coverage.summary(targetId ?? '', p),
    queryFn: ({ signal }) => getSummary(targetId!, p, signal),
    enabled: !!targetId,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.target.coverageBuild ? BUILD_POLL_MS : false),
  });

export const useMissing = (targetId: string | null, p: CoverageParams & { page: number; pageSize: number }) =>
  useQuery({
    queryKey: queryKeys.coverage.missing(targetId ?? '', p),
    queryFn: ({ signal }) => getMissing(targetId!, p, signal),
    enabled: !!targetId,
    placeholderData: keepPreviousData,
  });

export const useScoreList = (kind: ScoreListKind, p: CoverageParams & { page: number; pageSize: number; sort?: LowScorerSort }) =>
  useQuery({ queryKey: queryKeys.coverage.scoreList(kind, p), queryFn: ({ signal }) => getScoreList(kind, p, signal), placeholderData: keepPreviousData });

export const useExportScoreList = () => useMutation({ mutationFn: ({ kind, ...p }: CoverageParams & { kind: ScoreListKind; sort?: LowScorerSort }) => exportScoreList(kind, p) });

export const useMyTargets = () => useQuery({ queryKey: queryKeys.coverage.mine(), queryFn: ({ signal }) => getMyTargets(signal) });

export const useExportMissing = () => useMutation({ mutationFn: ({ targetId, ...p }: CoverageParams & { targetId: string }) => exportMissing(targetId, p) });
