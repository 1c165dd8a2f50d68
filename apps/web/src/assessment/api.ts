import type {
  AttemptDto,
  BlueprintCheckDto,
  BlueprintLine,
  CommendationDto,
  ItemAnalysisDto,
  MyResultDto,
  MyRoundDto,
  RemedialAssignmentDto,
  RoundResultsDto,
  SaveAnswerResultDto,
  TestRoundDto,
} from '@cchc/shared';
import { api, downloadFile } from '../api/client';

export const listMyRounds = (signal?: AbortSignal) => api.get<MyRoundDto[]>('/test-rounds/mine', {}, signal);
export const startAttempt = (roundId: string) => api.post<AttemptDto>(`/test-rounds/${roundId}/attempts`);
export const getAttempt = (attemptId: string, signal?: AbortSignal) => api.get<AttemptDto>(`/attempts/${attemptId}`, {}, signal);
export const saveAnswer = (attemptId: string, questionId: string, choice: string[], seq: number) =>
  api.put<SaveAnswerResultDto>(`/attempts/${attemptId}/answers/${questionId}`, { choice, seq });
/** Submits and answers with the result page itself (no second request for it). */
export const submitAttempt = (attemptId: string) => api.post<MyResultDto>(`/attempts/${attemptId}/submit`);
export const getMyResult = (roundId: string, signal?: AbortSignal) => api.get<MyResultDto>(`/test-rounds/${roundId}/my-result`, {}, signal);

export const listRounds = (signal?: AbortSignal) => api.get<TestRoundDto[]>('/test-rounds', {}, signal);
export const getRound = (id: string, signal?: AbortSignal) => api.get<TestRoundDto>(`/test-rounds/${id}`, {}, signal);
export const checkBlueprint = (blueprint: BlueprintLine[]) => api.post<BlueprintCheckDto>('/test-rounds/blueprint-check', { blueprint });
export const createRound = (body: object) => api.post<TestRoundDto>('/test-rounds', body);
export const publishRound = (id: string) => api.post<TestRoundDto>(`/test-rounds/${id}/publish`);
export const getRoundResults = (roundId: string, lowOnly: boolean, signal?: AbortSignal) =>
  api.get<RoundResultsDto>(`/test-rounds/${roundId}/results`, { lowOnly }, signal);
export const getCommendations = (roundId: string, signal?: AbortSignal) => api.get<CommendationDto[]>(`/test-rounds/${roundId}/commendations`, {}, signal);
export const exportCommendations = (roundId: string) => downloadFile(`/test-rounds/${roundId}/commendations.xlsx`, 'bieu-duong.xlsx');
export const getItemAnalysis = (roundId: string, signal?: AbortSignal) => api.get<ItemAnalysisDto[]>(`/test-rounds/${roundId}/item-analysis`, {}, signal);
export const listMyRemedial = (signal?: AbortSignal) => api.get<RemedialAssignmentDto[]>('/remedial/mine', {}, signal);
export const markRemedialRead = ({ assignmentId, documentId }: { assignmentId: string; documentId: string }) =>
  api.post<RemedialAssignmentDto>(`/remedial/${assignmentId}/documents/${documentId}/read`);
