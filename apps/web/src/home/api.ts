import type { HomeDto } from '@cchc/shared';
import { api } from '../api/client';

export const getHome = (signal?: AbortSignal) => api.get<HomeDto>('/home', {}, signal);
