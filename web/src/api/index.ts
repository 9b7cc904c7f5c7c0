import { message } from 'antd';
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

const TOKEN_KEY = 'duban.token';
const USER_KEY = 'duban.user';
/** The organization being viewed, for this browser tab's session only (a new tab starts on the user's own). */
const ORGANIZATION_KEY = 'duban.organizationId';

/** The API's own types, generated from its OpenAPI document (docs/openapi.json) by `npm run openapi`. */
export type Schemas = components['schemas'];
export type User = Schemas['UserDto'];
export type Role = User['role'];
export type Task = Schemas['TaskDto'];
export type TaskDetail = Schemas['TaskDetailDto'];
export type Acknowledgement = Schemas['AcknowledgementDto'];
export type SupervisedTask = Schemas['SupervisedTaskDto'];
export type SupervisedTaskPage = Schemas['SupervisedTaskPageDto'];
export type Plan = Schemas['PlanDto'];
export type SectionNode = Schemas['SectionNodeDto'];
export type EvidenceFile = Schemas['EvidenceFileDto'];
export type Target = Schemas['TargetDto'];
export type TaskTargets = Schemas['TaskTargetsDto'];
export type NamedRef = Schemas['NamedRefDto'];
export type Organization = Schemas['OrganizationDto'];
export type IncomingTask = Schemas['IncomingTaskDto'];
export type TaskChildren = Schemas['TaskChildrenDto'];
export type Light = SupervisedTask['light'];
export type TaskStatus = Task['status'];
/** A GET route's query parameters, e.g. QueryOf<'/api/tasks'>. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;

/** The one error shape every failed request answers (src/common/error.filter.ts). */
export interface ApiErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  details?: Array<{ field: string; reason: string }>;
  correlationId?: string;
}

export class ApiError extends Error {
  readonly body: ApiErrorBody;
  constructor(
    readonly status: number,
    /** The answer as it came, for routes that document their own error body (the import's 422 report). */
    readonly raw: unknown,
  ) {
    const body: ApiErrorBody = typeof raw === 'object' && raw !== null ? raw : {};
    super(body.message ?? `HTTP ${status}`);
    this.body = body;
  }
}

export const session = {
  token: (): string | null => localStorage.getItem(TOKEN_KEY),
  user: (): User | null => {
    const raw = localStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as User) : null;
  },
  save(token: string, user: User) {
    localStorage.setItem(TOKEN_KEY, token);
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
    sessionStorage.removeItem(ORGANIZATION_KEY);
  },
  organization: (): string | null => sessionStorage.getItem(ORGANIZATION_KEY),
  /** Remembers the organization being viewed; null: the user's own. */
  viewOrganization(id: string | null) {
    if (id) sessionStorage.setItem(ORGANIZATION_KEY, id);
    else sessionStorage.removeItem(ORGANIZATION_KEY);
  },
};

function toLogin() {
  session.clear();
  if (location.pathname !== '/login') location.assign('/login');
}

export function query(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') search.append(key, String(item));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The API, typed from its OpenAPI document: paths, parameters, bodies and answers are checked by the compiler.
 * Every request carries the token; empty filters (undefined, null, '') are left out of the query string.
 */
export const client = createClient<paths>({ querySerializer: (params) => query(params).slice(1) });
client.use({
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
});

export interface CallOptions {
  /** Don't show the server's message (the caller shows it itself, e.g. an import report with errors). */
  quiet?: boolean;
}

/**
 * A client call's answer, or a thrown ApiError after the server's (Chinese) message is shown; a 401 goes back
 * to the login, and an unreachable server says so.
 */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>, options: CallOptions = {}): Promise<T> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch (error) {
    message.error('无法连接服务器，请检查网络后重试');
    throw error;
  }
  const { data, error, response } = result;
  if (response.status === 401 && !response.url.endsWith('/api/auth/login')) {
    message.error('登录已失效，请重新登录');
    toLogin();
    throw new ApiError(401, error);
  }
  if (!response.ok) {
    const failure = new ApiError(response.status, error);
    if (!options.quiet) message.error(failure.message);
    throw failure;
  }
  return data as T;
}

/** Downloads a file the API makes (Excel, Word) with the token: fetch → blob → a temporary link; a body is POSTed. */
export async function download(url: string, fallbackName: string, body?: unknown): Promise<void> {
  const headers: Record<string, string> = { authorization: `Bearer ${session.token() ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) return toLogin();
  if (!res.ok) {
    const body = new ApiError(res.status, await res.json().catch(() => ({}))).body;
    message.error(body.message ?? `下载失败（HTTP ${res.status}）`);
    return;
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const blob = await res.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Uploads files as multipart/form-data (parts named `file`); errors show the server's message like api(). */
export async function uploadFiles<T>(url: string, files: File[]): Promise<T> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  return postForm<T>(url, form);
}

/** POSTs multipart/form-data (a file with its fields); errors show the server's message like ok(), unless quiet. */
export async function postForm<T>(url: string, form: FormData, options: CallOptions = {}): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${session.token() ?? ''}` }, body: form });
  if (res.status === 401) {
    toLogin();
    throw new ApiError(401, {});
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const error = new ApiError(res.status, data);
    if (!options.quiet) message.error(error.message);
    throw error;
  }
  return data as T;
}

/** A file the API serves with the token, as a blob: URL the page can show (images) or open (PDF). */
export async function blobUrl(url: string): Promise<string> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${session.token() ?? ''}` } });
  if (res.status === 401) toLogin();
  if (!res.ok) {
    const body = new ApiError(res.status, await res.json().catch(() => ({}))).body;
    message.error(body.message ?? `文件读取失败（HTTP ${res.status}）`);
    throw new ApiError(res.status, body);
  }
  return URL.createObjectURL(await res.blob());
}
