import { message } from 'antd';

const TOKEN_KEY = 'duban.token';
const USER_KEY = 'duban.user';

export type Role = 'admin' | 'supervisor' | 'unit_user' | 'leader';
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  active: boolean;
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface NamedRef {
  id: string;
  name: string;
}
export interface SectionRef {
  id: string;
  code: string;
  title: string;
}
export interface Task {
  id: string;
  planId: string;
  number: number;
  content: string;
  kind: string;
  section: SectionRef | null;
  subsection: SectionRef | null;
  dueDate: string;
  status: string;
  version: number;
  lead: NamedRef[];
  responsible: NamedRef[];
  cooperating: NamedRef[];
  includesOtherUnits: boolean;
  leaders: string[];
  deadlineText: string | null;
  source: { kind: string; documentNumber: string | null; date: string | null };
  origin: 'import' | 'manual';
  sourceLine?: string | null;
  /** Assigned units that have not signed (签收) yet. */
  unacknowledged: Array<NamedRef & { assignedAt: string }>;
  /** Task detail only: each unit's 签收. */
  acknowledgements?: Acknowledgement[];
}
export interface Acknowledgement {
  unit: NamedRef;
  acknowledgedAt: string;
  by: { id: string; username: string; displayName: string } | null;
  via: 'acknowledge' | 'progress' | 'completion_request';
}
/** A task of /api/supervision/tasks: the register's fields plus its timeliness as of the page's asOf. */
export interface SupervisedTask extends Task {
  statusAsOf: string;
  light: string;
  flags: { overdue: boolean; dueSoon: boolean; behindSchedule: boolean; unreported: boolean };
  reasons: string[];
  daysOverdue: number;
  workdaysOverdue: number | null;
  expectedPercent: number;
  latestPercent: number | null;
}
export interface SupervisedTaskPage extends Page<SupervisedTask> {
  asOf: string;
  warnings: string[];
}
export interface Plan {
  id: string;
  title: string;
  year: number;
  startDate: string;
  endDate: string;
  taskCount: number;
  importedAt: string | null;
}
/** 佐证材料: uploaded to a task, then submitted with a report or request by id. */
export interface EvidenceFile {
  id: string;
  taskId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  previewable: boolean;
  uploadedBy: { id: string; username: string; displayName: string };
  uploadedAt: string;
  attachedTo: { kind: 'progress_report' | 'completion_request' | 'extension_request'; id: string; at: string } | null;
}
export interface SectionNode {
  id: string;
  code: string;
  title: string;
  taskCount: number;
  children: SectionNode[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: any,
  ) {
    super(body?.message ?? `HTTP ${status}`);
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
  },
};

function toLogin() {
  session.clear();
  if (location.pathname !== '/login') location.assign('/login');
}

export function query(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface CallOptions {
  /** Don't show the server's message (the caller shows it itself, e.g. an import report with errors). */
  quiet?: boolean;
}

/** fetch with the bearer token; an error shows the server's (Chinese) message, a 401 goes back to the login. */
export async function api<T = any>(method: string, url: string, body?: unknown, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  // A FormData body (a file upload) sets its own multipart content type and boundary.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body) });
  } catch (error) {
    message.error('无法连接服务器，请检查网络后重试');
    throw error;
  }
  const isJson = (res.headers.get('content-type') ?? '').includes('application/json');
  const data = isJson ? await res.json() : await res.text();
  if (res.status === 401 && url !== '/api/auth/login') {
    message.error('登录已失效，请重新登录');
    toLogin();
    throw new ApiError(401, data);
  }
  if (!res.ok) {
    const error = new ApiError(res.status, data);
    if (!options.quiet) message.error(error.message);
    throw error;
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
    const body = await res.json().catch(() => ({}));
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
export async function uploadFiles<T = any>(url: string, files: File[]): Promise<T> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${session.token() ?? ''}` }, body: form });
  if (res.status === 401) {
    toLogin();
    throw new ApiError(401, {});
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const error = new ApiError(res.status, data);
    message.error(error.message);
    throw error;
  }
  return data as T;
}

/** A file the API serves with the token, as a blob: URL the page can show (images) or open (PDF). */
export async function blobUrl(url: string): Promise<string> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${session.token() ?? ''}` } });
  if (res.status === 401) toLogin();
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    message.error(body.message ?? `文件读取失败（HTTP ${res.status}）`);
    throw new ApiError(res.status, body);
  }
  return URL.createObjectURL(await res.blob());
}

/** A target of a task (GET /api/tasks/:id/targets). */
export interface Target {
  id: string;
  position: number;
  metric: string;
  verb: string | null;
  comparator: 'at_least' | 'at_most' | 'about';
  value: number;
  unit: string;
  rate: boolean;
  sourceText: string | null;
  editedBySupervisor: boolean;
  latestActual: { value: number; period: string; unitName: string; reportedAt: string } | null;
}
export interface TaskTargets {
  taskId: string;
  version: number;
  targets: Target[];
}
