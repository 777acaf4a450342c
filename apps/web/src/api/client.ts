/**
 * The one way the web app talks to the Charla API: same-origin `fetch` with the session cookie,
 * the CSRF header on every non-GET request, and errors thrown as {@link ApiError}.
 *
 * @example
 * const me = await api.get<MeResponse>('/me');
 * await api.patch<MeResponse>('/me', { locale: 'es' });
 */

/** An API error: `code` is the server's stable machine-readable code (or `network_error`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  /** Send the CSRF header (default: true for every non-GET request). */
  csrf?: boolean;
}

let csrfToken: Promise<string> | null = null;

/** Forget the CSRF token; the next mutating request fetches a fresh one. Call after login and logout. */
export function resetCsrfToken(): void {
  csrfToken = null;
}

function getCsrfToken(): Promise<string> {
  if (!csrfToken) {
    csrfToken = request<{ token: string }>('GET', '/auth/csrf').then(
      (response) => response.token,
      (error: unknown) => {
        csrfToken = null;
        throw error;
      },
    );
  }
  return csrfToken;
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string') {
      return new ApiError(response.status, body.code, typeof body.message === 'string' ? body.message : body.code);
    }
  } catch {
    // Not JSON: fall through to a code derived from the status.
  }
  return new ApiError(response.status, `http_${response.status}`, response.statusText);
}

function isCsrfError(error: ApiError): boolean {
  return error.status === 403 && error.code.toLowerCase().includes('csrf');
}

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
  isRetry = false,
): Promise<T> {
  const sendCsrf = options.csrf ?? method !== 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (sendCsrf) headers['x-csrf-token'] = await getCsrfToken();

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'include',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause));
  }

  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (sendCsrf && !isRetry && isCsrfError(error)) {
      // The token went stale (new session): fetch a fresh one and retry once.
      resetCsrfToken();
      return request<T>(method, path, body, options, true);
    }
    throw error;
  }
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Multipart upload (the browser sets the boundary). */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
};

/** Builds a query string from the defined, non-empty values. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
