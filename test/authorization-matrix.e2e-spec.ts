import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '../src/access/access-errors';
import { AccessService } from '../src/access/access.service';
import { ACCESS_KEY, type RouteAccess } from '../src/access/permission.decorator';
import { GRANTS } from '../src/access/permissions';
import { DEFAULT_ORGANIZATION_ID } from '../src/access/organizations';
import type { Actor } from '../src/access/actor';
import { runInContext } from '../src/access/request-context';
import { ROLES, type Role } from '../src/access/roles';
import { AuditService } from '../src/audit/audit.service';
import { EvidenceService } from '../src/evidence/evidence.service';
import { NoticeImportService } from '../src/notice-import/notice-import.service';
import { PlansService } from '../src/plans/plans.service';
import { AcknowledgementsService } from '../src/tasks/acknowledgements.service';
import { TaskCreationService } from '../src/tasks/task-creation.service';
import { TasksService } from '../src/tasks/tasks.service';
import { UnitsService } from '../src/units/units.service';
import { UsersService } from '../src/users/users.service';
import {
  countPlanRows,
  createImportedPlan,
  createPlan,
  createUnit,
  createUnitUser,
  createUser,
  seedJiyuanRegistry,
  tasksByNumber,
  uniqueName,
} from './support/factories';
import { expectStatus, request } from './support/http';
import { multipartBody, SAMPLE } from './support/multipart';
import { createUserIn, deliverToDefaultOrganization } from './support/organizations';
import { controllerRoutes } from './support/routes';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app';

type Who = Role | 'anonymous';
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const EVERYONE: readonly Who[] = ['anonymous', 'admin', 'supervisor', 'leader', 'unit_user'];
const ANY_ROLE: readonly Role[] = ['admin', 'supervisor', 'leader', 'unit_user'];
/** Writes on a task in a unit's name: its own users, or a supervisor on the unit's behalf. */
const TASK_WRITERS: readonly Role[] = ['unit_user', 'supervisor'];

/**
 * The plan the unit user's unit (民政局) has tasks in: task 2 is another unit's, the others 民政局's, each in the
 * state the route that uses it needs. Due at the end of 2099, so that extensions can still be asked for.
 */
const OWN_TASKS = {
  read: 1,
  otherUnit: 2,
  completionByUnit: 3,
  completionBySupervisor: 4,
  completionReview: 5,
  suspend: 6,
  cancel: 7,
  resume: 8,
  extensionByUnit: 9,
  extensionBySupervisor: 10,
  extensionReview: 11,
  work: 12,
} as const;
const OWN_NOTICE = [
  '一、矩阵测试',
  ...Object.values(OWN_TASKS).map((n) =>
    n === OWN_TASKS.otherUnit
      ? `${n}.完善财政预算管理制度。(牵头单位:财政金融局;责任单位:发展改革和统计局)`
      : `${n}.推进养老服务第${n}项工作。(责任单位:民政局)`,
  ),
].join('\n');
/** A plan without 民政局. */
const OTHER_NOTICE = '1.推进农村公路建设。(责任单位:交通运输局)';
/** What the supervisor imports in the matrix: no 民政局 either, so the unit user's view stays the same. */
const IMPORT_NOTICE = '1.推进财政资金直达机制。(责任单位:财政金融局)';

/** Ids the calls use, so that an allowed call is a valid one and answers 2xx. */
interface Fixture {
  unitName: string;
  spareUnitId: string;
  spareUserId: string;
  ownPlanId: string;
  otherPlanId: string;
  importPlanId: string;
  ownTaskId: string;
  ownPlanOtherUnitTaskId: string;
  /** 财政金融局, the lead unit of that task. */
  foreignUnitId: string;
  otherTaskId: string;
  task: Record<keyof typeof OWN_TASKS, string>;
  /** Pending, asked for on task `extensionReview`. */
  extensionRequestId: string;
  /** Open milestones of task `work`, one for each role that may mark one done. */
  milestoneFor: { unit_user: string; supervisor: string };
  /** Unread reminders: one to 民政局 (a 催办 on task `work`), one to the supervisors' office. */
  reminderFor: { unit_user: string; supervisor: string };
  /** 佐证材料 submitted with a report on task `work`. */
  submittedEvidenceId: string;
  /** Uploads never submitted, one by each role that may delete its own. */
  draftEvidenceFor: { unit_user: string; supervisor: string };
  /** A digest whose sending failed. */
  failedDeliveryId: string;
  unitUser: { id: string; username: string; unitId: string; token: string };
  /** A task a province above the test organization assigned to it (上级交办), pending. */
  incomingId: string;
  /** The admin of that province, the top-level organization. */
  provinceAdminToken: string;
}

