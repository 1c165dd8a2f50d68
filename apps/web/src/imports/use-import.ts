import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { commitImport, downloadImportTemplate, dryRunImport, type ImportOptions } from './api';

export const useDownloadImportTemplate = () => useMutation({ mutationFn: downloadImportTemplate });

export const useDryRunImport = () => useMutation({ mutationFn: ({ file, options }: { file: File; options: ImportOptions }) => dryRunImport(file, options) });

export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, options }: { file: File; options: ImportOptions }) => commitImport(file, options),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.people.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.units.all }),
      ]);
    },
  });
}
