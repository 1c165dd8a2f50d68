import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { commitImport, downloadImportTemplate, dryRunImport } from './api';

export const useDownloadImportTemplate = () => useMutation({ mutationFn: downloadImportTemplate });

export const useDryRunImport = () => useMutation({ mutationFn: (file: File) => dryRunImport(file) });

export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => commitImport(file),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.people.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.units.all }),
      ]);
    },
  });
}
