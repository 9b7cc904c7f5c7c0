import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '../../src/access/roles';
import { JIYUAN_GROUPS, JIYUAN_UNITS } from '../../src/seed/jiyuan-units';
import { expectStatus, request, type ApiResponse } from './http';
import { hasTokenFor, setTokenFor, TEST_PASSWORD, type TestApp } from './test-app';

type App = NestFastifyApplication;

export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(3).toString('hex')}`;
}

// ---- users ---------------------------------------------------------------------------------------------------

export interface UserBody {
  username: string;
  password: string;
  displayName?: string;
  role: Role;
  unitId?: string;
}

/** Creates an account as the test admin (201 or the test fails). */
export async function createUser(app: App, overrides: Partial<UserBody> = {}): Promise<any> {
  const body = { username: uniqueName('user-'), password: TEST_PASSWORD, role: 'leader', ...overrides };
  const res = await request(app, 'POST', '/api/users', body, { as: 'admin' });
  expectStatus(res, 201);
  return res.body;
}

/** Logs in through POST /api/auth/login (200 or the test fails) and returns the whole answer. */
export async function login(app: App, username: string, password: string = TEST_PASSWORD): Promise<any> {
  const res = await request(app, 'POST', '/api/auth/login', { username, password }, { as: 'anonymous' });
  expectStatus(res, 200);
  return res.body;
}

/**
 * A unit user of `unitId`, created by the admin and logged in through the real login. The first one an app gets
 * becomes the user behind `request(…, { as: 'unit_user' })`.
 */
export async function createUnitUser(
  t: TestApp,
  unitId: string,
  overrides: Partial<UserBody> = {},
): Promise<{ user: any; token: string; password: string }> {
  const password = overrides.password ?? TEST_PASSWORD;
  const user = await createUser(t.app, { username: uniqueName('unit-user-'), ...overrides, password, role: 'unit_user', unitId });
  const { accessToken: token } = await login(t.app, user.username, password);
  if (!hasTokenFor(t.app, 'unit_user')) setTokenFor(t.app, 'unit_user', token);
  return { user, token, password };
}

// ---- units ---------------------------------------------------------------------------------------------------

export interface UnitBody {
  name: string;
  kind?: string;
  aliases?: string[];
}

export async function createUnit(app: App, overrides: Partial<UnitBody> = {}): Promise<any> {
  const res = await request(app, 'POST', '/api/units', { name: uniqueName('测试局'), ...overrides }, { as: 'admin' });
  expectStatus(res, 201);
  return res.body;
}

export interface GroupBody {
  name: string;
  aliases?: string[];
  members: string[];
}

export async function createUnitGroup(app: App, overrides: Partial<GroupBody> = {}): Promise<any> {
  const members = overrides.members ?? [(await createUnit(app)).name];
  const res = await request(app, 'POST', '/api/unit-groups', { name: uniqueName('各测试单位'), ...overrides, members }, { as: 'admin' });
  expectStatus(res, 201);
  return res.body;
}

/** Unit name → id, as the API lists them. */
export async function unitIdsByName(app: App): Promise<Map<string, string>> {
  const res = await request<Array<{ id: string; name: string }>>(app, 'GET', '/api/units');
  expectStatus(res, 200);
  return new Map(res.body.map((u) => [u.name, u.id]));
}

/** The 济源 registry (62 units with aliases, 2 groups) entered through the API, as an administrator would. */
export async function seedJiyuanRegistry(app: App): Promise<Map<string, string>> {
  for (const unit of JIYUAN_UNITS) {
    await createUnit(app, { name: unit.name, kind: unit.kind, aliases: [...unit.aliases] });
  }
  for (const group of JIYUAN_GROUPS) {
    await createUnitGroup(app, { name: group.name, aliases: [...group.aliases], members: [...group.members] });
  }
  return unitIdsByName(app);
}

// ---- plans and imports ---------------------------------------------------------------------------------------

export interface PlanBody {
  title: string;
  year: number;
  startDate?: string;
  endDate?: string;
  reportingCycle?: string;
  reportCutoffDay?: number;
}

export async function createPlan(app: App, overrides: Partial<PlanBody> = {}): Promise<any> {
  const res = await request(app, 'POST', '/api/plans', { title: uniqueName('济源市2021年重点工作'), year: 2021, ...overrides });
  expectStatus(res, 201);
  return res.body;
}

export interface ImportBody {
  text: string;
  dryRun?: boolean;
  createMissingUnits?: boolean;
}

export function importNotice(app: App, planId: string, body: ImportBody): Promise<ApiResponse> {
  return request(app, 'POST', `/api/plans/${planId}/import`, body);
}

/** Creates a plan and commits the text into it; fails unless the import is accepted. */
export async function createImportedPlan(app: App, text: string, overrides: Partial<PlanBody> = {}) {
  const plan = await createPlan(app, overrides);
  const res = await importNotice(app, plan.id, { text });
  expectStatus(res, 201);
  return { plan, report: res.body };
}

export async function getPlan(app: App, planId: string): Promise<any> {
  const res = await request(app, 'GET', `/api/plans/${planId}`);
  expectStatus(res, 200);
  return res.body;
}

// ---- tasks ---------------------------------------------------------------------------------------------------

export function tasksUrl(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return `/api/tasks?${params.toString()}`;
}

export async function listTasks(app: App, query: Record<string, string | number | undefined>): Promise<any> {
  const res = await request(app, 'GET', tasksUrl(query));
  expectStatus(res, 200);
  return res.body;
}

/** Every task of a plan keyed by number (pages through the list). */
export async function tasksByNumber(app: App, planId: string): Promise<Map<number, any>> {
  const tasks = new Map<number, any>();
  for (let page = 1; ; page++) {
    const body = await listTasks(app, { planId, page, pageSize: 200 });
    for (const task of body.items) tasks.set(task.number, task);
    if (page * body.pageSize >= body.total) return tasks;
  }
}

export const names = (refs: Array<{ name: string }>): string[] => refs.map((r) => r.name);

// ---- the database, read directly to prove what was (not) written ------------------------------------------------

const PLAN_SCOPE = {
  task: 'WHERE plan_id = $1',
  plan_section: 'WHERE plan_id = $1',
  task_assignment: 'WHERE task_id IN (SELECT id FROM task WHERE plan_id = $1)',
} as const;

/** The `count` column of the first row a query answers, as a number (`SELECT count(*) …`). */
export async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await t.dataSource.query(sql, params))[0].count);
}

/** Rows of one plan in a table an import writes to. */
export async function countPlanRows(t: TestApp, table: keyof typeof PLAN_SCOPE, planId: string): Promise<number> {
  const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM ${table} ${PLAN_SCOPE[table]}`, [planId]);
  return count;
}

/** Everything an import writes for one plan, in a form two snapshots can be compared with toEqual. */
export async function snapshotPlan(t: TestApp, planId: string) {
  const [plan] = await t.dataSource.query(
    `SELECT source_text, imported_at, version, updated_at FROM plan WHERE id = $1`,
    [planId],
  );
  const tasks = await t.dataSource.query(
    `SELECT id, number, section_id, content, kind, due_date::text, includes_other_units, leaders, deadline_text,
            source_line, version, updated_at
       FROM task WHERE plan_id = $1 ORDER BY number`,
    [planId],
  );
  const sections = await t.dataSource.query(
    `SELECT id, parent_id, level, ordinal, code, title FROM plan_section WHERE plan_id = $1 ORDER BY code`,
    [planId],
  );
  const assignments = await t.dataSource.query(
    `SELECT a.id, a.task_id, a.unit_id, a.role, a.position, a.via_group_id
       FROM task_assignment a JOIN task t ON t.id = a.task_id
      WHERE t.plan_id = $1 ORDER BY a.id`,
    [planId],
  );
  const units = await t.dataSource.query(`SELECT id, name, aliases FROM unit ORDER BY id`);
  return { plan, tasks, sections, assignments, units };
}
