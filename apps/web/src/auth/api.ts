import type { MeDto, TokensDto } from '@cchc/shared';
import { api, session } from '../api/client';

export interface Credentials {
  username: string;
  password: string;
}

export async function login(credentials: Credentials): Promise<TokensDto> {
  const tokens = await api.postAnonymous<TokensDto>('/auth/login', credentials);
  session.store(tokens);
  return tokens;
}

/** Tells the server to revoke the refresh token, then forgets the tokens whatever the answer. */
export async function logout(): Promise<void> {
  const refreshToken = session.refreshToken();
  try {
    if (refreshToken) await api.postAnonymous<void>('/auth/logout', { refreshToken });
  } catch {
    /* offline or already revoked: signing out locally is what matters */
  } finally {
    session.clear();
  }
}

export function getMe(signal?: AbortSignal): Promise<MeDto> {
  return api.get<MeDto>('/auth/me', {}, signal);
}

/** Other sessions end; this one gets a fresh pair of tokens. */
export async function changePassword(body: { currentPassword: string; newPassword: string }): Promise<TokensDto> {
  const tokens = await api.post<TokensDto>('/auth/change-password', body);
  session.store(tokens);
  return tokens;
}