interface Call {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Expectation {
  /** `'public'`: anyone, with a token or without. Otherwise the roles that pass; anonymous always gets 401. */
  allowed: 'public' | readonly Role[];
  /** What an allowed caller gets from `call`. */
  ok: number;
  /** The request; `who` lets each allowed role act on its own object where a first call changes the state. */
  call: (f: Fixture, who: Who, t: TestApp) => Call | Promise<Call>;
}

/** The supervisors' views and exports, on a 2021 plan (the calendar data they count workdays with ends in 2026). */
const SUPERVISION_VIEWERS: readonly Role[] = ['admin', 'supervisor', 'leader'];
const supervision = (view: string): Expectation => ({
  allowed: SUPERVISION_VIEWERS,
  ok: 200,
  call: (f) => ({ url: `/api/supervision/${view}?planId=${f.otherPlanId}&asOf=2021-10-08` }),
});

/** The task for the unit user when it is the one calling, else the supervisor's (denied callers get that one). */
const byCaller = (f: Fixture, who: Who, forUnit: keyof typeof OWN_TASKS, forSupervisor: keyof typeof OWN_TASKS) =>
  who === 'unit_user' ? f.task[forUnit] : f.task[forSupervisor];
/** A supervisor acts for a unit and must say which. */
const onBehalf = (f: Fixture, who: Who) => (who === 'unit_user' ? {} : { unitId: f.unitUser.unitId });

/**
 * The decision for every route. A route the application registers that is missing here (or an entry with no
 * route) fails the suite: a new route must come with its access decision.
 */
const EXPECTATIONS: Record<string, Expectation> = {
  'GET /health/live': { allowed: 'public', ok: 200, call: () => ({ url: '/health/live' }) },
  'GET /health/ready': { allowed: 'public', ok: 200, call: () => ({ url: '/health/ready' }) },
  'POST /api/auth/login': {
    allowed: 'public',
    ok: 200,
    call: () => ({ url: '/api/auth/login', body: { username: 'test-leader', password: TEST_PASSWORD } }),
  },
  'GET /api/auth/me': { allowed: ANY_ROLE, ok: 200, call: () => ({ url: '/api/auth/me' }) },
  // A right current password would end the test users' tokens; a wrong one answers 400 once past the guard.
  'POST /api/auth/password': {
    allowed: ANY_ROLE,
    ok: 400,
    call: () => ({ url: '/api/auth/password', body: { currentPassword: 'not-the-password', newPassword: 'new-password-123' } }),
  },
  'GET /api/users': { allowed: ['admin'], ok: 200, call: () => ({ url: '/api/users' }) },
  'POST /api/users': {
    allowed: ['admin'],
    ok: 201,
    call: () => ({ url: '/api/users', body: { username: uniqueName('matrix-'), password: TEST_PASSWORD, role: 'leader' } }),
  },
  'PATCH /api/users/:id': {
    allowed: ['admin'],
    ok: 200,
    call: (f) => ({ url: `/api/users/${f.spareUserId}`, body: { displayName: uniqueName('改名') } }),
  },
  'POST /api/users/:id/unlock': { allowed: ['admin'], ok: 204, call: (f) => ({ url: `/api/users/${f.spareUserId}/unlock` }) },
  'GET /api/audit': { allowed: ['admin', 'supervisor'], ok: 200, call: () => ({ url: '/api/audit' }) },
  'GET /api/units': { allowed: ANY_ROLE, ok: 200, call: () => ({ url: '/api/units' }) },
  'POST /api/units': { allowed: ['admin'], ok: 201, call: () => ({ url: '/api/units', body: { name: uniqueName('矩阵局') } }) },
  'PATCH /api/units/:id': {
    allowed: ['admin'],
    ok: 200,
    call: (f) => ({ url: `/api/units/${f.spareUnitId}`, body: { aliases: [uniqueName('矩阵简称')] } }),
  },
  'GET /api/unit-groups': { allowed: ANY_ROLE, ok: 200, call: () => ({ url: '/api/unit-groups' }) },
  'POST /api/unit-groups': {
    allowed: ['admin'],
    ok: 201,
    call: (f) => ({ url: '/api/unit-groups', body: { name: uniqueName('各矩阵单位'), members: [f.unitName] } }),
  },
  'GET /api/calendar/overrides': { allowed: ANY_ROLE, ok: 200, call: () => ({ url: '/api/calendar/overrides?year=2021' }) },
  'GET /api/calendar/workdays': {
    allowed: ANY_ROLE,
    ok: 200,
    call: () => ({ url: '/api/calendar/workdays?from=2021-09-27&to=2021-10-10' }),
  },
  // The calendar is the platform's: its admin is the top-level organization's (the province above the test users').
  'PUT /api/calendar/overrides': {
    allowed: ['admin'],
    ok: 200,
    call: (f, who) => ({
      url: '/api/calendar/overrides',
      body: { year: 2021, items: [{ day: '2021-10-11', isWorkday: false, note: '矩阵测试' }] },
      ...(who === 'admin' ? { headers: { authorization: `Bearer ${f.provinceAdminToken}` } } : {}),
    }),
  },
  'POST /api/plans': { allowed: ['supervisor'], ok: 201, call: () => ({ url: '/api/plans', body: { title: uniqueName('计划'), year: 2021 } }) },
  'GET /api/plans': { allowed: ANY_ROLE, ok: 200, call: () => ({ url: '/api/plans' }) },
  'GET /api/plans/:id': { allowed: ANY_ROLE, ok: 200, call: (f) => ({ url: `/api/plans/${f.ownPlanId}` }) },
  'PATCH /api/plans/:id': {
    allowed: ['supervisor'],
    ok: 200,
    call: (f) => ({ url: `/api/plans/${f.importPlanId}`, body: { completionEvidenceRequired: true } }),
  },
  'POST /api/plans/:id/tasks': {
    allowed: ['supervisor'],
    ok: 201,
    call: (f) => ({
      url: `/api/plans/${f.otherPlanId}/tasks`,
      body: { content: '落实领导批示', dueDate: '2021-12-31', units: { responsible: [f.foreignUnitId] }, source: { kind: 'instruction' } },
    }),
  },
  'POST /api/tasks/:id/evidence': {
    allowed: TASK_WRITERS,
    ok: 201,
    call: (f) => {
      const { payload, headers } = multipartBody([{ name: '现场照片.jpg', bytes: SAMPLE.jpeg() }]);
      return { url: `/api/tasks/${f.task.work}/evidence`, body: payload, headers };
    },
  },
  'GET /api/tasks/:id/evidence': { allowed: ANY_ROLE, ok: 200, call: (f) => ({ url: `/api/tasks/${f.task.work}/evidence` }) },
  'GET /api/evidence/:id/content': { allowed: ANY_ROLE, ok: 200, call: (f) => ({ url: `/api/evidence/${f.submittedEvidenceId}/content` }) },
  'DELETE /api/evidence/:id': {
    allowed: TASK_WRITERS,
    ok: 204,
    call: (f, who) => ({ url: `/api/evidence/${who === 'unit_user' ? f.draftEvidenceFor.unit_user : f.draftEvidenceFor.supervisor}` }),
  },
  'POST /api/plans/:id/import': {
    allowed: ['supervisor'],
    ok: 201,
    call: (f) => ({ url: `/api/plans/${f.importPlanId}/import`, body: { text: IMPORT_NOTICE } }),
  },
  'GET /api/plans/import-template.xlsx': { allowed: ['admin', 'supervisor'], ok: 200, call: () => ({ url: '/api/plans/import-template.xlsx' }) },
  'GET /api/tasks': { allowed: ANY_ROLE, ok: 200, call: () => ({ url: '/api/tasks' }) },
  'GET /api/tasks/:id': { allowed: ANY_ROLE, ok: 200, call: (f) => ({ url: `/api/tasks/${f.ownTaskId}` }) },
  'PATCH /api/tasks/:id': {
    allowed: ['supervisor'],
    ok: 200,
    call: async (f, _who, t) => {
      const [{ version }] = await t.dataSource.query(`SELECT version FROM task WHERE id = $1`, [f.task.work]);
      return { url: `/api/tasks/${f.task.work}`, body: { content: uniqueName('改写的任务内容'), version } };
    },
  },
  // 签收 is the unit's own act: staff cannot sign for it. Repeating it answers the first 签收 (200).
  'POST /api/tasks/:id/acknowledge': { allowed: ['unit_user'], ok: 200, call: (f) => ({ url: `/api/tasks/${f.task.work}/acknowledge` }) },
  'GET /api/tasks/:id/history': { allowed: ANY_ROLE, ok: 200, call: (f) => ({ url: `/api/tasks/${f.task.work}/history` }) },
  'GET /api/tasks/:id/targets': { allowed: ANY_ROLE, ok: 200, call: (f) => ({ url: `/api/tasks/${f.task.work}/targets` }) },
  'PUT /api/tasks/:id/targets': {
    allowed: ['supervisor'],
    ok: 200,
    call: async (f, _who, t) => {
      const [{ version }] = await t.dataSource.query(`SELECT version FROM task WHERE id = $1`, [f.task.work]);
      return { url: `/api/tasks/${f.task.work}/targets`, body: { version, targets: [{ metric: '养老服务', comparator: 'at_least', value: 3, unit: '个' }] } };
    },
  },
  'POST /api/tasks/:id/progress': {
    allowed: TASK_WRITERS,
    ok: 201,
    call: (f, who) => ({ url: `/api/tasks/${f.task.work}/progress`, body: { summary: '按计划推进', percent: 30, ...onBehalf(f, who) } }),
  },
  'GET /api/tasks/:id/progress': { allowed: ANY_ROLE, ok: 200, call: (f) => ({ url: `/api/tasks/${f.task.work}/progress` }) },
  'POST /api/tasks/:id/completion-request': {
    allowed: TASK_WRITERS,
    ok: 201,
    call: (f, who) => ({
      url: `/api/tasks/${byCaller(f, who, 'completionByUnit', 'completionBySupervisor')}/completion-request`,
      body: { summary: '已全部完成', ...onBehalf(f, who) },
    }),
  },
  'POST /api/tasks/:id/completion-review': {
    allowed: ['supervisor'],
    ok: 200,
    call: (f) => ({ url: `/api/tasks/${f.task.completionReview}/completion-review`, body: { decision: 'approve' } }),
  },
  'POST /api/tasks/:id/suspend': {
    allowed: ['supervisor'],
    ok: 200,
    call: (f) => ({ url: `/api/tasks/${f.task.suspend}/suspend`, body: { reason: '上级政策调整' } }),
  },
  'POST /api/tasks/:id/cancel': {
    allowed: ['supervisor'],
    ok: 200,
    call: (f) => ({ url: `/api/tasks/${f.task.cancel}/cancel`, body: { reason: '任务已合并' } }),
  },
  'POST /api/tasks/:id/resume': {
    allowed: ['supervisor'],
    ok: 200,
    call: (f) => ({ url: `/api/tasks/${f.task.resume}/resume`, body: { reason: '条件已具备' } }),
  },
  'POST /api/tasks/:id/milestones': {
    allowed: TASK_WRITERS,
    ok: 201,
    call: (f) => ({ url: `/api/tasks/${f.task.work}/milestones`, body: { title: uniqueName('节点'), dueDate: '2099-06-30' } }),
  },
  'GET /api/tasks/:id/milestones': { allowed: ANY_ROLE, ok: 200, call: (f) => ({ url: `/api/tasks/${f.task.work}/milestones` }) },
  'POST /api/milestones/:id/done': {
    allowed: TASK_WRITERS,
    ok: 200,
    call: (f, who) => ({ url: `/api/milestones/${who === 'unit_user' ? f.milestoneFor.unit_user : f.milestoneFor.supervisor}/done` }),
  },
  'POST /api/tasks/:id/extension-requests': {
    allowed: TASK_WRITERS,
    ok: 201,
    call: (f, who) => ({
      url: `/api/tasks/${byCaller(f, who, 'extensionByUnit', 'extensionBySupervisor')}/extension-requests`,
      body: { dueDate: '2100-03-31', reason: '受汛期影响', ...onBehalf(f, who) },
    }),
  },
  'GET /api/tasks/:id/extension-requests': {
    allowed: ANY_ROLE,
    ok: 200,
    call: (f) => ({ url: `/api/tasks/${f.task.extensionReview}/extension-requests` }),
  },
  'POST /api/reminders/scan': { allowed: ['supervisor'], ok: 200, call: () => ({ url: '/api/reminders/scan', body: { asOf: '2021-10-08' } }) },
  'GET /api/reminders': { allowed: ANY_ROLE, ok: 200, call: () => ({ url: '/api/reminders' }) },
  'POST /api/reminders/:id/read': {
    allowed: TASK_WRITERS,
    ok: 200,
    call: (f, who) => ({ url: `/api/reminders/${who === 'unit_user' ? f.reminderFor.unit_user : f.reminderFor.supervisor}/read` }),
  },
  'POST /api/tasks/:id/urge': {
    allowed: ['supervisor'],
    ok: 201,
    call: (f) => ({ url: `/api/tasks/${f.task.work}/urge`, body: { message: '请于本周五前报送进展' } }),
  },
  'GET /api/reminder-policy': { allowed: ANY_ROLE, ok: 200, call: (f) => ({ url: `/api/reminder-policy?planId=${f.ownPlanId}` }) },
  'PUT /api/reminder-policy': {
    allowed: ['admin', 'supervisor'],
    ok: 200,
    call: (f) => ({ url: '/api/reminder-policy', body: { planId: f.ownPlanId, dueSoonWorkdays: 5 } }),
  },
  'GET /api/supervision/tasks': {
    allowed: ANY_ROLE,
    ok: 200,
    call: (f) => ({ url: `/api/supervision/tasks?planId=${f.ownPlanId}&asOf=2021-10-08` }),
  },
  'GET /api/meta': { allowed: ANY_ROLE, ok: 200, call: () => ({ url: '/api/meta' }) },
  'GET /api/supervision/overdue': supervision('overdue'),
  'GET /api/supervision/units': supervision('units'),
  'GET /api/supervision/summary': supervision('summary'),
  'GET /api/supervision/dashboard': supervision('dashboard'),
  'GET /api/supervision/unacknowledged': supervision('unacknowledged'),
  'GET /api/supervision/ledger.xlsx': supervision('ledger.xlsx'),
  'GET /api/supervision/units.xlsx': supervision('units.xlsx'),
  'GET /api/supervision/scores': supervision('scores'),
  'GET /api/supervision/bulletin': supervision('bulletin'),
  'GET /api/supervision/bulletin.docx': supervision('bulletin.docx'),
  'POST /api/supervision/bulletin.docx': {
    allowed: SUPERVISION_VIEWERS,
    ok: 200,
    call: (f) => ({ url: '/api/supervision/bulletin.docx', body: { planId: f.otherPlanId, asOf: '2021-10-08', praise: ['按期完成'] } }),
  },
  'GET /api/supervision/scores.xlsx': supervision('scores.xlsx'),
  'GET /api/plans/:id/scoring-rules': { allowed: SUPERVISION_VIEWERS, ok: 200, call: (f) => ({ url: `/api/plans/${f.otherPlanId}/scoring-rules` }) },
  'PUT /api/plans/:id/scoring-rules': {
    allowed: ['supervisor'],
    ok: 200,
    call: (f) => ({
      url: `/api/plans/${f.otherPlanId}/scoring-rules`,
      body: { base: 100, onTimeCompletion: 2, overduePerWorkday: 0.5, overdueCapPerTask: 10, missingReport: 1, completionReturned: 1, extensionsAllowed: 1, extensionBeyond: 2 },
    }),
  },
  'GET /api/reminder-deliveries': { allowed: SUPERVISION_VIEWERS, ok: 200, call: () => ({ url: '/api/reminder-deliveries' }) },
  'POST /api/reminder-deliveries/:id/retry': {
    allowed: ['supervisor'],
    ok: 200,
    call: (f) => ({ url: `/api/reminder-deliveries/${f.failedDeliveryId}/retry` }),
  },
  'GET /api/organizations': { allowed: ANY_ROLE, ok: 200, call: () => ({ url: '/api/organizations' }) },
  'POST /api/organizations': {
    allowed: ['admin'],
    ok: 201,
    call: () => ({ url: '/api/organizations', body: { name: uniqueName('矩阵县'), kind: 'county' } }),
  },
  'GET /api/incoming-tasks': { allowed: ['supervisor', 'leader'], ok: 200, call: () => ({ url: '/api/incoming-tasks?status=all' }) },
  'POST /api/incoming-tasks/:id/accept': {
    allowed: ['supervisor'],
    ok: 201,
    call: (f) => ({
      url: `/api/incoming-tasks/${f.incomingId}/accept`,
      body: { planId: f.otherPlanId, tasks: [{ units: [{ unitId: f.foreignUnitId, role: 'responsible' }] }] },
    }),
  },
  'GET /api/tasks/:id/children': { allowed: ANY_ROLE, ok: 200, call: (f) => ({ url: `/api/tasks/${f.ownTaskId}/children` }) },
  'POST /api/extension-requests/:id/review': {
    allowed: ['supervisor'],
    ok: 200,
    call: (f) => ({ url: `/api/extension-requests/${f.extensionRequestId}/review`, body: { decision: 'approve' } }),
  },
};

function expectedStatus(expectation: Expectation, who: Who): number {
  if (expectation.allowed === 'public') return expectation.ok;
  if (who === 'anonymous') return 401;
  return expectation.allowed.includes(who) ? expectation.ok : 403;
}

/** Every row of every table (the migrations' bookkeeping aside), digested: equal fingerprints mean nothing was written. */
async function fingerprint(t: TestApp): Promise<Record<string, string>> {
  const tables: Array<{ name: string }> = await t.dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration' ORDER BY 1`,
  );
  const rows: Array<{ name: string; rows: number; digest: string }> = await t.dataSource.query(
    tables
      .map(
        ({ name }) =>
          `SELECT '${name}' AS name, count(*)::int AS rows, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS digest FROM "${name}" r`,
      )
      .join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.name, `${r.rows}:${r.digest}`]));
}

