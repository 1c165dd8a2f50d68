import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import {
  deleteDocument,
  getDocument,
  searchDocuments,
  updateDocument,
  uploadDocument,
  type DocumentChanges,
  type DocumentFields,
  type LibraryFilters,
} from './api';

export function useDocumentSearch(filters: LibraryFilters, enabled = true) {
  return useQuery({
    enabled,
    queryKey: queryKeys.library.search(filters),
    queryFn: ({ signal }) => searchDocuments(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDocument(id: string) {
  return useQuery({ queryKey: queryKeys.library.detail(id), queryFn: ({ signal }) => getDocument(id, signal) });
}


export function useUploadDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ fields, file }: { fields: DocumentFields; file: File }) => uploadDocument(fields, file),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.library.all }),
  });
}

export function useUpdateDocument(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: DocumentChanges) => updateDocument(id, changes),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.library.all }),
  });
}

export function useDeleteDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteDocument(id),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.library.all }),
  });
}
