import type { CreatedLrsClientDto, LrsClientDto } from '@cchc/shared';
import { api } from '../api/client';

export type LrsScope = LrsClientDto['scopes'][number];

export const listLrsClients = (signal?: AbortSignal) => api.get<LrsClientDto[]>('/lrs/clients', {}, signal);
export const createLrsClient = (input: { name: string; scopes: LrsScope[] }) => api.post<CreatedLrsClientDto>('/lrs/clients', input);
export const revokeLrsClient = (id: string) => api.post<void>(`/lrs/clients/${encodeURIComponent(id)}/revoke`, {});
