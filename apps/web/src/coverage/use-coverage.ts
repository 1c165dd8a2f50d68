import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { CoverageParams, exportMissing, getMatrix, getMissing, getMyTargets, getScores, getSummary, listTargets } from './api';

export const useTargets = () => useQuery({ queryKey: queryKeys.coverage.targets(), queryFn: ({ signal }) => listTargets(signal) });

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
