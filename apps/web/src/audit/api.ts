import type { AuditEntryDto, Page } from '@cchc/shared';
import { api } from '../api/client';

export interface AuditFilters {
  entityType?: string;
  action?: string;
  q?: string;
  /** YYYY-MM-DD */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export const listAudit = (filters: AuditFilters, signal?: AbortSignal) =>
  api.get<Page<AuditEntryDto>>('/audit', { ...filters }, signal);
