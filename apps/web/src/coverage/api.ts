import type { EvidenceKind, TargetAudienceDto, TargetKind, TargetPhase, ValidityMode } from '@cchc/shared';
import type { CoverageMatrixDto, CoverageSummaryDto, MissingItemDto, MyTargetDto, Page, ScoresDto, TargetDto } from '@cchc/shared';
import { api, downloadFile } from '../api/client';

export interface CoverageParams {
  unitId?: string;
  year?: number;
}

export const listTargets = (signal?: AbortSignal, includeInactive = false) => api.get<TargetDto[]>('/targets', includeInactive ? { includeInactive: true } : {}, signal);
export const getTarget = (id: string, signal?: AbortSignal) => api.get<TargetDto>(`/targets/${encodeURIComponent(id)}`, {}, signal);

/** The body of POST /api/targets and PUT /api/targets/:id (SaveTargetRequest). */
export interface SaveTargetInput {
  code: string;
  name: string;
  legalBasisNumber: string;
  legalBasisDate: string | null;
  topicId: string;
  kind: TargetKind;
  audience: TargetAudienceDto;
  evidenceKinds: EvidenceKind[];
  validity: ValidityMode;
  validityYears: number;
  phases: TargetPhase[];
  startYear: number;
  endYear: number;
  deadline: string;
  thresholdPct: number;
  unitShare: number;
  unitReportDue: string | null;
  provinceReportDue: string | null;
  active: boolean;
}
export const saveTarget = (id: string | null, input: SaveTargetInput) =>
  id ? api.put<TargetDto>(`/targets/${encodeURIComponent(id)}`, input) : api.post<TargetDto>('/targets', input);
export const getMatrix = (unitId: string | undefined, signal?: AbortSignal) => api.get<CoverageMatrixDto>('/coverage/matrix', { unitId }, signal);
export const getSummary = (targetId: string, p: CoverageParams, signal?: AbortSignal) =>
  api.get<CoverageSummaryDto>(`/coverage/targets/${encodeURIComponent(targetId)}`, { unitId: p.unitId, year: p.year }, signal);
export const getMissing = (targetId: string, p: CoverageParams & { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<Page<MissingItemDto> & { year: number }>(`/coverage/targets/${encodeURIComponent(targetId)}/missing`, { ...p }, signal);
export const exportMissing = (targetId: string, p: CoverageParams) =>
  downloadFile(`/coverage/targets/${encodeURIComponent(targetId)}/missing.xlsx`, 'chua-dat.xlsx', { unitId: p.unitId, year: p.year });
export const getScores = (p: CoverageParams, signal?: AbortSignal) => api.get<ScoresDto & { year: number }>('/coverage/scores', { unitId: p.unitId, year: p.year }, signal);
export const getMyTargets = (signal?: AbortSignal) => api.get<MyTargetDto[]>('/coverage/me', {}, signal);
