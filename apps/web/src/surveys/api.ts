import type { SurveyDto, SurveyQuestion, SurveyResultsDto } from '@cchc/shared';
import { api } from '../api/client';

export const mySurveys = (signal?: AbortSignal) => api.get<SurveyDto[]>('/surveys/mine', {}, signal);
export const allSurveys = (signal?: AbortSignal) => api.get<SurveyDto[]>('/surveys', {}, signal);
export const surveyResults = (id: string, signal?: AbortSignal) => api.get<SurveyResultsDto>(`/surveys/${encodeURIComponent(id)}/results`, {}, signal);
export const answerSurvey = (id: string, answers: Record<string, unknown>) => api.post<{ saved: true }>(`/surveys/${encodeURIComponent(id)}/responses`, { answers });

/** The body of POST /api/surveys (CreateSurveyRequest). */
export interface CreateSurveyInput {
  kind: 'needs' | 'evaluation';
  title: string;
  questions: SurveyQuestion[];
  topicId?: string;
  sessionId?: string;
  audienceUnitId?: string;
  opensAt: string;
  closesAt: string;
}
export const createSurvey = (input: CreateSurveyInput) => api.post<SurveyDto>('/surveys', input);
