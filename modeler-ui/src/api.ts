// Talks to the PVEFlow server with the session cookie. Mutating requests echo the XSRF-TOKEN cookie as the
// X-XSRF-TOKEN header (Spring Security's CSRF protection); X-Requested-With keeps the server from sending a
// Basic challenge, so the browser never shows its own password dialog.

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly body: any = null) {
    super(message);
  }
}

export function csrfToken(): string {
  const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : '';
}

async function send(path: string, init: RequestInit, accept: string): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept', accept);
  headers.set('X-Requested-With', 'XMLHttpRequest');
  if (init.method && init.method !== 'GET') {
    headers.set('X-XSRF-TOKEN', csrfToken());
  }
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (response.status === 401) {
    window.location.assign('/login');
    throw new ApiError(401, 'Signed out');
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    let body: any = null;
    try {
      body = await response.json();
      if (body && typeof body.message === 'string') message = body.message;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, message, body);
  }
  return response;
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await send(path, init, 'application/json');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** JSON request body helper: api(path, json('POST', {...})). */
export function json(method: string, body: unknown): RequestInit {
  return { method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } };
}

export async function apiText(path: string): Promise<string> {
  return (await send(path, {}, 'application/xml, text/xml, */*')).text();
}
