import type { AttendanceImportReportDto, AttendanceRowDto, TrainingSessionDto } from '@cchc/shared';
import { api } from '../api/client';

export interface SessionInput {
  title: string;
  topicId: string;
  startsOn: string;
  endsOn: string;
  place?: string;
  organisingUnitId: string;
  forUnitIds?: string[];
  trainer?: string;
  hours: number;
}

export const listSessions = (signal?: AbortSignal) => api.get<TrainingSessionDto[]>('/training-sessions', {}, signal);
export const createSession = (input: SessionInput) => api.post<TrainingSessionDto>('/training-sessions', input);
export const updateSession = (id: string, input: SessionInput) => api.put<TrainingSessionDto>(`/training-sessions/${encodeURIComponent(id)}`, input);
export const listAttendance = (id: string, signal?: AbortSignal) => api.get<AttendanceRowDto[]>(`/training-sessions/${encodeURIComponent(id)}/attendance`, {}, signal);
export const importAttendance = (id: string, file: File, commit: boolean) =>
  api.upload<AttendanceImportReportDto>(`/training-sessions/${encodeURIComponent(id)}/attendance/import/${commit ? 'commit' : 'dry-run'}`, file);
export const sessionQr = (id: string) => api.post<{ token: string; url: string; dataUrl: string; expiresAt: string }>(`/training-sessions/${encodeURIComponent(id)}/qr`);
export const checkIn = (token: string) => api.post<{ sessionTitle: string; added: boolean }>('/training-sessions/check-in', { token });
