import type { TopicDto } from '@cchc/shared';
import { api } from '../api/client';

export const listTopics = (signal?: AbortSignal) => api.get<TopicDto[]>('/topics', {}, signal);
