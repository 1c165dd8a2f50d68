import type { Page, Role, UserDto } from '@cchc/shared';
import { api } from '../api/client';

export interface UsersFilters {
  q?: string;
  page: number;
  pageSize: number;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  unitId?: string;
  personId?: string;
  password: string;
}

export const listUsers = (filters: UsersFilters, signal?: AbortSignal) =>
  api.get<Page<UserDto>>('/users', { ...filters }, signal);

export const createUser = (input: CreateUserInput) => api.post<UserDto>('/users', input);

export const resetUserPassword = (id: string, newPassword: string) =>
  api.post<void>(`/users/${encodeURIComponent(id)}/reset-password`, { newPassword });

export const setUserDisabled = (id: string, disabled: boolean) => api.post<UserDto>(`/users/${encodeURIComponent(id)}/disabled`, { disabled });
