import type { ImportReportDto } from '@cchc/shared';
import { api, downloadFile, toQueryString } from '../api/client';

export const IMPORT_HAS_ERRORS = 'IMPORT_HAS_ERRORS';

export const downloadImportTemplate = () => downloadFile('/people/import/template.xlsx', 'mau-nhap-danh-sach-can-bo.xlsx');

export interface ImportOptions {
  /** "Tạo tài khoản cho người mới". */
  createAccounts: boolean;
}

const options = ({ createAccounts }: ImportOptions) => toQueryString(createAccounts ? { createAccounts: 'true' } : {});

export const dryRunImport = (file: File, opts: ImportOptions) => api.upload<ImportReportDto>(`/people/import/dry-run${options(opts)}`, file);

export const commitImport = (file: File, opts: ImportOptions) => api.upload<ImportReportDto>(`/people/import/commit${options(opts)}`, file);

export function isImportReport(value: unknown): value is ImportReportDto {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as ImportReportDto).problems) &&
    Array.isArray((value as ImportReportDto).rows)
  );
}
