import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { checkIn, createSession, updateSession, importAttendance, listAttendance, listSessions, SessionInput, sessionQr } from './api';

export const useSessions = () => useQuery({ queryKey: queryKeys.trainingSessions.list(), queryFn: ({ signal }) => listSessions(signal) });
export const useAttendance = (id: string | null) =>
  useQuery({ queryKey: queryKeys.trainingSessions.attendance(id ?? ''), queryFn: ({ signal }) => listAttendance(id!, signal), enabled: !!id });

/** Creates (id null) or edits a session. The units it is for count in units targets ("every commune trained"), so coverage changes too. */
export function useSaveSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: SessionInput }) => (id ? updateSession(id, input) : createSession(input)),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: queryKeys.trainingSessions.all }), client.invalidateQueries({ queryKey: queryKeys.coverage.all })]),
  });
}

export function useImportAttendance(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, commit }: { file: File; commit: boolean }) => importAttendance(id, file, commit),
    onSuccess: (report) => {
      if (report.committed) {
        client.invalidateQueries({ queryKey: queryKeys.trainingSessions.all });
        client.invalidateQueries({ queryKey: queryKeys.coverage.all });
      }
    },
  });
}

export const useSessionQr = (id: string) => useMutation({ mutationFn: () => sessionQr(id) });
export const useCheckIn = () => useMutation({ mutationFn: (token: string) => checkIn(token) });
