import type { SurveyDto, SurveyResultsDto } from '@cchc/shared';
import { api } from '../api/client';

export const mySurveys = (signal?: AbortSignal) => api.get<SurveyDto[]>('/surveys/mine', {}, signal);
export const allSurveys = (signal?: AbortSignal) => api.get<SurveyDto[]>('/surveys', {}, signal);
export const surveyResults = (id: string, signal?: AbortSignal) => api.get<SurveyResultsDto>(`/surveys/${encodeURIComponent(id)}/results`, {}, signal);
export const answerSurvey = (id: string, answers: Record<string, unknown>) => api.post<{ saved: true }>(`/surveys/${encodeURIComponent(id)}/responses`, { answers });
