import type { CertificateSettingsDto, CoverageStatus } from '@cchc/shared';
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
    /** pct and status are null when no one is eligible. */
    total: { eligible: number; covered: number; pct: number | null; status: CoverageStatus | null; testsTaken: number; testsPassed: number; passRate: number | null; averageScore: number | null };
    missingTotal: number;
  }[];
}

export const previewReport = (p: ReportParams, signal?: AbortSignal) => api.get<ReportPreview>('/reports/yearly', { ...p }, signal);
export type ReportFormat = 'xlsx' | 'pdf' | 'docx';

export const downloadReport = (p: ReportParams, format: ReportFormat) => downloadFile(`/reports/yearly.${format}`, `bao-cao.${format}`, { ...p });

export const getCertificateSettings = (signal?: AbortSignal) => api.get<CertificateSettingsDto>('/certificate-settings', {}, signal);
export const saveCertificateSettings = (s: CertificateSettingsDto) => api.put<CertificateSettingsDto>('/certificate-settings', s);
