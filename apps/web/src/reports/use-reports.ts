import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { downloadReport, previewReport, ReportFormat, ReportParams } from './api';

export const useReportPreview = (p: ReportParams) =>
  useQuery({ queryKey: queryKeys.reports.preview(p), queryFn: ({ signal }) => previewReport(p, signal), placeholderData: keepPreviousData });

export const useDownloadReport = () => useMutation({ mutationFn: ({ format, ...p }: ReportParams & { format: ReportFormat }) => downloadReport(p, format) });
