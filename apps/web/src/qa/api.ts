import type { FaqEntryDto, Page, QaQuestionDto, QaStatus } from '@cchc/shared';
import { api } from '../api/client';

export interface FaqFilters {
  q?: string;
  topicId?: string;
  page: number;
  pageSize: number;
}

export interface InboxFilters {
  q?: string;
  topicId?: string;
  status?: QaStatus;
  page: number;
  pageSize: number;
}

export interface NewQuestion {
  title: string;
  body: string;
  topicId?: string;
}

export const listFaq = (filters: FaqFilters, signal?: AbortSignal) => api.get<Page<FaqEntryDto>>('/qa/faq', { ...filters }, signal);
export const listMyQuestions = (page: number, signal?: AbortSignal) => api.get<Page<QaQuestionDto>>('/qa/questions/mine', { page, pageSize: 20 }, signal);
export const listInbox = (filters: InboxFilters, signal?: AbortSignal) => api.get<Page<QaQuestionDto>>('/qa/inbox', { ...filters }, signal);
export const getQuestion = (id: string, signal?: AbortSignal) => api.get<QaQuestionDto>(`/qa/questions/${id}`, {}, signal);
export const askQuestion = (question: NewQuestion) => api.post<QaQuestionDto>('/qa/questions', question);
export const answerQuestion = (id: string, answer: string) => api.post<QaQuestionDto>(`/qa/questions/${id}/answer`, { answer });
export const publishQuestion = (id: string, changes: { published: boolean; title?: string; body?: string }) =>
  api.post<QaQuestionDto>(`/qa/questions/${id}/publish`, changes);
