/**
 * A tiny HTTP client for integration tests that behaves like the browser: it keeps the session
 * cookie and sends the CSRF token on writes.
 */
import { freshTotpCode } from './fresh-totp.ts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class TestClient {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') h['x-csrf-token'] = this.csrfToken;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      h['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /sodiem_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `sodiem_session=${m[1]}` : null;
    }
    const type = res.headers.get('content-type') ?? '';
    const data = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, body: data as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body ?? {});
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Logs in fully (password, then TOTP when the account has it). Throws when it cannot. */
  async login(username: string, password: string, totpSecret?: string): Promise<this> {
    const res = await this.post('/api/v1/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${JSON.stringify(res.body)}`);
    this.csrfToken = res.body.csrfToken;
    if (res.body.next === 'totp') {
      if (!totpSecret) throw new Error(`${username} needs a TOTP secret`);
      const t = await this.post('/api/v1/auth/totp', { code: freshTotpCode(this.baseUrl, totpSecret) });
      if (t.status !== 200) throw new Error(`totp ${username} → ${t.status} ${JSON.stringify(t.body)}`);
    }
    return this;
  }
}
