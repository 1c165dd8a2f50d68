import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccountHandoutDto, HandoutFormat } from '@cchc/shared';
import { queryKeys } from '../query-keys';
import { createAccounts, downloadHandout, planAccounts, resetAccountPassword } from './api';

export function usePlanAccounts() {
  return useMutation({ mutationFn: (unitId: string) => planAccounts(unitId) });
}

export function useCreateAccounts() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (unitId: string) => createAccounts(unitId),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.people.all }),
  });
}

export function useResetAccountPassword() {
  return useMutation({ mutationFn: (personId: string) => resetAccountPassword(personId) });
}

export function useDownloadHandout() {
  return useMutation({ mutationFn: ({ handout, format }: { handout: AccountHandoutDto; format: HandoutFormat }) => downloadHandout(handout, format) });
}
