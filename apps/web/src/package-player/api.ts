import type { Cmi5LaunchDto, Cmi5LaunchMode, PackageCommitRequestDto, PackageCommitResultDto, PackageLaunchDto, PackageLaunchItemDto, PackageLessonRecordDto, PackageStatusDto, PackageSummaryDto } from '@cchc/shared';
import { api } from '../api/client';

export const getPackageLaunch = (lessonId: string, signal?: AbortSignal, startNew = false) => api.get<PackageLaunchDto>(`/lessons/${lessonId}/package/launch`, startNew ? { attempt: 'new' } : {}, signal);
export const sendPackageCommit = (lessonId: string, body: PackageCommitRequestDto) => api.post<PackageCommitResultDto>(`/lessons/${lessonId}/package/commits`, body);
export const getPackageSummary = (lessonId: string, signal?: AbortSignal) => api.get<PackageSummaryDto | null>(`/authoring/lessons/${lessonId}/package`, {}, signal);
export const uploadPackage = (lessonId: string, file: File) => api.upload<PackageSummaryDto>(`/authoring/lessons/${lessonId}/package`, file);
export const launchCmi5 = (lessonId: string, itemId: string, mode: Cmi5LaunchMode = 'Normal') => api.post<Cmi5LaunchDto>(`/lessons/${lessonId}/package/cmi5-launch`, { itemId, mode });
/** The browser revalidates it with its ETag (cache-control no-cache): an unchanged status costs a 304. */
export const getPackageStatus = (lessonId: string) => api.get<PackageStatusDto>(`/lessons/${lessonId}/package/status`);
export const getPersonPackages = (personId: string, signal?: AbortSignal) => api.get<PackageLessonRecordDto[]>(`/people/${personId}/package-lessons`, {}, signal);
export const waiveAu = (personId: string, lessonId: string, body: { itemId: string; reason: string; note?: string }) =>
  api.post<PackageLaunchItemDto[]>(`/people/${personId}/package-lessons/${lessonId}/waivers`, body);
