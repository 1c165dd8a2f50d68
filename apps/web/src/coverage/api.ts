import type { EvidenceKind, TargetAudienceDto, TargetKind, TargetPhase, ValidityMode } from '@cchc/shared';
import type { CoverageMatrixDto, CoverageSummaryDto, LowScorerSort, MissingItemDto, MyTargetDto, Page, ScoreRowDto, TargetDto } from '@cchc/shared';
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
  /** Column title in the heat map; empty = made from the name. */
  shortName: string;
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
export const getMatrix = (unitId: string | undefined, year: number | undefined, signal?: AbortSignal) => api.get<CoverageMatrixDto>('/coverage/matrix', { unitId, year }, signal);
export const getSummary = (targetId: string, p: CoverageParams, signal?: AbortSignal) =>
  api.get<CoverageSummaryDto>(`/coverage/targets/${encodeURIComponent(targetId)}`, { unitId: p.unitId, year: p.year }, signal);
export const getMissing = (targetId: string, p: CoverageParams & { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<Page<MissingItemDto> & { year: number }>(`/coverage/targets/${encodeURIComponent(targetId)}/missing`, { ...p }, signal);
export const exportMissing = (targetId: string, p: CoverageParams) =>
  downloadFile(`/coverage/targets/${encodeURIComponent(targetId)}/missing.xlsx`, 'chua-dat.xlsx', { unitId: p.unitId, year: p.year });
export type ScoreListKind = 'low' | 'high';
const SCORE_LIST_PATH: Record<ScoreListKind, string> = { low: '/coverage/low-scorers', high: '/coverage/commendations' };
export const getScoreList = (kind: ScoreListKind, p: CoverageParams & { page: number; pageSize: number; sort?: LowScorerSort }, signal?: AbortSignal) =>
  api.get<Page<ScoreRowDto> & { year: number }>(SCORE_LIST_PATH[kind], { ...p }, signal);
export const exportScoreList = (kind: ScoreListKind, p: CoverageParams & { sort?: LowScorerSort }) =>
  downloadFile(`${SCORE_LIST_PATH[kind]}.xlsx`, kind === 'low' ? 'diem-thap.xlsx' : 'bieu-duong.xlsx', { unitId: p.unitId, year: p.year, sort: p.sort });
export const getMyTargets = (signal?: AbortSignal) => api.get<MyTargetDto[]>('/coverage/me', {}, signal);
