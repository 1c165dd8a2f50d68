import type { DocumentStatus, DocumentType, LibraryDocumentDto, LibrarySearchPage } from '@cchc/shared';
import { api, downloadFile, fetchFileUrl } from '../api/client';

export interface LibraryFilters {
  q?: string;
  topicId?: string;
  type?: DocumentType;
  status?: DocumentStatus;
  year?: number;
  page: number;
  pageSize: number;
}

export interface DocumentFields {
  number?: string | null;
  title: string;
  issuer?: string | null;
  issuedOn?: string | null;
  effectiveOn?: string | null;
  topicId?: string | null;
  type: DocumentType;
  summary?: string | null;
}

export interface DocumentChanges extends Partial<DocumentFields> {
  status?: DocumentStatus;
  replacedById?: string | null;
}

export const searchDocuments = (filters: LibraryFilters, signal?: AbortSignal) =>
  api.get<LibrarySearchPage>('/library/documents', { ...filters }, signal);

export const getDocument = (id: string, signal?: AbortSignal) => api.get<LibraryDocumentDto>(`/library/documents/${id}`, {}, signal);

/** The metadata go first, then the file: the server reads them in that order. */
export function uploadDocument(fields: DocumentFields, file: File) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value) form.append(name, value);
  form.append('file', file, file.name);
  return api.postForm<LibraryDocumentDto>('/library/documents', form);
}

export const updateDocument = (id: string, changes: DocumentChanges) => api.patch<LibraryDocumentDto>(`/library/documents/${id}`, changes);
export const deleteDocument = (id: string) => api.delete<void>(`/library/documents/${id}`);

export const downloadDocument = (doc: LibraryDocumentDto) => downloadFile(`/library/documents/${doc.id}/file`, doc.fileName, { download: true });

/** PDFs open in the browser's own viewer, in a tab opened on the tap itself (so no pop-up blocker stops it). */
export async function openDocument(doc: LibraryDocumentDto): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const url = await fetchFileUrl(`/library/documents/${doc.id}/file`);
    if (tab) tab.location.href = url;
    else window.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    throw error;
  }
}

