// The typed API client: the repository's client package (clients/typescript, `@motcua/client`: openapi-fetch over
// the `paths` type generated from the server's OpenAPI document by `npm run gen:api`). Middleware adds the UI
// language, the CSRF token and tracks the session's idle timeout.
import { createMotcuaClient, type paths } from '@motcua/client';
import type { Middleware } from 'openapi-fetch';
import { getLang } from '../prefs';
import { ApiError, isProblem, type Problem } from './problem';

export { ApiError, isProblem, type Problem };

export type { paths };

/** The JSON body of a 2xx answer of `M` on `P`. */
export type Ok<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch' | 'delete'> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

/** The JSON body a request of `M` on `P` sends. */
export type Body<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B
    : never;

type Hooks = {
  csrfToken: () => string | null;
  /** A request sent at `sentAt` (client clock) got an answer: the server saw activity no earlier than that. */
  onActivity: (sentAt: number) => void;
  /** A 401 `session-expired` (or `not-signed-in` while we thought we were signed in). */
  onUnauthorized: (problem: Problem, request: Request) => void;
};

let hooks: Hooks = { csrfToken: () => null, onActivity: () => {}, onUnauthorized: () => {} };
export function setApiHooks(h: Hooks): void {
  hooks = h;
}

const sentAt = new Map<string, number>();

const middleware: Middleware = {
  onRequest({ request, id }) {
    sentAt.set(id, Date.now());
    request.headers.set('Accept-Language', getLang());
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      const token = hooks.csrfToken();
      if (token) request.headers.set('x-csrf-token', token);
    }
    return request;
  },
  async onResponse({ request, response, id }) {
    const sent = sentAt.get(id) ?? Date.now();
    sentAt.delete(id);
    if (response.status === 401) {
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => null);
      if (isProblem(body)) hooks.onUnauthorized(body, request);
    } else if (response.status < 500) {
      hooks.onActivity(sent);
    }
    return response;
  },
  onError({ id }) {
    sentAt.delete(id);
  },
};

export const api = createMotcuaClient({ baseUrl: '' });
api.use(middleware);

/** What to tell the user about a failed call: the server's `detail` in the UI language, or a network message. */
export function problemText(error: unknown, fallback: string): string {
  if (isProblem(error)) return error.detail;
  return fallback;
}

/** Unwraps an openapi-fetch result: data, or an ApiError carrying the problem document. */
export function must<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || !r.response.ok) throw new ApiError(isProblem(r.error) ? r.error : null, r.response.status);
  return r.data as T;
}
