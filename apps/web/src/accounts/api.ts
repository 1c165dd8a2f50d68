import type { AccountHandoutDto, BulkAccountsPlanDto, BulkAccountsResultDto, HandoutFormat } from '@cchc/shared';
import { api, downloadPostedFile } from '../api/client';

export const planAccounts = (unitId: string) => api.post<BulkAccountsPlanDto>('/accounts/bulk/dry-run', { unitId });

export const createAccounts = (unitId: string) => api.post<BulkAccountsResultDto>('/accounts/bulk', { unitId });

export const resetAccountPassword = (personId: string) =>
  api.post<AccountHandoutDto>(`/people/${encodeURIComponent(personId)}/account/reset-password`, {});

export const downloadHandout = (handout: AccountHandoutDto, format: HandoutFormat) =>
  downloadPostedFile(`/account-handouts/${encodeURIComponent(handout.handoutId)}/${format}`, { key: handout.handoutKey }, `phieu-tai-khoan.${format}`);
