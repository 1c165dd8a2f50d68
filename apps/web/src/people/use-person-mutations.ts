import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PersonDetailDto } from '@cchc/shared';
import { queryKeys } from '../query-keys';
import {
  changePersonStatus,
  createPerson,
  transferPerson,
  updatePerson,
  type CreatePersonInput,
  type PersonChanges,
  type StatusChangeInput,
  type TransferInput,
} from './api';

/** A person change moves list rows and unit head counts: refresh people lists and units, seed the detail. */
function usePersonMutation<TVars>(fn: (vars: TVars) => Promise<PersonDetailDto>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (person) => {
      if (person?.id) queryClient.setQueryData(queryKeys.people.detail(person.id), person);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.people.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.units.all }),
      ]);
    },
  });
}

export const useCreatePerson = () => usePersonMutation((input: CreatePersonInput) => createPerson(input));
export const useUpdatePerson = () =>
  usePersonMutation((vars: { id: string; changes: PersonChanges }) => updatePerson(vars.id, vars.changes));
export const useTransferPerson = () =>
  usePersonMutation((vars: { id: string; input: TransferInput }) => transferPerson(vars.id, vars.input));
export const useChangePersonStatus = () =>
  usePersonMutation((vars: { id: string; input: StatusChangeInput }) => changePersonStatus(vars.id, vars.input));
