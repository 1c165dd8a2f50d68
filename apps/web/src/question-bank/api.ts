import type {
  Difficulty,
  LessonPickDto,
  LibraryDocumentDto,
  LibrarySearchPage,
  Page,
  QuestionBulkResultDto,
  QuestionDetailDto,
  QuestionFileFormat,
  QuestionFormat,
  QuestionImportReportDto,
  QuestionListItemDto,
  QuestionOption,
  QuestionStatus,
  QuestionType,
  QuestionVersionDto,
} from '@cchc/shared';
import { api, downloadFile } from '../api/client';

export interface QuestionFilters {
  q?: string;
  topicId?: string;
  includeSubtopics?: boolean;
  difficulty?: Difficulty;
  type?: QuestionType;
  status?: QuestionStatus;
  tag?: string;
  page: number;
  pageSize: number;
}

export interface QuestionInput {
  topicId: string;
  type: QuestionType;
  difficulty: Difficulty;
  format: QuestionFormat;
  stem: string;
  options: QuestionOption[];
  correct: string[];
  explanation?: string | null;
  lessonIds: string[];
  documentIds: string[];
  tags: string[];
}

export interface ImportOptions {
  format: QuestionFileFormat;
  topicCode?: string;
  difficulty?: Difficulty;
  publish?: boolean;
  /** JSON object: Moodle category path → topic code (the mapping step). */
  categoryTopics?: string;
  /** The author saw the list of questions of unsupported types and skips them. */
  skipUnsupported?: boolean;
}

export const IMPORT_HAS_ERRORS = 'IMPORT_HAS_ERRORS';

const exportParams = ({ page: _page, pageSize: _pageSize, ...filters }: QuestionFilters) => filters;

export const listQuestions = (filters: QuestionFilters, signal?: AbortSignal) => api.get<Page<QuestionListItemDto>>('/questions', { ...filters }, signal);
export const getQuestion = (id: string) => api.get<QuestionDetailDto>(`/questions/${id}`);
export const getQuestionVersions = (id: string) => api.get<QuestionVersionDto[]>(`/questions/${id}/versions`);
export const listQuestionTags = () => api.get<string[]>('/questions/tags');
export const createQuestion = (input: QuestionInput & { publish?: boolean }) => api.post<QuestionDetailDto>('/questions', input);
export const updateQuestion = (id: string, input: QuestionInput & { expectedVersion: number }) => api.put<QuestionDetailDto>(`/questions/${id}`, input);
export const changeQuestionStatus = (id: string, status: QuestionStatus) => api.post<QuestionDetailDto>(`/questions/${id}/status`, { status });
export const bulkTagQuestions = (ids: string[], add: string[], remove: string[]) => api.post<QuestionBulkResultDto>('/questions/bulk/tag', { ids, add, remove });
export const bulkRetireQuestions = (ids: string[]) => api.post<QuestionBulkResultDto>('/questions/bulk/retire', { ids });
export const exportQuestionsXlsx = (filters: QuestionFilters) => downloadFile('/questions/export.xlsx', 'ngan-hang-cau-hoi.xlsx', exportParams(filters));
export const exportQuestionsGift = (filters: QuestionFilters) => downloadFile('/questions/export.gift', 'ngan-hang-cau-hoi.gift.txt', exportParams(filters));
export const downloadQuestionTemplate = () => downloadFile('/questions/import/template.xlsx', 'mau-nhap-cau-hoi.xlsx');

const importQuery = (o: ImportOptions) =>
  `?${new URLSearchParams(Object.entries(o).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString()}`;
export const dryRunQuestionImport = (file: File, o: ImportOptions) => api.upload<QuestionImportReportDto>(`/questions/import/dry-run${importQuery(o)}`, file);
export const commitQuestionImport = (file: File, o: ImportOptions) => api.upload<QuestionImportReportDto>(`/questions/import/commit${importQuery(o)}`, file);

export function isQuestionImportReport(value: unknown): value is QuestionImportReportDto {
  return typeof value === 'object' && value !== null && Array.isArray((value as QuestionImportReportDto).problems) && Array.isArray((value as QuestionImportReportDto).questions);
}

/** The question form's pickers: lessons (any kind, with course and module) and library documents, by words. */
export const searchLessonsToLink = (q: string, signal?: AbortSignal) => api.get<Page<LessonPickDto>>('/authoring/lessons', { q, pageSize: 8 }, signal);
export const lessonsByIds = (ids: string[], signal?: AbortSignal) => api.get<Page<LessonPickDto>>('/authoring/lessons', { ids: ids.join(','), pageSize: 50 }, signal);
export const searchDocumentsToLink = (q: string, signal?: AbortSignal) => api.get<LibrarySearchPage>('/library/documents', { q, page: 1, pageSize: 8 }, signal);
export const documentById = (id: string, signal?: AbortSignal) => api.get<LibraryDocumentDto>(`/library/documents/${id}`, {}, signal);
