import type { CreatedLrsClientDto, ForwardDeadLetterDto, ForwardEndpointDto, LrsClientDto } from '@cchc/shared';
import { api } from '../api/client';

export type LrsScope = LrsClientDto['scopes'][number];

export const listLrsClients = (signal?: AbortSignal) => api.get<LrsClientDto[]>('/lrs/clients', {}, signal);
export const createLrsClient = (input: { name: string; scopes: LrsScope[] }) => api.post<CreatedLrsClientDto>('/lrs/clients', input);
export const revokeLrsClient = (id: string) => api.post<void>(`/lrs/clients/${encodeURIComponent(id)}/revoke`, {});

export interface ForwardEndpointInput {
  name: string;
  url: string;
  key: string;
  secret: string;
  xapiVersion: '1.0.3' | '2.0.0';
  verbs: string[];
  unitId: string | null;
}

export interface DeadLetterPage {
  items: ForwardDeadLetterDto[];
  total: number;
  page: number;
  pageSize: number;
}

export const listForwardEndpoints = (signal?: AbortSignal) => api.get<ForwardEndpointDto[]>('/lrs/forwarding', {}, signal);
export const createForwardEndpoint = (input: ForwardEndpointInput) => api.post<ForwardEndpointDto>('/lrs/forwarding', input);
export const setForwardEndpointActive = (id: string, active: boolean) => api.patch<ForwardEndpointDto>(`/lrs/forwarding/${encodeURIComponent(id)}`, { active });
export const listDeadLetters = (id: string, page: number, signal?: AbortSignal) =>
  api.get<DeadLetterPage>(`/lrs/forwarding/${encodeURIComponent(id)}/dead-letters`, { page, pageSize: 20 }, signal);
export const retryDeadLetters = (id: string, statementIds?: string[]) =>
  api.post<{ requested: number }>(`/lrs/forwarding/${encodeURIComponent(id)}/retry`, statementIds ? { statementIds } : {});
