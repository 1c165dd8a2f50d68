/**
 * The one fetch wrapper. It owns the tokens: the access token lives in memory only, the refresh token in
 * localStorage so a reload (or a weak connection dropping the tab) does not sign an official out.
 */
import type { ApiErrorBody, TokensDto } from '@cchc/shared';

const API_BASE = '/api';
const REFRESH_KEY = 'cchc.refresh';
/** The signed-in user as last read (auth/use-me.ts shows it when a reload happens without a connection); gone at sign-out. */
export const KEPT_ME_KEY = 'cchc.me';

/** Codes the client itself produces; everything else comes from the server. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR',
  badResponse: 'BAD_RESPONSE',
  sessionExpired: 'SESSION_EXPIRED',
} as const;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

// ---- session store ---------------------------------------------------------------------------

let accessToken: string | null = null;
const listeners = new Set<() => void>();

function readRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

export const session = {
  isSignedIn(): boolean {
    return readRefreshToken() !== null;
  },
  store(tokens: TokensDto): void {
    accessToken = tokens.accessToken;
    localStorage.setItem(REFRESH_KEY, tokens.refreshToken);
    notify();
  },
  clear(): void {
    accessToken = null;
    localStorage.removeItem(REFRESH_KEY);
    localStorage.removeItem(KEPT_ME_KEY);
    notify();
  },
  refreshToken: readRefreshToken,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Another tab signing in or out (or rotating the refresh token) changes what this tab should show.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === REFRESH_KEY || event.key === null) {
      accessToken = null;
      notify();
    }
  });
}

// ---- refresh (single-flight) -----------------------------------------------------------------

let refreshInFlight: Promise<boolean> | null = null;

/** Trades the refresh token for new tokens. Concurrent callers share one request, since the server rotates the token. */
function refreshTokens(): Promise<boolean> {
  refreshInFlight ??= (async () => {
    const refreshToken = readRefreshToken();
    if (!refreshToken) return false;
    try {
      const res = await fetch(`${API_BASE}/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!res.ok) {
        // A network hiccup must not sign anyone out; only a refused token does.
        if (res.status === 401 || res.status === 403 || res.status === 400) session.clear();
        return false;
      }
      session.store((await res.json()) as TokensDto);
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

// ---- requests ----------------------------------------------------------------------------------

export type QueryValue = string | number | boolean | null | undefined;

/** Builds "?a=1&b=x", leaving out empty values. */
export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

interface SendOptions {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  /** Sign-in and friends: no bearer header, no refresh on 401. */
  anonymous?: boolean;
  accept?: string;
  signal?: AbortSignal;
}

async function rawFetch(path: string, options: SendOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  if (!options.anonymous && accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(`${API_BASE}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, CLIENT_ERROR_CODES.network, 'Không kết nối được máy chủ.');
  }
}

async function send(path: string, options: SendOptions): Promise<Response> {
  if (options.anonymous) return rawFetch(path, options);
  if (!accessToken && readRefreshToken()) await refreshTokens();
  let res = await rawFetch(path, options);
  if (res.status === 401) {
    if (await refreshTokens()) res = await rawFetch(path, options);
    if (res.status === 401) {
      session.clear();
      throw new ApiError(401, CLIENT_ERROR_CODES.sessionExpired, 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
    }
  }
  return res;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    body = null;
  }
  return new ApiError(
    res.status,
    typeof body?.code === 'string' ? body.code : `HTTP_${res.status}`,
    typeof body?.message === 'string' ? body.message : `Lỗi máy chủ (${res.status}).`,
    body?.details,
  );
}

async function request<T>(path: string, options: SendOptions = {}): Promise<T> {
  const res = await send(path, options);
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(res.status, CLIENT_ERROR_CODES.badResponse, 'Máy chủ trả về dữ liệu không hợp lệ.');
  }
}

export const api = {
  get: <T>(path: string, params: Record<string, QueryValue> = {}, signal?: AbortSignal) =>
    request<T>(`${path}${toQueryString(params)}`, { signal }),
  post: <T>(path: string, json: unknown = {}) => request<T>(path, { method: 'POST', json }),
  patch: <T>(path: string, json: unknown) => request<T>(path, { method: 'PATCH', json }),
  put: <T>(path: string, json: unknown) => request<T>(path, { method: 'PUT', json }),
  delete: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
  /** Without the bearer header and without refresh-on-401: for sign-in. */
  postAnonymous: <T>(path: string, json: unknown) => request<T>(path, { method: 'POST', json, anonymous: true }),
  /** multipart/form-data with a single `file` field; the browser sets the boundary. */
  upload: <T>(path: string, file: File, fieldName = 'file') => {
    const form = new FormData();
    form.append(fieldName, file, file.name);
    return request<T>(path, { method: 'POST', body: form });
  },
  /** multipart/form-data as built by the caller (fields before the file). */
  postForm: <T>(path: string, form: FormData) => request<T>(path, { method: 'POST', body: form }),
};

/**
 * Fetches a protected file with the bearer header and returns a local object URL for it (to show a PDF in the
 * browser's viewer). The caller revokes the URL when done.
 */
export async function fetchFileUrl(path: string): Promise<string> {
  const res = await send(path, { accept: '*/*' });
  if (!res.ok) throw await toApiError(res);
  return URL.createObjectURL(await res.blob());
}

function fileNameFrom(res: Response, fallback: string): string {
  const header = res.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : fallback;
}

/** Downloads a protected file: fetched with the bearer header, then saved through a temporary link. */
export async function downloadFile(
  path: string,
  filename: string,
  params: Record<string, QueryValue> = {},
): Promise<void> {
  const res = await send(`${path}${toQueryString(params)}`, { accept: '*/*' });
  if (!res.ok) throw await toApiError(res);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFrom(res, filename);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