describe('authorization: every route × every role', () => {
  let t: TestApp;
  let f: Fixture;

  /** A province above the test organization that delivered it a task; its admin is the platform calendar's. */
  async function deliveredFromProvince(): Promise<Pick<Fixture, 'incomingId' | 'provinceAdminToken'>> {
    const { provinceId, incomingId } = await deliverToDefaultOrganization(t);
    return { incomingId, provinceAdminToken: (await createUserIn(t, provinceId, 'admin')).token };
  }

  beforeAll(async () => {
    t = await createTestApp();
    const units = await seedJiyuanRegistry(t.app);
    const own = await createImportedPlan(t.app, OWN_NOTICE, { year: 2099 });
    const other = await createImportedPlan(t.app, OTHER_NOTICE);
    const ownTasks = await tasksByNumber(t.app, own.plan.id);
    const otherTasks = await tasksByNumber(t.app, other.plan.id);
    expect(ownTasks.size).toBe(Object.keys(OWN_TASKS).length);
    const unitId = units.get('民政局')!;
    const { user, token } = await createUnitUser(t, unitId);
    const task = Object.fromEntries(Object.entries(OWN_TASKS).map(([name, n]) => [name, ownTasks.get(n).id])) as Fixture['task'];

    // Bring each task to the state its route needs, through the API, as the supervisor acting for 民政局.
    const supervise = async (url: string, body: object, status: number) => {
      const res = await request(t.app, 'POST', url, body, { as: 'supervisor' });
      expectStatus(res, status);
      return res.body;
    };
    const report = { summary: '已启动', percent: 10, unitId };
    for (const name of ['completionByUnit', 'completionBySupervisor', 'completionReview'] as const) {
      await supervise(`/api/tasks/${task[name]}/progress`, report, 201);
    }
    await supervise(`/api/tasks/${task.completionReview}/completion-request`, { summary: '已完成', unitId }, 201);
    await supervise(`/api/tasks/${task.resume}/suspend`, { reason: '暂缓' }, 200);
    const extension = await supervise(`/api/tasks/${task.extensionReview}/extension-requests`, { dueDate: '2100-06-30', reason: '延期', unitId }, 201);
    const milestone = () => supervise(`/api/tasks/${task.work}/milestones`, { title: uniqueName('节点'), dueDate: '2099-03-31' }, 201);
    // The plan runs to 2099, past the calendar data the daily scan needs; the matrix scans the 2021 plans only.
    expectStatus(await request(t.app, 'PUT', '/api/reminder-policy', { planId: own.plan.id, enabled: false }, { as: 'supervisor' }), 200);
    const [urged] = await supervise(`/api/tasks/${task.work}/urge`, { message: '请尽快报送' }, 201);
    // The office's reminders come from the daily scan's escalations; one written directly stands for them.
    const [office] = await t.dataSource.query(
      `INSERT INTO reminder (unique_key, plan_id, task_id, audience, kind, level, due_date, message)
       VALUES ($1, $2, $3, 'supervisors', 'escalation', 2, '2099-12-31', '督办') RETURNING id`,
      [uniqueName('matrix:'), own.plan.id, task.work],
    );
    // Likewise a failed digest stands for a webhook that was down.
    const [failed] = await t.dataSource.query(
      `INSERT INTO reminder_delivery (unit_id, channel, day, reminder_ids, status, attempts, last_error)
       VALUES ($1, 'webhook', '2099-01-05', ARRAY[$2::uuid], 'failed', 3, 'connect ECONNREFUSED') RETURNING id`,
      [unitId, urged.id],
    );

    const upload = async (as: { token: string } | 'supervisor') => {
      const { payload, headers } = multipartBody([{ name: '佐证.pdf', bytes: SAMPLE.pdf() }]);
      const res = await request(t.app, 'POST', `/api/tasks/${task.work}/evidence`, payload, { as, headers });
      expectStatus(res, 201);
      return res.body[0].id as string;
    };
    const submitted = await upload('supervisor');
    await supervise(`/api/tasks/${task.work}/progress`, { ...report, evidenceIds: [submitted] }, 201);

    f = {
      unitName: '公安局',
      spareUnitId: (await createUnit(t.app)).id,
      spareUserId: (await createUser(t.app, { role: 'leader' })).id,
      ownPlanId: own.plan.id,
      otherPlanId: other.plan.id,
      importPlanId: (await createPlan(t.app)).id,
      ownTaskId: task.read,
      ownPlanOtherUnitTaskId: task.otherUnit,
      foreignUnitId: units.get('财政金融局')!,
      otherTaskId: otherTasks.get(1).id,
      task,
      extensionRequestId: extension.id,
      milestoneFor: { unit_user: (await milestone()).id, supervisor: (await milestone()).id },
      reminderFor: { unit_user: urged.id, supervisor: office.id },
      failedDeliveryId: failed.id,
      submittedEvidenceId: submitted,
      draftEvidenceFor: { unit_user: await upload({ token }), supervisor: await upload('supervisor') },
      unitUser: { id: user.id, username: user.username, unitId, token },
      ...(await deliveredFromProvince()),
    };
  });
  afterAll(() => t.close());

  const send = (method: Method, url: string, body: unknown, as: Who, headers: Record<string, string> = {}) =>
    request(t.app, method, url, body, { as, headers });

  it('has a decision for every route the application registers, and a route for every decision', () => {
    const registered = controllerRoutes(t.app).map((r) => `${r.method} ${r.path}`);
    const fastify = t.app.getHttpAdapter().getInstance();
    for (const route of controllerRoutes(t.app)) expect(fastify.hasRoute({ method: route.method as 'GET', url: route.path })).toBe(true);
    const decided = Object.keys(EXPECTATIONS);
    expect({
      routesWithoutDecision: registered.filter((key) => !decided.includes(key)).sort(),
      decisionsWithoutRoute: decided.filter((key) => !registered.includes(key)).sort(),
    }).toEqual({ routesWithoutDecision: [], decisionsWithoutRoute: [] });
    expect(registered).toHaveLength(new Set(registered).size);
  });

  it('every route declares a permission (or signed-in, or public) whose holders are exactly the roles it lets in', () => {
    const scanner = new MetadataScanner();
    const reflector = t.app.get(Reflector);
    const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;
    const declared = new DiscoveryService(t.app.get(ModulesContainer)).getControllers().flatMap(({ instance, metatype }) =>
      !instance || !metatype
        ? []
        : scanner.getAllMethodNames(Object.getPrototypeOf(instance)).flatMap((name) => {
            const handler = (instance as Record<string, unknown>)[name] as () => unknown;
            const path: string | undefined = Reflect.getMetadata(PATH_METADATA, handler);
            if (path === undefined) return [];
            const key = `${RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod]} ${join(Reflect.getMetadata(PATH_METADATA, metatype), path)}`;
            return [[key, reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_KEY, [handler, metatype])] as const];
          }),
    );
    const letIn = (access: RouteAccess | undefined) =>
      access === 'public' ? 'public' : access === 'signed-in' ? ANY_ROLE : ROLES.filter((role) => access && GRANTS[role].includes(access));
    const mismatches = declared
      .filter(([key, access]) => {
        const allowed = EXPECTATIONS[key]!.allowed;
        const granted = letIn(access);
        return allowed === 'public' || granted === 'public' ? allowed !== granted : [...granted].sort().join() !== [...allowed].sort().join();
      })
      .map(([key, access]) => `${key}: ${String(access)}`);
    expect(declared.length).toBe(Object.keys(EXPECTATIONS).length);
    expect(mismatches).toEqual([]);
  });

  const cases = Object.entries(EXPECTATIONS).flatMap(([key, expectation]) =>
    EVERYONE.map((who) => [key, who, expectedStatus(expectation, who)] as const),
  );

  it.each(cases)('%s as %s → %i', async (key, who, status) => {
    const expectation = EXPECTATIONS[key]!;
    const [method, path] = key.split(' ') as [Method, string];
    const { url, body, headers } = await expectation.call(f, who, t);
    expect(url.split('?')[0]).toMatch(new RegExp(`^${path.replace(/:\w+/g, '[^/]+')}$`));

    if (status === 401 || status === 403) {
      const before = await fingerprint(t);
      const res = await send(method, url, body, who, headers);
      expectStatus(res, status);
      expect(res.body).toMatchObject({ statusCode: status, code: status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN' });
      // A refused call writes nothing, not even an audit event.
      expect(await fingerprint(t)).toEqual(before);
    } else {
      const res = await send(method, url, body, who, headers);
      expect(res.status).not.toBe(401);
      expect(res.status).not.toBe(403);
      expectStatus(res, status);
    }
  });

  it('requests running at the same time each see their own caller', async () => {
    const callers = [
      { as: 'unit_user', url: '/api/plans', status: 200 },
      { as: 'admin', url: '/api/users', status: 200 },
      { as: 'leader', url: '/api/users', status: 403 },
      { as: 'anonymous', url: '/api/plans', status: 401 },
      { as: 'leader', url: '/api/plans', status: 200 },
    ] as const;
    const calls = Array.from({ length: 40 }, (_, i) => callers[i % callers.length]!);
    const results = await Promise.all(calls.map((c) => send('GET', c.url, undefined, c.as)));
    results.forEach((res, i) => {
      const { as, url, status } = calls[i]!;
      expect([as, url, res.status]).toEqual([as, url, status]);
      if (as === 'unit_user') expect(res.body.map((p: any) => p.id)).toEqual([f.ownPlanId]);
      if (as === 'leader' && status === 200) expect(res.body.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('a unit user reads only the plans its unit has tasks in', () => {
    const asUnit = (url: string) => request(t.app, 'GET', url, undefined, { as: { token: f.unitUser.token } });

    it('GET /api/plans lists only those plans, while staff see them all', async () => {
      const mine = await asUnit('/api/plans');
      expectStatus(mine, 200);
      expect(mine.body.map((p: any) => p.id)).toEqual([f.ownPlanId]);

      const all = await request(t.app, 'GET', '/api/plans', undefined, { as: 'leader' });
      expect(all.body.map((p: any) => p.id)).toEqual(expect.arrayContaining([f.ownPlanId, f.otherPlanId, f.importPlanId]));
    });

    it('GET /api/plans/:id of another plan → 403; of its own → 200', async () => {
      const res = await asUnit(`/api/plans/${f.otherPlanId}`);
      expectStatus(res, 403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('无权查看') });
      expectStatus(await asUnit(`/api/plans/${f.ownPlanId}`), 200);
    });

    it("its own unit's task → 200; another unit's task, in its plan or another, → 403 on every task route", async () => {
      expectStatus(await asUnit(`/api/tasks/${f.ownTaskId}`), 200);
      for (const taskId of [f.ownPlanOtherUnitTaskId, f.otherTaskId]) {
        for (const suffix of ['', '/history', '/progress', '/milestones', '/extension-requests']) {
          const res = await asUnit(`/api/tasks/${taskId}${suffix}`);
          expect([suffix, res.status, res.body.code]).toEqual([suffix, 403, 'FORBIDDEN']);
        }
      }
      expect((await asUnit(`/api/tasks/${f.ownPlanOtherUnitTaskId}`)).body.message).toBe('该任务未分配给本单位，无权查看');
    });

    it("GET /api/tasks lists only its own unit's tasks, whatever the filter asks for; staff see the plan's all", async () => {
      const mine = await asUnit('/api/tasks?pageSize=200');
      expectStatus(mine, 200);
      expect(mine.body.total).toBe(Object.keys(OWN_TASKS).length - 1);
      expect(mine.body.items.map((task: any) => task.id).sort()).toEqual(
        Object.entries(f.task)
          .filter(([name]) => name !== 'otherUnit')
          .map(([, id]) => id)
          .sort(),
      );

      for (const query of [`planId=${f.otherPlanId}`, 'q=财政预算', `unitId=${f.foreignUnitId}`, 'role=lead']) {
        const asked = await asUnit(`/api/tasks?${query}`);
        expect([query, asked.status, asked.body.total]).toEqual([query, 200, 0]);
      }
      // By number: task 2 is the other unit's (its own tasks may match the text "2").
      const byNumber = await asUnit(`/api/tasks?q=${OWN_TASKS.otherUnit}`);
      expect(byNumber.body.items.map((task: any) => task.id)).not.toContain(f.ownPlanOtherUnitTaskId);
      const staffByNumber = await request(t.app, 'GET', `/api/tasks?q=${OWN_TASKS.otherUnit}`, undefined, { as: 'leader' });
      expect(staffByNumber.body.items.map((task: any) => task.id)).toContain(f.ownPlanOtherUnitTaskId);
      const staff = await request(t.app, 'GET', `/api/tasks?planId=${f.ownPlanId}`, undefined, { as: 'leader' });
      expect(staff.body.total).toBe(Object.keys(OWN_TASKS).length);
    });

    it('GET /api/plans/:id still gives the whole section tree and the counts of every task', async () => {
      const plan = await asUnit(`/api/plans/${f.ownPlanId}`);
      expect(plan.body).toMatchObject({ taskCount: Object.keys(OWN_TASKS).length, sections: [{ title: '矩阵测试', taskCount: Object.keys(OWN_TASKS).length }] });
    });

    it("no GET route a unit user may call answers with another unit's task, whatever it asks for", async () => {
      const foreign = [f.ownPlanOtherUnitTaskId, f.otherTaskId, '完善财政预算管理制度', '推进农村公路建设'];
      const reads = Object.entries(EXPECTATIONS).filter(
        ([key, e]) => key.startsWith('GET ') && e.allowed !== 'public' && e.allowed.includes('unit_user'),
      );
      const urls = [
        ...(await Promise.all(reads.map(async ([, e]) => (await e.call(f, 'unit_user', t)).url))),
        // The lists again, asked for the other unit's tasks by every filter they have.
        ...[`planId=${f.ownPlanId}&pageSize=200`, `q=${OWN_TASKS.otherUnit}`, 'q=财政', `unitId=${f.foreignUnitId}`, 'role=lead', 'role=responsible'].flatMap(
          (query) => [`/api/tasks?${query}`, `/api/supervision/tasks?planId=${f.ownPlanId}&asOf=2021-10-08&${query}`],
        ),
        `/api/reminders?taskId=${f.ownPlanOtherUnitTaskId}`,
      ];
      expect(reads.map(([key]) => key)).toEqual(expect.arrayContaining(['GET /api/tasks', 'GET /api/supervision/tasks', 'GET /api/reminders']));
      const leaks: string[] = [];
      let answered = 0;
      for (const url of urls) {
        const res = await asUnit(url);
        if (res.status === 200) answered++;
        const text = JSON.stringify(res.body);
        for (const mark of foreign) if (text.includes(mark)) leaks.push(`${url} shows ${mark}`);
      }
      expect(leaks).toEqual([]);
      expect(answered).toBeGreaterThanOrEqual(reads.length);
      // The same search shows staff the other unit's task: the filters above could find it.
      const staff = await request(t.app, 'GET', `/api/supervision/tasks?planId=${f.ownPlanId}&asOf=2021-10-08&q=财政`, undefined, { as: 'leader' });
      expect(staff.body.items.map((task: any) => task.id)).toEqual([f.ownPlanOtherUnitTaskId]);
    });

    it('a unit user whose unit has no task sees no plan and no task', async () => {
      const { token } = await createUnitUser(t, (await createUnit(t.app)).id);
      const as = { token };
      expect((await request(t.app, 'GET', '/api/plans', undefined, { as })).body).toEqual([]);
      expect((await request(t.app, 'GET', '/api/tasks', undefined, { as })).body).toMatchObject({ total: 0, items: [] });
      expectStatus(await request(t.app, 'GET', `/api/plans/${f.ownPlanId}`, undefined, { as }), 403);
      expectStatus(await request(t.app, 'GET', `/api/tasks/${f.ownTaskId}`, undefined, { as }), 403);
    });
  });

  describe('refused writes change nothing', () => {
    const unitCount = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM unit`))[0].n as number;

    it("a supervisor's POST /api/units → 403 and the unit count is unchanged", async () => {
      const before = await unitCount();
      const name = uniqueName('越权局');
      expectStatus(await send('POST', '/api/units', { name }, 'supervisor'), 403);
      expect(await unitCount()).toBe(before);
      expect(await t.dataSource.query(`SELECT 1 FROM unit WHERE name = $1`, [name])).toEqual([]);
    });

    it("a unit user's POST /api/plans/:id/import → 403 and the plan gets no tasks", async () => {
      const plan = await createPlan(t.app);
      const res = await send('POST', `/api/plans/${plan.id}/import`, { text: OWN_NOTICE, createMissingUnits: true }, 'unit_user');
      expectStatus(res, 403);
      expect(await countPlanRows(t, 'task', plan.id)).toBe(0);
      expect(await countPlanRows(t, 'plan_section', plan.id)).toBe(0);
    });

    it('a unit user cannot make itself (or anyone) an admin', async () => {
      const before = await fingerprint(t);
      expectStatus(await send('PATCH', `/api/users/${f.unitUser.id}`, { role: 'admin', unitId: null }, 'unit_user'), 403);
      expectStatus(await send('POST', '/api/users', { username: uniqueName('evil-'), password: TEST_PASSWORD, role: 'admin' }, 'unit_user'), 403);
      expect(await fingerprint(t)).toEqual(before);
      const [row] = await t.dataSource.query(`SELECT role, unit_id FROM app_user WHERE id = $1`, [f.unitUser.id]);
      expect(row).toEqual({ role: 'unit_user', unit_id: f.unitUser.unitId });
    });
  });

  describe('the services refuse even when a controller forgets to check', () => {
    const inDefaultOrganization = { organizationId: DEFAULT_ORGANIZATION_ID, organizationTree: [DEFAULT_ORGANIZATION_ID] };
    const unitActor = (): Actor => ({
      userId: f.unitUser.id,
      username: f.unitUser.username,
      role: 'unit_user',
      unitId: f.unitUser.unitId,
      ...inDefaultOrganization,
    });
    const as = <T>(actor: Actor | null, fn: () => Promise<T>): Promise<T> =>
      runInContext({ requestId: null, ip: null, actor }, fn);
    const asUnitUser = <T>(fn: () => Promise<T>) => as(unitActor(), fn);

    async function expectForbidden(promise: Promise<unknown>): Promise<void> {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    }

    async function expectUnauthorized(promise: Promise<unknown>): Promise<void> {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UnauthorizedError);
      expect(error).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    }

    it('UnitsService: create, update and createGroup → 403 for a unit user, nothing written', async () => {
      const units = t.app.get(UnitsService);
      const before = await fingerprint(t);
      await expectForbidden(asUnitUser(() => units.create({ name: uniqueName('越权局') })));
      await expectForbidden(asUnitUser(() => units.update(f.spareUnitId, { name: uniqueName('越权改名') })));
      await expectForbidden(asUnitUser(() => units.createGroup({ name: uniqueName('各越权'), members: ['民政局'] })));
      expect(await fingerprint(t)).toEqual(before);
      // Reading the registry is allowed.
      expect((await asUnitUser(() => units.list())).length).toBeGreaterThan(60);
    });

    it('NoticeImportService.import → 403 for a unit user and nothing is written', async () => {
      const plan = await createPlan(t.app);
      const before = await fingerprint(t);
      await expectForbidden(asUnitUser(() => t.app.get(NoticeImportService).import(plan.id, { kind: 'text', text: OWN_NOTICE }, { createMissingUnits: true })));
      expect(await fingerprint(t)).toEqual(before);
      expect(await countPlanRows(t, 'task', plan.id)).toBe(0);
    });

    it("EvidenceService and TaskCreationService → 403 for a unit user on another unit's task or plan, nothing written", async () => {
      // The supervisor's own draft on the unit's task (the matrix's DELETE call used up the fixture's).
      const { payload, headers } = multipartBody([{ name: '草稿.pdf', bytes: SAMPLE.pdf() }]);
      const draft = await request(t.app, 'POST', `/api/tasks/${f.task.work}/evidence`, payload, { as: 'supervisor', headers });
      expectStatus(draft, 201);
      const before = await fingerprint(t);
      const photo = { name: '越权.jpg', bytes: SAMPLE.jpeg() };
      await expectForbidden(asUnitUser(() => t.app.get(EvidenceService).upload(f.ownPlanOtherUnitTaskId, [photo])));
      await expectForbidden(asUnitUser(() => t.app.get(EvidenceService).content(f.submittedEvidenceId).then(() => t.app.get(EvidenceService).listForTask(f.otherTaskId))));
      await expectForbidden(asUnitUser(() => t.app.get(EvidenceService).remove(draft.body[0].id)));
      const manual = { content: '越权新增', dueDate: '2021-12-31', units: { responsible: [f.unitUser.unitId] }, source: { kind: 'other' as const } };
      await expectForbidden(asUnitUser(() => t.app.get(TaskCreationService).create(f.ownPlanId, manual)));
      expect(await fingerprint(t)).toEqual(before);
    });

    it('PlansService, UsersService, AuditService → 403 for a unit user', async () => {
      const plans = t.app.get(PlansService);
      const users = t.app.get(UsersService);
      await expectForbidden(asUnitUser(() => plans.create({ title: uniqueName('计划'), year: 2021 })));
      await expectForbidden(asUnitUser(() => plans.get(f.otherPlanId)));
      await expectForbidden(asUnitUser(() => users.list()));
      await expectForbidden(asUnitUser(() => users.create({ username: uniqueName('evil-'), password: TEST_PASSWORD, role: 'admin' })));
      await expectForbidden(asUnitUser(() => users.update(f.unitUser.id, { role: 'admin', unitId: null })));
      await expectForbidden(asUnitUser(() => t.app.get(AuditService).list({})));
      expect((await asUnitUser(() => plans.list())).map((p) => p.id)).toEqual([f.ownPlanId]);
    });

    it("TasksService and AccessService.requireReadTask: reads are scoped to its own unit's tasks", async () => {
      const tasks = t.app.get(TasksService);
      await expectForbidden(asUnitUser(() => tasks.get(f.otherTaskId)));
      await expectForbidden(asUnitUser(() => tasks.get(f.ownPlanOtherUnitTaskId)));
      await expectForbidden(asUnitUser(() => t.app.get(AccessService).requireReadTask(f.ownPlanOtherUnitTaskId)));
      await expect(asUnitUser(() => t.app.get(AccessService).requireReadTask(f.ownTaskId))).resolves.toBeUndefined();
      expect((await asUnitUser(() => tasks.get(f.ownTaskId))).id).toBe(f.ownTaskId);
      const page = await asUnitUser(() => tasks.list({ planId: f.otherPlanId }));
      expect(page.total).toBe(0);
    });

    it("AccessService.requireWriteTask: another unit's task → 403, its own task passes; staff other than supervisors write none", async () => {
      const access = t.app.get(AccessService);
      await expectForbidden(asUnitUser(() => access.requireWriteTask(f.otherTaskId)));
      // Same plan, but assigned to other units only.
      await expectForbidden(asUnitUser(() => access.requireWriteTask(f.ownPlanOtherUnitTaskId)));
      await expect(asUnitUser(() => access.requireWriteTask(f.ownTaskId))).resolves.toMatchObject({ userId: f.unitUser.id });
      // A leader reads everything and writes nothing; an admin manages accounts, not tasks; a supervisor writes any.
      for (const role of ['leader', 'admin'] as const) {
        await expectForbidden(as({ userId: null, username: `test-${role}`, role, unitId: null, ...inDefaultOrganization }, () => access.requireWriteTask(f.ownTaskId)));
      }
      const supervisor: Actor = { userId: null, username: 'test-supervisor', role: 'supervisor', unitId: null, ...inDefaultOrganization };
      await expect(as(supervisor, () => access.requireWriteTask(f.otherTaskId))).resolves.toMatchObject({ role: 'supervisor' });
    });

    it('AccessService.requireReadPlan: a plan without its unit → 403, an unknown plan → 404', async () => {
      const access = t.app.get(AccessService);
      await expectForbidden(asUnitUser(() => access.requireReadPlan(f.otherPlanId)));
      await expect(asUnitUser(() => access.requireReadPlan(f.ownPlanId))).resolves.toBeUndefined();
      await expect(asUnitUser(() => access.requireReadPlan('00000000-0000-4000-8000-000000000000'))).rejects.toMatchObject({ statusCode: 404 });
    });

    it('AcknowledgementsService.acknowledge: 403 for a leader, a supervisor and a user of an unassigned unit; nothing written', async () => {
      const acknowledgements = t.app.get(AcknowledgementsService);
      const before = await fingerprint(t);
      for (const role of ['leader', 'supervisor', 'admin'] as const) {
        await expectForbidden(as({ userId: null, username: `test-${role}`, role, unitId: null, ...inDefaultOrganization }, () => acknowledgements.acknowledge(f.ownTaskId)));
      }
      await expectForbidden(asUnitUser(() => acknowledgements.acknowledge(f.ownPlanOtherUnitTaskId)));
      expect(await fingerprint(t)).toEqual(before);
    });

    it('with no actor in the context every service answers 401', async () => {
      const units = t.app.get(UnitsService);
      const tasks = t.app.get(TasksService);
      const plans = t.app.get(PlansService);
      const plan = await createPlan(t.app);
      const before = await fingerprint(t);
      const calls: Array<() => Promise<unknown>> = [
        () => units.create({ name: uniqueName('无主局') }),
        () => units.list(),
        () => plans.list(),
        () => plans.get(f.ownPlanId),
        () => plans.create({ title: uniqueName('计划'), year: 2021 }),
        () => tasks.list({}),
        () => tasks.get(f.ownTaskId),
        () => t.app.get(AccessService).requireWriteTask(f.ownTaskId),
        () => t.app.get(AccessService).requireReadTask(f.ownTaskId),
        () => t.app.get(UsersService).list(),
        () => t.app.get(AuditService).list({}),
        () => t.app.get(NoticeImportService).import(plan.id, { kind: 'text', text: IMPORT_NOTICE }, {}),
      ];
      for (const call of calls) {
        await expectUnauthorized(as(null, call));
        // Outside any request context, too.
        await expectUnauthorized(call());
      }
      expect(await fingerprint(t)).toEqual(before);
    });
  });
});
