import type { ImportReportDto } from '@cchc/shared';
import { api, downloadFile } from '../api/client';

export const IMPORT_HAS_ERRORS = 'IMPORT_HAS_ERRORS';

export const downloadImportTemplate = () => downloadFile('/people/import/template.xlsx', 'mau-nhap-danh-sach-can-bo.xlsx');

export const dryRunImport = (file: File) => api.upload<ImportReportDto>('/people/import/dry-run', file);

export const commitImport = (file: File) => api.upload<ImportReportDto>('/people/import/commit', file);

export function isImportReport(value: unknown): value is ImportReportDto {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as ImportReportDto).problems) &&
    Array.isArray((value as ImportReportDto).rows)
  );
}
