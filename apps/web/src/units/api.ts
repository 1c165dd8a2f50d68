import type { UnitDetailDto, UnitDto, UnitLevel } from '@cchc/shared';
import { api } from '../api/client';

export interface CreateUnitInput {
  code: string;
  name: string;
  level: UnitLevel;
  parentId: string | null;
}

export const listUnits = (includeClosed: boolean, signal?: AbortSignal) =>
  api.get<UnitDto[]>('/units', { includeClosed }, signal);

export const getUnit = (id: string, signal?: AbortSignal) =>
  api.get<UnitDetailDto>(`/units/${encodeURIComponent(id)}`, {}, signal);

export const createUnit = (input: CreateUnitInput) => api.post<UnitDto>('/units', input);

export const updateUnit = (id: string, changes: { name?: string; code?: string }) =>
  api.patch<UnitDto>(`/units/${encodeURIComponent(id)}`, changes);

export const moveUnit = (id: string, newParentId: string) =>
  api.post<UnitDto>(`/units/${encodeURIComponent(id)}/move`, { newParentId });

export const closeUnit = (id: string) => api.post<UnitDto>(`/units/${encodeURIComponent(id)}/close`, {});

/** The sources merge into `targetId`, which survives; their people move there. */
export const mergeUnits = (targetId: string, sourceUnitIds: string[]) =>
  api.post<UnitDto>(`/units/${encodeURIComponent(targetId)}/merge`, { sourceUnitIds });
