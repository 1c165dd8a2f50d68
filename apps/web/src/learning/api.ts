import type {
  TestRoundChoiceDto,
  AssignmentDto,
  AssignmentMemberDto,
  AuthoringLessonDto,
  CertificateVerificationDto,
  CompletionRule,
  CourseDetailDto,
  CourseStatus,
  CourseSummaryDto,
  LearningStatus,
  LessonDto,
  LessonKind,
  MyLearningDto,
  Page,
  PersonCategory,
  ProgressResultDto,
} from '@cchc/shared';
import { api, downloadFile } from '../api/client';

export interface CatalogueFilters {
  q?: string;
  topicId?: string;
}

// ---- learners ----
export const listCatalogue = (filters: CatalogueFilters, signal?: AbortSignal) => api.get<CourseSummaryDto[]>('/courses', { ...filters }, signal);
export const getCourse = (id: string, signal?: AbortSignal) => api.get<CourseDetailDto>(`/courses/${id}`, {}, signal);
export const enrol = (id: string) => api.post<CourseDetailDto>(`/courses/${id}/enrol`);
export const getLesson = (id: string, signal?: AbortSignal) => api.get<LessonDto>(`/lessons/${id}`, {}, signal);
export const saveProgress = (id: string, body: { completed?: boolean; positionSeconds?: number }) => api.post<ProgressResultDto>(`/lessons/${id}/progress`, body);
export const getMyLearning = (signal?: AbortSignal) => api.get<MyLearningDto>('/my-learning', {}, signal);
export const downloadCertificate = (courseId: string) => downloadFile(`/courses/${courseId}/certificate`, 'chung-nhan.pdf');

/** The public check needs no session. */
export async function verifyCertificate(code: string): Promise<CertificateVerificationDto | null> {
  const res = await fetch(`/api/certificates/${encodeURIComponent(code)}`, { headers: { Accept: 'application/json' } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as CertificateVerificationDto;
}

// ---- authoring ----
export interface CourseFields {
  title?: string;
  description?: string;
  topicIds?: string[];
  estimatedHours?: number;
  status?: CourseStatus;
  completionRule?: CompletionRule;
}
export interface LessonFields {
  title?: string;
  kind?: LessonKind;
  bodyHtml?: string;
  url?: string;
  durationMinutes?: number;
}
/** Rounds a "final test passed" completion rule can name. */
export const listRoundChoices = (signal?: AbortSignal) => api.get<TestRoundChoiceDto[]>('/test-rounds/choices', {}, signal);
export const listAuthoringCourses = (signal?: AbortSignal) => api.get<CourseSummaryDto[]>('/authoring/courses', {}, signal);
export const getAuthoringCourse = (id: string, signal?: AbortSignal) => api.get<CourseDetailDto>(`/authoring/courses/${id}`, {}, signal);
export const createCourse = (fields: Required<Pick<CourseFields, 'title' | 'topicIds' | 'estimatedHours'>> & CourseFields) => api.post<CourseDetailDto>('/authoring/courses', fields);
export const updateCourse = (id: string, fields: CourseFields) => api.patch<CourseDetailDto>(`/authoring/courses/${id}`, fields);
export const addModule = (courseId: string, title: string) => api.post<CourseDetailDto>(`/authoring/courses/${courseId}/modules`, { title });
export const renameModule = (id: string, title: string) => api.patch<CourseDetailDto>(`/authoring/modules/${id}`, { title });
export const deleteModule = (id: string) => api.delete<CourseDetailDto>(`/authoring/modules/${id}`);
export const addLesson = (moduleId: string, fields: LessonFields) => api.post<AuthoringLessonDto>(`/authoring/modules/${moduleId}/lessons`, fields);
export const getAuthoringLesson = (id: string, signal?: AbortSignal) => api.get<AuthoringLessonDto>(`/authoring/lessons/${id}`, {}, signal);
export const updateLesson = (id: string, fields: LessonFields) => api.patch<AuthoringLessonDto>(`/authoring/lessons/${id}`, fields);
export const deleteLesson = (id: string) => api.delete<CourseDetailDto>(`/authoring/lessons/${id}`);
export const uploadLessonFile = (id: string, file: File) => api.upload<AuthoringLessonDto>(`/authoring/lessons/${id}/file`, file);

// ---- assignments ----
export interface AssignmentInput {
  courseId: string;
  unitId: string;
  categories: PersonCategory[];
  doesCchcWork: boolean | null;
  isLeader: boolean | null;
  dueDate: string;
  note?: string;
}
export interface MemberFilters {
  status?: LearningStatus;
  page: number;
  pageSize: number;
}
export const listAssignments = (signal?: AbortSignal) => api.get<AssignmentDto[]>('/assignments', {}, signal);
export const getAssignment = (id: string, signal?: AbortSignal) => api.get<AssignmentDto>(`/assignments/${id}`, {}, signal);
export const listAssignmentMembers = (id: string, filters: MemberFilters, signal?: AbortSignal) =>
  api.get<Page<AssignmentMemberDto>>(`/assignments/${id}/people`, { ...filters }, signal);
export const createAssignment = (input: AssignmentInput) => api.post<AssignmentDto>('/assignments', input);
export const cancelAssignment = (id: string) => api.post<AssignmentDto>(`/assignments/${id}/cancel`);

