import type { CoverageMatrixDto, CoverageSummaryDto, MissingItemDto, MyTargetDto, Page, ScoresDto, TargetDto } from '@cchc/shared';
import { api, downloadFile } from '../api/client';

export interface CoverageParams {
  unitId?: string;
  year?: number;
}

export const listTargets = (signal?: AbortSignal) => api.get<TargetDto[]>('/targets', {}, signal);
export const getMatrix = (unitId: string | undefined, signal?: AbortSignal) => api.get<CoverageMatrixDto>('/coverage/matrix', { unitId }, signal);
export const getSummary = (targetId: string, p: CoverageParams, signal?: AbortSignal) =>
  api.get<CoverageSummaryDto>(`/coverage/targets/${encodeURIComponent(targetId)}`, { unitId: p.unitId, year: p.year }, signal);
export const getMissing = (targetId: string, p: CoverageParams & { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<Page<MissingItemDto> & { year: number }>(`/coverage/targets/${encodeURIComponent(targetId)}/missing`, { ...p }, signal);
export const exportMissing = (targetId: string, p: CoverageParams) =>
  downloadFile(`/coverage/targets/${encodeURIComponent(targetId)}/missing.xlsx`, 'chua-dat.xlsx', { unitId: p.unitId, year: p.year });
export const getScores = (p: CoverageParams, signal?: AbortSignal) => api.get<ScoresDto & { year: number }>('/coverage/scores', { unitId: p.unitId, year: p.year }, signal);
export const getMyTargets = (signal?: AbortSignal) => api.get<MyTargetDto[]>('/coverage/me', {}, signal);
