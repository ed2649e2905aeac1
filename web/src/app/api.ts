import type { ErrorBody } from '../../../contracts/index.ts';
import i18n, { currentLang } from './i18n.ts';

export type FieldError = { path: string; message: string };

/** Every failed request becomes one of these; `message` is already in the user's language. */
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

  /** Validation errors name the field they belong to: details = [{path, message}]. */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldError =>
        typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string',
    );
  }
}

export const isApiError = (e: unknown, status?: number): e is ApiError =>
  e instanceof ApiError && (status === undefined || e.status === status);

/** The message to show for any error, in words. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return i18n.t('error.unknown');
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Turns a failed response into an ApiError with the server's message (JSON body) or a generic one. */
async function failure(res: Response): Promise<ApiError> {
  let data: unknown = null;
  try {
    data = JSON.parse(await res.text());
  } catch {
    data = null;
  }
  const err = (data as Partial<ErrorBody> | null)?.error;
  if (err && typeof err.message === 'string')
    return new ApiError(res.status, err.code, err.message, err.details);
  return new ApiError(
    res.status,
    `http_${res.status}`,
    i18n.t(res.status >= 500 ? 'error.server' : 'error.unknown'),
  );
}

type Options = { method?: string; body?: unknown; query?: Query; signal?: AbortSignal };

/** Fetches /api/v1 + path with the session cookie, the CSRF header and the UI language. */
export async function request<T>(
  path: string,
  { method = 'GET', body, query, signal }: Options = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = readCookie('hy_csrf');
    if (token) headers['x-csrf-token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${withQuery(path, query)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, 'network', i18n.t('error.network'));
  }
  if (!res.ok) throw await failure(res);
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  return data as T;
}

/** The file name a download was sent with (RFC 6266 `filename*=UTF-8''…` first, for Chinese names). */
export function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(cd);
  return plain ? plain[1].trim() : fallback;
}

/**
 * Downloads a file the API generates (Excel templates, exports, error workbooks) and hands it to
 * the browser as a download. Fetched rather than linked so that a refusal is said in words on the
 * page instead of leaving the user on a page of JSON. `path` may be a full /api/v1 URL.
 */
export async function download(path: string, query?: Query, fallbackName = 'download.xlsx'): Promise<string> {
  const url = path.startsWith('/api/') ? withQuery(path, query) : `/api/v1${withQuery(path, query)}`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { 'Accept-Language': currentLang() },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('error.network'));
  }
  if (!res.ok) throw await failure(res);
  const name = fileNameOf(res, fallbackName);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return name;
}

/** Sends a multipart form (file uploads) with the CSRF header and the UI language. */
export async function upload<T>(path: string, form: FormData): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang() };
  const token = readCookie('hy_csrf');
  if (token) headers['x-csrf-token'] = token;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', i18n.t('error.network'));
  }
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

/**
 * `upload` for a large file (a course's video): the same request through XMLHttpRequest, whose
 * upload events tell how far it has got (fetch has none), so the page can show a progress bar.
 */
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLang());
    const token = readCookie('hy_csrf');
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', i18n.t('error.network')));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, { status: xhr.status });
      if (xhr.status >= 200 && xhr.status < 300) res.json().then((d) => resolve(d as T), reject);
      else failure(res).then(reject, reject);
    };
    xhr.send(form);
  });
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  del: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
};
