import type { NotificationListDto } from '@cchc/shared';
import { api } from '../api/client';

export const listNotifications = (signal?: AbortSignal) => api.get<NotificationListDto>('/notifications', { limit: 20 }, signal);
export const markNotificationRead = (id: string) => api.post<void>(`/notifications/${id}/read`);
export const markAllNotificationsRead = () => api.post<void>('/notifications/read-all');
