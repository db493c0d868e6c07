/**
 * The one HTTP client of the web app. It sends the session cookie (same origin) and the CSRF
 * token on every write, and turns the server's error JSON ({ error, message, errors, next })
 * into an ApiError whose message is the Vietnamese text to show.
 */

export interface FieldError {
  row?: number;
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** 403 from an incomplete login: the step the user must do first. */
    readonly next: 'changePassword' | 'setupTotp' | 'totp' | null = null,
    /** The whole JSON body of the error (409 conflicts, 423 blocks, 400 reasonRequired…). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message of the error on one field, if the server named it. */
  forField(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field || e.field.endsWith(`.${field}`))?.message;
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type AuthListener = (reason: 'unauthenticated' | 'nextStep') => void;
let authListener: AuthListener = () => {};

/** The app shell registers here to go back to the login (401) or to a required step (403 + next). */
export function onAuthProblem(listener: AuthListener): void {
  authListener = listener;
}

const AUTH_PATHS = ['/auth/login', '/auth/totp', '/auth/me', '/auth/change-password', '/auth/totp/enable'];

export const API_BASE = '/api/v1';

export interface RequestOptions {
  /** Don't report 401/403-next to the shell (the login screens handle their own errors). */
  quietAuth?: boolean;
  signal?: AbortSignal;
  /** Extra headers, e.g. Idempotency-Key on a retried batch. */
  headers?: Record<string, string>;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  } else if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    payload = '{}';
  }
  let res: Response;
  try {
    res = await fetch(API_BASE + path, { method, headers, body: payload, credentials: 'same-origin', signal: options.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.');
  }
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json().catch(() => null) : null;
  if (res.ok) return data as T;

  const e = (data ?? {}) as { error?: string; message?: string; errors?: FieldError[]; next?: string };
  const next = e.next === 'changePassword' || e.next === 'setupTotp' || e.next === 'totp' ? e.next : null;
  const error = new ApiError(res.status, e.error ?? `HTTP_${res.status}`, e.message ?? fallbackMessage(res.status), e.errors ?? [], next, (data ?? {}) as Record<string, unknown>);
  const isAuthPath = AUTH_PATHS.some((p) => path.startsWith(p));
  if (!options.quietAuth && !isAuthPath) {
    if (res.status === 401) authListener('unauthenticated');
    else if (res.status === 403 && next) authListener('nextStep');
  }
  throw error;
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.';
  if (status === 403) return 'Thầy/cô không có quyền thực hiện thao tác này.';
  if (status === 404) return 'Chức năng này chưa có trên máy chủ hoặc dữ liệu không còn.';
  if (status === 409) return 'Dữ liệu đã được người khác thay đổi. Hãy tải lại rồi thử lại.';
  if (status === 413) return 'Tệp quá lớn.';
  return 'Lỗi hệ thống. Vui lòng thử lại hoặc báo Ban quản trị.';
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
};

/** Builds "?a=1&b=2" from the defined values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}
