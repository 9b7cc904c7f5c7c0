import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '../../src/access/roles';
import { tokenFor } from './test-app';

type App = NestFastifyApplication;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** Whose token goes with a request: a role's test user, a unit user's token, or none. */
export type As = Role | 'anonymous' | { token: string };

export interface RequestOptions {
  headers?: Record<string, string>;
  as?: As;
}

/**
 * One request through Fastify's inject, by default as the test supervisor (who runs plans and imports);
 * the body comes back parsed when it is JSON.
 */
export async function request<T = any>(
  app: App,
  method: Method,
  url: string,
  payload?: unknown,
  { headers = {}, as = 'supervisor' }: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const token = as === 'anonymous' ? null : typeof as === 'object' ? as.token : tokenFor(app, as);
  const res = await app.inject({
    method,
    url,
    headers: token ? { authorization: `Bearer ${token}`, ...headers } : headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  const isJson = String(res.headers['content-type'] ?? '').includes('application/json');
  return { status: res.statusCode, body: (isJson ? res.json() : res.body) as T, headers: res.headers };
}

/** Fails with the response body in the message, so a wrong status says why. */
export function expectStatus(res: ApiResponse, status: number): void {
  if (res.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 2000)}`);
  }
}

/** The body of an answer that must have `status` (the test fails otherwise). */
export async function bodyOf<T = any>(res: ApiResponse<T> | Promise<ApiResponse<T>>, status = 200): Promise<T> {
  const answer = await res;
  expectStatus(answer, status);
  return answer.body;
}

/**
 * GET, POST, PUT, PATCH and DELETE on one app, sent as `defaultAs` (the test supervisor unless told) or as the
 * caller given per request: `const { get, post } = apiClient(() => t.app)`. The app is looked up on each request, so
 * the helpers can be made before `beforeAll` creates it.
 */
export function apiClient(app: () => App, defaultAs: As = 'supervisor') {
  const send = (method: Method, url: string, body: unknown, as: As, headers: Record<string, string>) =>
    request(app(), method, url, body, { as, headers });
  return {
    get: (url: string, as: As = defaultAs, headers: Record<string, string> = {}) => send('GET', url, undefined, as, headers),
    post: (url: string, body: unknown = {}, as: As = defaultAs, headers: Record<string, string> = {}) => send('POST', url, body, as, headers),
    put: (url: string, body: unknown = {}, as: As = defaultAs, headers: Record<string, string> = {}) => send('PUT', url, body, as, headers),
    patch: (url: string, body: unknown = {}, as: As = defaultAs, headers: Record<string, string> = {}) => send('PATCH', url, body, as, headers),
    del: (url: string, as: As = defaultAs, headers: Record<string, string> = {}) => send('DELETE', url, undefined, as, headers),
  };
}

/** GET /api/auth/me with a token: who the server takes its bearer for. */
export function me(app: App, token: string): Promise<ApiResponse> {
  return request(app, 'GET', '/api/auth/me', undefined, { as: { token } });
}
