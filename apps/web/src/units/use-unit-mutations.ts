import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { closeUnit, createUnit, mergeUnits, moveUnit, updateUnit, type CreateUnitInput } from './api';

/** Unit changes shift people counts and unit names shown beside people, so both domains are refreshed. */
function useUnitMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.units.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.people.all }),
      ]);
    },
  });
}

export const useCreateUnit = () => useUnitMutation((input: CreateUnitInput) => createUnit(input));
export const useUpdateUnit = () =>
  useUnitMutation((vars: { id: string; name?: string; code?: string }) =>
    updateUnit(vars.id, { name: vars.name, code: vars.code }),
  );
export const useMoveUnit = () => useUnitMutation((vars: { id: string; newParentId: string }) => moveUnit(vars.id, vars.newParentId));
export const useCloseUnit = () => useUnitMutation((id: string) => closeUnit(id));
export const useMergeUnits = () =>
  useUnitMutation((vars: { targetId: string; sourceUnitIds: string[] }) => mergeUnits(vars.targetId, vars.sourceUnitIds));
