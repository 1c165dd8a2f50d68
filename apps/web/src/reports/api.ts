import { api, downloadFile } from '../api/client';

export interface ReportParams {
  year?: number;
  phase?: number;
  unitId?: string;
}

export interface ReportPreview {
  kind: 'province' | 'unit';
  unitName: string;
  periodLabel: string;
  title: string;
  sections: {
    target: { id: string; name: string; legalBasisNumber: string; thresholdPct: number };
    year: number;
    counts: 'people' | 'units';
    total: { eligible: number; covered: number; pct: number; status: 'met' | 'on_track' | 'behind'; testsTaken: number; passRate: number | null; averageScore: number | null };
    missingTotal: number;
  }[];
}

export const previewReport = (p: ReportParams, signal?: AbortSignal) => api.get<ReportPreview>('/reports/yearly', { ...p }, signal);
export const downloadReport = (p: ReportParams, format: 'xlsx' | 'pdf') => downloadFile(`/reports/yearly.${format}`, `bao-cao.${format}`, { ...p });
