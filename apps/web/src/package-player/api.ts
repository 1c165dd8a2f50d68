import type { Cmi5LaunchDto, PackageCommitRequestDto, PackageCommitResultDto, PackageLaunchDto, PackageSummaryDto } from '@cchc/shared';
import { api } from '../api/client';

export const getPackageLaunch = (lessonId: string, signal?: AbortSignal) => api.get<PackageLaunchDto>(`/lessons/${lessonId}/package/launch`, {}, signal);
export const sendPackageCommit = (lessonId: string, body: PackageCommitRequestDto) => api.post<PackageCommitResultDto>(`/lessons/${lessonId}/package/commits`, body);
export const getPackageSummary = (lessonId: string, signal?: AbortSignal) => api.get<PackageSummaryDto | null>(`/authoring/lessons/${lessonId}/package`, {}, signal);
export const uploadPackage = (lessonId: string, file: File) => api.upload<PackageSummaryDto>(`/authoring/lessons/${lessonId}/package`, file);
export const launchCmi5 = (lessonId: string, itemId: string) => api.post<Cmi5LaunchDto>(`/lessons/${lessonId}/package/cmi5-launch`, { itemId });
