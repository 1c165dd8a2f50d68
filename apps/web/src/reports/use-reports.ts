import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { downloadReport, getCertificateSettings, previewReport, ReportFormat, ReportParams, saveCertificateSettings } from './api';

export const useReportPreview = (p: ReportParams) =>
  useQuery({ queryKey: queryKeys.reports.preview(p), queryFn: ({ signal }) => previewReport(p, signal), placeholderData: keepPreviousData });

export const useDownloadReport = () => useMutation({ mutationFn: ({ format, ...p }: ReportParams & { format: ReportFormat }) => downloadReport(p, format) });

export const useCertificateSettings = () => useQuery({ queryKey: queryKeys.reports.certificateSettings(), queryFn: ({ signal }) => getCertificateSettings(signal) });

export function useSaveCertificateSettings() {
  const client = useQueryClient();
  return useMutation({ mutationFn: saveCertificateSettings, onSuccess: (saved) => client.setQueryData(queryKeys.reports.certificateSettings(), saved) });
}
