import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { CoverageParams, exportMissing, getMatrix, getMissing, getMyTargets, getScores, getSummary, getTarget, listTargets, saveTarget, SaveTargetInput } from './api';

export const useTargets = (includeInactive = false) =>
  useQuery({ queryKey: queryKeys.coverage.targets(includeInactive), queryFn: ({ signal }) => listTargets(signal, includeInactive) });
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

export const useCoverageMatrix = (unitId: string | undefined) =>
  useQuery({ queryKey: queryKeys.coverage.matrix(unitId ?? null), queryFn: ({ signal }) => getMatrix(unitId, signal), placeholderData: keepPreviousData });

export const useCoverageSummary = (targetId: string | null, p: CoverageParams) =>
  useQuery({
    queryKey: queryKeys.coverage.summary(targetId ?? '', p),
    queryFn: ({ signal }) => getSummary(targetId!, p, signal),
    enabled: !!targetId,
    placeholderData: keepPreviousData,
  });

export const useMissing = (targetId: string | null, p: CoverageParams & { page: number; pageSize: number }) =>
  useQuery({
    queryKey: queryKeys.coverage.missing(targetId ?? '', p),
    queryFn: ({ signal }) => getMissing(targetId!, p, signal),
    enabled: !!targetId,
    placeholderData: keepPreviousData,
  });

export const useScores = (p: CoverageParams) => useQuery({ queryKey: queryKeys.coverage.scores(p), queryFn: ({ signal }) => getScores(p, signal) });

export const useMyTargets = () => useQuery({ queryKey: queryKeys.coverage.mine(), queryFn: ({ signal }) => getMyTargets(signal) });

export const useExportMissing = () => useMutation({ mutationFn: ({ targetId, ...p }: CoverageParams & { targetId: string }) => exportMissing(targetId, p) });
