import { runAsSystem } from '../src/access/request-context';
import { ROLES, type Role } from '../src/access/roles';
import { TokenService } from '../src/auth/token.service';
import { UsersService } from '../src/users/users.service';
import { uniqueName } from './support/factories';
import { expectStatus, request, type ApiResponse } from './support/http';
import { multipartBody, SAMPLE } from './support/multipart';
import { controllerRoutes, type Route } from './support/routes';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app';

/**
 * Organization scope over every route: a province with two cities and a county under city A, each with units of
 * the same names, plans, tasks and users of every role. A sibling's objects are as if absent (404) on every route
 * that names one and never show in a list; a parent organization's staff read a child's objects (200) and write
 * none of them (403), except accounts, which an admin manages down the tree.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Everything one organization owns that a route can name. */
interface Org {
  key: string;
  id: string;
  tokens: Record<Role, string>;
  /** 民政局 (the unit user's unit) and 财政局: every organization has its own under the same names. */
  unitId: string;
  financeUnitId: string;
  spareUnitId: string;
  groupId: string;
  spareUserId: string;
  /** A 2099 plan (so 延期 can still be asked) and a 2021 plan for the supervision views (calendar data ends 2026). */
  planId: string;
  reportPlanId: string;
  task: { work: string; completionReview: string; resume: string; extensionReview: string };
  extensionRequestId: string;
  milestoneId: string;
  urgeReminderId: string;
  officeReminderId: string;
  failedDeliveryId: string;
  submittedEvidenceId: string;
  draftEvidenceId: string;
}

interface Call {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route naming one object of the target organization; `read`: it writes nothing (a POST that renders). */
interface ObjectRoute {
  call: (o: Org, who: Role) => Call | Promise<Call>;
  read?: boolean;
  /** Account management reaches down the tree: a parent's admin may do it. */
  accounts?: boolean;
}

const NOTICE = [
  '一、隔离测试',
  '1.推进养老服务第1项工作。(责任单位:民政局)',
  '2.推进养老服务第2项工作。(责任单位:民政局)',
  '3.推进养老服务第3项工作。(责任单位:民政局)',
  '4.推进养老服务第4项工作。(责任单位:民政局)',
  '5.完善财政预算管理制度。(牵头单位:财政局;责任单位:民政局)',
].join('\n');
const REPORT_NOTICE = '1.推进农村公路建设。(责任单位:财政局)';
const SCORING_RULES = { base: 100, onTimeCompletion: 2, overduePerWorkday: 0.5, overdueCapPerTask: 10, missingReport: 1, completionReturned: 1, extensionsAllowed: 1, extensionBeyond: 2 };

const supervision = (view: string): ObjectRoute => ({ call: (o) => ({ url: `/api/supervision/${view}?planId=${o.reportPlanId}&asOf=2021-10-08` }) });
const version = async (t: TestApp, taskId: string) => (await t.dataSource.query(`SELECT version FROM task WHERE id = $1`, [taskId]))[0].version as number;

/** Every route that names an object, called on the target organization's object. */
const objectRoutes = (t: TestApp): Record<string, ObjectRoute> => ({
  'GET /api/plans/:id': { call: (o) => ({ url: `/api/plans/${o.planId}` }) },
  'PATCH /api/plans/:id': { call: (o) => ({ url: `/api/plans/${o.planId}`, body: { completionEvidenceRequired: true } }) },
  'POST /api/plans/:id/tasks': {
    call: (o) => ({
      url: `/api/plans/${o.planId}/tasks`,
      body: { content: '越权新增任务', dueDate: '2099-12-31', units: { responsible: [o.unitId] }, source: { kind: 'instruction' } },
    }),
  },
  'POST /api/plans/:id/import': { call: (o) => ({ url: `/api/plans/${o.planId}/import`, body: { text: '1.推进越权事项。(责任单位:财政局)' } }) },
  'GET /api/plans/:id/scoring-rules': { call: (o) => ({ url: `/api/plans/${o.reportPlanId}/scoring-rules` }) },
  'PUT /api/plans/:id/scoring-rules': { call: (o) => ({ url: `/api/plans/${o.reportPlanId}/scoring-rules`, body: SCORING_RULES }) },
  'GET /api/tasks/:id': { call: (o) => ({ url: `/api/tasks/${o.task.work}` }) },
  'PATCH /api/tasks/:id': {
    call: async (o) => ({ url: `/api/tasks/${o.task.work}`, body: { content: '越权改写', version: await version(t, o.task.work) } }),
  },
  'POST /api/tasks/:id/acknowledge': { call: (o) => ({ url: `/api/tasks/${o.task.work}/acknowledge` }) },
  'GET /api/tasks/:id/history': { call: (o) => ({ url: `/api/tasks/${o.task.work}/history` }) },
  'GET /api/tasks/:id/targets': { call: (o) => ({ url: `/api/tasks/${o.task.work}/targets` }) },
  'PUT /api/tasks/:id/targets': {
    call: async (o) => ({
      url: `/api/tasks/${o.task.work}/targets`,
      body: { version: await version(t, o.task.work), targets: [{ metric: '养老服务', comparator: 'at_least', value: 3, unit: '个' }] },
    }),
  },
  'POST /api/tasks/:id/progress': { call: (o) => ({ url: `/api/tasks/${o.task.work}/progress`, body: { summary: '越权报送', percent: 30, unitId: o.unitId } }) },
  'GET /api/tasks/:id/progress': { call: (o) => ({ url: `/api/tasks/${o.task.work}/progress` }) },
  'POST /api/tasks/:id/completion-request': {
    call: (o) => ({ url: `/api/tasks/${o.task.work}/completion-request`, body: { summary: '越权销号', unitId: o.unitId } }),
  },
  'POST /api/tasks/:id/completion-review': { call: (o) => ({ url: `/api/tasks/${o.task.completionReview}/completion-review`, body: { decision: 'approve' } }) },
  'POST /api/tasks/:id/suspend': { call: (o) => ({ url: `/api/tasks/${o.task.work}/suspend`, body: { reason: '越权暂缓' } }) },
  'POST /api/tasks/:id/cancel': { call: (o) => ({ url: `/api/tasks/${o.task.work}/cancel`, body: { reason: '越权撤销' } }) },
  'POST /api/tasks/:id/resume': { call: (o) => ({ url: `/api/tasks/${o.task.resume}/resume`, body: { reason: '越权恢复' } }) },
  'POST /api/tasks/:id/milestones': { call: (o) => ({ url: `/api/tasks/${o.task.work}/milestones`, body: { title: '越权节点', dueDate: '2099-06-30' } }) },
  'GET /api/tasks/:id/milestones': { call: (o) => ({ url: `/api/tasks/${o.task.work}/milestones` }) },
  'POST /api/milestones/:id/done': { call: (o) => ({ url: `/api/milestones/${o.milestoneId}/done` }) },
  'POST /api/tasks/:id/extension-requests': {
    call: (o) => ({ url: `/api/tasks/${o.task.work}/extension-requests`, body: { dueDate: '2100-03-31', reason: '越权延期', unitId: o.unitId } }),
  },
  'GET /api/tasks/:id/extension-requests': { call: (o) => ({ url: `/api/tasks/${o.task.extensionReview}/extension-requests` }) },
  'POST /api/extension-requests/:id/review': { call: (o) => ({ url: `/api/extension-requests/${o.extensionRequestId}/review`, body: { decision: 'approve' } }) },
  'POST /api/tasks/:id/evidence': {
    call: (o) => {
      const { payload, headers } = multipartBody([{ name: '越权.jpg', bytes: SAMPLE.jpeg() }]);
      return { url: `/api/tasks/${o.task.work}/evidence`, body: payload, headers };
    },
  },
  'GET /api/tasks/:id/evidence': { call: (o) => ({ url: `/api/tasks/${o.task.work}/evidence` }) },
  'GET /api/evidence/:id/content': { call: (o) => ({ url: `/api/evidence/${o.submittedEvidenceId}/content` }) },
  'DELETE /api/evidence/:id': { call: (o) => ({ url: `/api/evidence/${o.draftEvidenceId}` }) },
  'POST /api/tasks/:id/urge': { call: (o) => ({ url: `/api/tasks/${o.task.work}/urge`, body: { message: '越权催办' } }) },
  // A unit user is offered the unit's reminder, staff the office's notice: each the one its role could sign.
  'POST /api/reminders/:id/read': { call: (o, who) => ({ url: `/api/reminders/${who === 'unit_user' ? o.urgeReminderId : o.officeReminderId}/read` }) },
  'GET /api/reminder-policy': { call: (o) => ({ url: `/api/reminder-policy?planId=${o.planId}` }) },
  'PUT /api/reminder-policy': { call: (o) => ({ url: '/api/reminder-policy', body: { planId: o.planId, dueSoonWorkdays: 9 } }) },
  'PATCH /api/units/:id': { call: (o) => ({ url: `/api/units/${o.spareUnitId}`, body: { aliases: [uniqueName('越权简称')] } }) },
  'PATCH /api/users/:id': { call: (o) => ({ url: `/api/users/${o.spareUserId}`, body: { displayName: uniqueName('改名') } }), accounts: true },
  'POST /api/users/:id/unlock': { call: (o) => ({ url: `/api/users/${o.spareUserId}/unlock` }), accounts: true },
  'POST /api/reminder-deliveries/:id/retry': { call: (o) => ({ url: `/api/reminder-deliveries/${o.failedDeliveryId}/retry` }) },
  'GET /api/supervision/tasks': supervision('tasks'),
  'GET /api/supervision/overdue': supervision('overdue'),
  'GET /api/supervision/units': supervision('units'),
  'GET /api/supervision/summary': supervision('summary'),
  'GET /api/supervision/dashboard': supervision('dashboard'),
  'GET /api/supervision/unacknowledged': supervision('unacknowledged'),
  'GET /api/supervision/ledger.xlsx': supervision('ledger.xlsx'),
  'GET /api/supervision/units.xlsx': supervision('units.xlsx'),
  'GET /api/supervision/scores': supervision('scores'),
  'GET /api/supervision/scores.xlsx': supervision('scores.xlsx'),
  'GET /api/supervision/bulletin': supervision('bulletin'),
  'GET /api/supervision/bulletin.docx': supervision('bulletin.docx'),
  'POST /api/supervision/bulletin.docx': {
    call: (o) => ({ url: '/api/supervision/bulletin.docx', body: { planId: o.reportPlanId, asOf: '2021-10-08', praise: ['按期完成'] } }),
    read: true,
  },
});

/** Lists: bounded to the caller's organization, with the organizationId switcher (the audit trail: its tree). */
const LIST_ROUTES = [
  'GET /api/plans',
  'GET /api/tasks',
  'GET /api/units',
  'GET /api/unit-groups',
  'GET /api/users',
  'GET /api/reminders',
  'GET /api/reminder-deliveries',
  'GET /api/audit',
] as const;

/**
 * Routes that name no object of any organization: public ones, the caller's own account, the platform's calendar
 * and meta, and creations (filed under the caller's organization). The reminder scan is the platform's daily job,
 * which a supervisor may run early: it creates, in every organization, only what the job would (README).
 */
const OWN_ROUTES: Record<string, (who: Role) => Call> = {
  'GET /health/live': () => ({ url: '/health/live' }),
  'GET /health/ready': () => ({ url: '/health/ready' }),
  'POST /api/auth/login': () => ({ url: '/api/auth/login', body: { username: 'nobody-here', password: TEST_PASSWORD } }),
  'GET /api/auth/me': () => ({ url: '/api/auth/me' }),
  'POST /api/auth/password': () => ({ url: '/api/auth/password', body: { currentPassword: 'not-the-password', newPassword: 'new-password-123' } }),
  'GET /api/meta': () => ({ url: '/api/meta' }),
  'GET /api/calendar/overrides': () => ({ url: '/api/calendar/overrides?year=2021' }),
  'GET /api/calendar/workdays': () => ({ url: '/api/calendar/workdays?from=2021-09-27&to=2021-10-10' }),
  'PUT /api/calendar/overrides': () => ({ url: '/api/calendar/overrides', body: { year: 2021, items: [{ day: '2021-10-11', isWorkday: false, note: '隔离测试' }] } }),
  'GET /api/plans/import-template.xlsx': () => ({ url: '/api/plans/import-template.xlsx' }),
  'POST /api/plans': () => ({ url: '/api/plans', body: { title: uniqueName('本级计划'), year: 2021 } }),
  'POST /api/units': () => ({ url: '/api/units', body: { name: uniqueName('本级局') } }),
  'POST /api/unit-groups': () => ({ url: '/api/unit-groups', body: { name: uniqueName('各本级单位'), members: ['民政局', '财政局'] } }),
  'POST /api/users': () => ({ url: '/api/users', body: { username: uniqueName('own-'), password: TEST_PASSWORD, role: 'leader' } }),
  'POST /api/reminders/scan': () => ({ url: '/api/reminders/scan', body: { asOf: '2021-10-08' } }),
};

/** Every row of every table, digested: equal fingerprints mean nothing was written anywhere. */
async function fingerprint(t: TestApp, organizationId?: string): Promise<Record<string, string>> {
  const tables: Array<{ name: string }> = await t.dataSource.query(
    organizationId
      ? `SELECT c.table_name AS name FROM information_schema.columns c JOIN information_schema.tables s USING (table_schema, table_name)
          WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' AND s.table_type = 'BASE TABLE' ORDER BY 1`
      : `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration' ORDER BY 1`,
  );
  const where = organizationId ? 'WHERE r.organization_id = $1' : '';
  const found: Array<{ name: string; rows: number; digest: string }> = await t.dataSource.query(
    tables
      .map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS rows, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS digest FROM "${name}" r ${where}`)
      .join(' UNION ALL '),
    organizationId ? [organizationId] : [],
  );
  return Object.fromEntries(found.map((r) => [r.name, `${r.rows}:${r.digest}`]));
}

describe('organization isolation: every route × every role × organization', () => {
  let t: TestApp;
  const orgs: Record<'province' | 'cityA' | 'cityB' | 'county', Org> = {} as never;

  const send = (method: Method, url: string, body: unknown, token: string, headers: Record<string, string> = {}) =>
    request(t.app, method, url, body, { as: { token }, headers });
  const ok = async (res: Promise<ApiResponse> | ApiResponse, status: number) => {
    const answer = await res;
    expectStatus(answer, status);
    return answer.body;
  };

  async function organization(name: string, kind: string, parentId: string | null): Promise<string> {
    const [{ id }] = await t.dataSource.query(`INSERT INTO organization (name, kind, parent_id) VALUES ($1, $2, $3) RETURNING id`, [name, kind, parentId]);
    return id;
  }

  /** Users of every role, units of the same names as every other organization's, plans and tasks in every state. */
  async function populate(key: string, id: string): Promise<Org> {
    const tokens = {} as Record<Role, string>;
    await runAsSystem(async () => {
      for (const role of ['admin', 'supervisor', 'leader'] as const) {
        const user = await t.app.get(UsersService).create({ username: uniqueName(`${key}-${role}-`), password: TEST_PASSWORD, role, organizationId: id });
        tokens[role] = t.app.get(TokenService).sign({ sub: user.id, ver: 1, role }).token;
      }
    });
    const as = (role: Role) => tokens[role];
    const unit = async (name: string) => (await ok(send('POST', '/api/units', { name }, as('admin')), 201)).id as string;
    const unitId = await unit('民政局');
    const financeUnitId = await unit('财政局');
    const spareUnitId = await unit(uniqueName('备用局'));
    const group = await ok(send('POST', '/api/unit-groups', { name: '各局', members: ['民政局', '财政局'] }, as('admin')), 201);
    const clerk = await ok(send('POST', '/api/users', { username: uniqueName(`${key}-clerk-`), password: TEST_PASSWORD, role: 'unit_user', unitId }, as('admin')), 201);
    tokens.unit_user = (await ok(send('POST', '/api/auth/login', { username: clerk.username, password: TEST_PASSWORD }, ''), 200)).accessToken;
    const spareUser = await ok(send('POST', '/api/users', { username: uniqueName(`${key}-spare-`), password: TEST_PASSWORD, role: 'leader' }, as('admin')), 201);

    const supervise = (method: Method, url: string, body: unknown, status: number, headers?: Record<string, string>) =>
      ok(send(method, url, body, as('supervisor'), headers), status);
    const plan = await supervise('POST', '/api/plans', { title: `${key}2099年重点工作`, year: 2099 }, 201);
    await supervise('POST', `/api/plans/${plan.id}/import`, { text: NOTICE }, 201);
    const reportPlan = await supervise('POST', '/api/plans', { title: `${key}2021年重点工作`, year: 2021 }, 201);
    await supervise('POST', `/api/plans/${reportPlan.id}/import`, { text: REPORT_NOTICE }, 201);
    const numbered: Array<{ id: string; number: number }> = await t.dataSource.query(`SELECT id, number FROM task WHERE plan_id = $1`, [plan.id]);
    const byNumber = (n: number) => numbered.find((task) => task.number === n)!.id;
    const task = { work: byNumber(1), completionReview: byNumber(2), resume: byNumber(3), extensionReview: byNumber(4) };

    // The 2099 plan lies past the calendar data the daily scan needs.
    for (const planId of [plan.id, reportPlan.id]) await supervise('PUT', '/api/reminder-policy', { planId, enabled: false }, 200);
    const report = { summary: '已启动', percent: 10, unitId };
    await supervise('POST', `/api/tasks/${task.completionReview}/progress`, report, 201);
    await supervise('POST', `/api/tasks/${task.completionReview}/completion-request`, { summary: '已完成', unitId }, 201);
    await supervise('POST', `/api/tasks/${task.resume}/suspend`, { reason: '暂缓' }, 200);
    const extension = await supervise('POST', `/api/tasks/${task.extensionReview}/extension-requests`, { dueDate: '2100-06-30', reason: '延期', unitId }, 201);
    const milestone = await supervise('POST', `/api/tasks/${task.work}/milestones`, { title: '节点', dueDate: '2099-03-31' }, 201);
    // The office's notice stands for a scan's escalation; the 催办 below plans the day's digests, its included.
    const [office] = await t.dataSource.query(
      `INSERT INTO reminder (unique_key, plan_id, task_id, audience, kind, level, due_date, message)
       VALUES ($1, $2, $3, 'supervisors', 'escalation', 2, '2099-12-31', '督办') RETURNING id`,
      [uniqueName('isolation:'), plan.id, task.work],
    );
    const [urged] = await supervise('POST', `/api/tasks/${task.work}/urge`, { message: '请尽快报送' }, 201);
    const [failed] = await t.dataSource.query(
      `INSERT INTO reminder_delivery (organization_id, unit_id, channel, day, reminder_ids, status, attempts, last_error)
       VALUES ($1, $2, 'webhook', '2099-01-05', ARRAY[$3::uuid], 'failed', 3, 'connect ECONNREFUSED') RETURNING id`,
      [id, unitId, urged.id],
    );
    const upload = async () => {
      const { payload, headers } = multipartBody([{ name: '佐证.pdf', bytes: SAMPLE.pdf() }]);
      return (await supervise('POST', `/api/tasks/${task.work}/evidence`, payload, 201, headers))[0].id as string;
    };
    const submitted = await upload();
    await supervise('POST', `/api/tasks/${task.work}/progress`, { ...report, evidenceIds: [submitted] }, 201);

    return {
      key,
      id,
      tokens,
      unitId,
      financeUnitId,
      spareUnitId,
      groupId: group.id,
      spareUserId: spareUser.id,
      planId: plan.id,
      reportPlanId: reportPlan.id,
      task,
      extensionRequestId: extension.id,
      milestoneId: milestone.id,
      urgeReminderId: urged.id,
      officeReminderId: office.id,
      failedDeliveryId: failed.id,
      submittedEvidenceId: submitted,
      draftEvidenceId: await upload(),
    };
  }

  /** Every id of an organization's objects, which no list of another organization may show. */
  const idsOf = (o: Org): string[] => [
    o.unitId,
    o.financeUnitId,
    o.spareUnitId,
    o.groupId,
    o.spareUserId,
    o.planId,
    o.reportPlanId,
    ...Object.values(o.task),
    o.extensionRequestId,
    o.milestoneId,
    o.urgeReminderId,
    o.officeReminderId,
    o.failedDeliveryId,
    o.submittedEvidenceId,
    o.draftEvidenceId,
  ];

  beforeAll(async () => {
    t = await createTestApp();
    const province = await organization('某省', 'province', null);
    const cityA = await organization('甲市', 'city', province);
    const cityB = await organization('乙市', 'city', province);
    const county = await organization('甲市丙县', 'county', cityA);
    orgs.province = await populate('省', province);
    orgs.cityA = await populate('甲市', cityA);
    orgs.cityB = await populate('乙市', cityB);
    orgs.county = await populate('丙县', county);
  });
  afterAll(() => t.close());

  it('every route the application registers is classified here: naming an object, a list, or neither', () => {
    const registered = controllerRoutes(t.app).map((r) => `${r.method} ${r.path}`);
    const classified = [...Object.keys(objectRoutes(t)), ...LIST_ROUTES, ...Object.keys(OWN_ROUTES)];
    expect({
      unclassified: registered.filter((key) => !classified.includes(key)).sort(),
      unknown: classified.filter((key) => !registered.includes(key)).sort(),
      twice: classified.filter((key, i) => classified.indexOf(key) !== i),
    }).toEqual({ unclassified: [], unknown: [], twice: [] });
  });

  it('units, groups and plans of the same names live side by side in each organization', async () => {
    const names = await t.dataSource.query(
      `SELECT organization_id, count(*)::int AS units FROM unit WHERE name IN ('民政局', '财政局') GROUP BY organization_id ORDER BY 1`,
    );
    expect(names).toHaveLength(4);
    expect(names.every((row: { units: number }) => row.units === 2)).toBe(true);
    // Each import resolved 民政局 within its own plan's organization.
    const crossed = await t.dataSource.query(
      `SELECT a.id FROM task_assignment a JOIN unit u ON u.id = a.unit_id WHERE u.organization_id <> a.organization_id`,
    );
    expect(crossed).toEqual([]);
  });

  /**
   * What `who` of the acting organization gets on the target's object: a role the route does not let in, 403; a
   * sibling's object (or, for a unit user, anything outside its own organization), 404; a parent's staff read a
   * child's (200, or what the route answers) and write nothing (403), but for accounts, managed down the tree.
   */
  function expected(route: Route, entry: ObjectRoute, relation: 'sibling' | 'parent', who: Role): 'ok' | 403 | 404 {
    if (route.allowed === 'public' || !route.allowed.includes(who)) return 403;
    if (relation === 'sibling' || who === 'unit_user') return 404;
    return route.method === 'GET' || entry.read || entry.accounts ? 'ok' : 403;
  }

  const PAIRS = [
    ['cityA', 'cityB', 'sibling'],
    ['county', 'cityB', 'sibling'],
    ['province', 'cityB', 'parent'],
    ['cityA', 'county', 'parent'],
  ] as const;

  describe.each(PAIRS)('%s on %s’s objects (%s)', (actorKey, targetKey, relation) => {
    it.each(ROLES.map((role) => [role]))('as %s: every route that names an object', async (who) => {
      const routes = objectRoutes(t);
      const byKey = new Map(controllerRoutes(t.app).map((r) => [`${r.method} ${r.path}`, r]));
      const actor = orgs[actorKey];
      const target = orgs[targetKey];
      const wrong: string[] = [];
      for (const [key, entry] of Object.entries(routes)) {
        const route = byKey.get(key)!;
        const want = expected(route, entry, relation, who);
        const { url, body, headers } = await entry.call(target, who);
        const before = want === 'ok' ? null : await fingerprint(t);
        const res = await send(route.method as Method, url, body, actor.tokens[who], headers);
        const got = res.status;
        const fine = want === 'ok' ? got >= 200 && got < 300 : got === want && res.body.code === (want === 403 ? 'FORBIDDEN' : 'NOT_FOUND');
        if (!fine) wrong.push(`${key}: expected ${want}, got ${got} ${JSON.stringify(res.body).slice(0, 200)}`);
        if (before) {
          const after = await fingerprint(t);
          const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
          if (changed.length > 0) wrong.push(`${key}: refused, yet wrote ${changed.join(', ')}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  describe('lists', () => {
    const listUrl = (key: (typeof LIST_ROUTES)[number], query = '') => `${key.slice(4)}?${query}${query ? '&' : ''}${key === 'GET /api/plans' || key === 'GET /api/units' || key === 'GET /api/unit-groups' || key === 'GET /api/users' ? '' : 'pageSize=200'}`;
    const allowedRoles = (key: string) => (controllerRoutes(t.app).find((r) => `${r.method} ${r.path}` === key)!.allowed as readonly Role[]);

    it.each(['cityA', 'county'] as const)("%s's lists, by every role and every filter, show none of city B's ids", async (actorKey) => {
      const actor = orgs[actorKey];
      const foreign = idsOf(orgs.cityB);
      const leaks: string[] = [];
      let answered = 0;
      for (const key of LIST_ROUTES) {
        for (const who of allowedRoles(key)) {
          // The filters that name another organization's objects.
          const filters: Partial<Record<string, string[]>> = {
            'GET /api/tasks': [`planId=${orgs.cityB.planId}`, `unitId=${orgs.cityB.unitId}`, `q=${encodeURIComponent('养老服务')}`],
            'GET /api/reminders': [`taskId=${orgs.cityB.task.work}`, `unitId=${orgs.cityB.unitId}`],
            'GET /api/reminder-deliveries': [`unitId=${orgs.cityB.unitId}`],
            'GET /api/audit': [`entityId=${orgs.cityB.planId}`],
          };
          for (const query of ['', ...(filters[key] ?? [])]) {
            const res = await send('GET', listUrl(key, query), undefined, actor.tokens[who]);
            if (res.status === 200) answered++;
            else if (res.status !== 403) leaks.push(`${key}?${query} as ${who}: ${res.status}`);
            const text = JSON.stringify(res.body);
            for (const id of foreign) if (text.includes(id)) leaks.push(`${key}?${query} as ${who} shows ${id}`);
          }
          // Asking for the sibling by name is as asking for an organization that does not exist.
          const switched = await send('GET', listUrl(key, `organizationId=${orgs.cityB.id}`), undefined, actor.tokens[who]);
          if (switched.status !== 404) leaks.push(`${key}?organizationId=B as ${who}: ${switched.status}`);
        }
      }
      expect(leaks).toEqual([]);
      expect(answered).toBeGreaterThanOrEqual(LIST_ROUTES.length);
    });

    it("a parent's staff switch to a child (organizationId) and see its records; by default only their own", async () => {
      const child = orgs.cityB;
      const mark: Record<(typeof LIST_ROUTES)[number], string> = {
        'GET /api/plans': child.planId,
        'GET /api/tasks': child.task.work,
        'GET /api/units': child.unitId,
        'GET /api/unit-groups': child.groupId,
        'GET /api/users': child.spareUserId,
        'GET /api/reminders': child.officeReminderId,
        'GET /api/reminder-deliveries': child.failedDeliveryId,
        'GET /api/audit': child.planId,
      };
      const problems: string[] = [];
      for (const key of LIST_ROUTES) {
        for (const who of allowedRoles(key).filter((role) => role !== 'unit_user')) {
          const token = orgs.province.tokens[who];
          const switched = await send('GET', listUrl(key, `organizationId=${child.id}`), undefined, token);
          if (switched.status !== 200 || !JSON.stringify(switched.body).includes(mark[key])) problems.push(`${key}?organizationId as ${who}: ${switched.status}`);
          const own = await send('GET', listUrl(key), undefined, token);
          // The audit trail covers the reader's tree by default; every other list, its own organization only.
          const showsChild = JSON.stringify(own.body).includes(mark[key]);
          if (own.status !== 200 || showsChild !== (key === 'GET /api/audit')) problems.push(`${key} as ${who}: ${own.status}, shows the child: ${showsChild}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('a unit user never switches, not even to an organization below its own', async () => {
      for (const key of LIST_ROUTES.filter((k) => allowedRoles(k).includes('unit_user'))) {
        const res = await send('GET', listUrl(key, `organizationId=${orgs.county.id}`), undefined, orgs.cityA.tokens.unit_user);
        expect([key, res.status]).toEqual([key, 404]);
        expectStatus(await send('GET', listUrl(key, `organizationId=${orgs.cityA.id}`), undefined, orgs.cityA.tokens.unit_user), 200);
      }
    });

    it("GET /api/tasks?planId of a child's plan: the parent's staff read its tasks, the sibling reads none", async () => {
      const tasksOf = async (org: Org, who: Role) =>
        (await ok(send('GET', `/api/tasks?planId=${orgs.county.planId}&pageSize=200`, undefined, org.tokens[who]), 200)).items.map((task: { id: string }) => task.id);
      for (const who of ['supervisor', 'leader'] as const) {
        expect(await tasksOf(orgs.cityA, who)).toContain(orgs.county.task.work);
        expect(await tasksOf(orgs.province, who)).toContain(orgs.county.task.work);
        expect(await tasksOf(orgs.cityB, who)).toEqual([]);
      }
    });
  });

  describe('routes that name no object write only in the caller’s organization', () => {
    it.each(ROLES.map((role) => [role]))('as city A’s %s: city B’s rows are untouched', async (who) => {
      const problems: string[] = [];
      const routes = new Map(controllerRoutes(t.app).map((r) => [`${r.method} ${r.path}`, r]));
      for (const [key, call] of Object.entries(OWN_ROUTES)) {
        const route = routes.get(key)!;
        const { url, body } = call(who);
        const before = await fingerprint(t, orgs.cityB.id);
        const res = await send(route.method as Method, url, body, orgs.cityA.tokens[who]);
        if (res.status >= 500) problems.push(`${key}: ${res.status}`);
        const allowed = route.allowed === 'public' || route.allowed.includes(who);
        if (!allowed && res.status !== 403) problems.push(`${key}: ${res.status} for a role the route does not let in`);
        const after = await fingerprint(t, orgs.cityB.id);
        const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
        // The scan is the platform's daily job; B's plans have their reminders switched off, so it finds nothing there.
        if (changed.length > 0) problems.push(`${key}: wrote city B's ${changed.join(', ')}`);
      }
      expect(problems).toEqual([]);
    });

    it('what city A creates is filed under city A, and its groups take city A’s units of those names', async () => {
      const group = await ok(send('POST', '/api/unit-groups', { name: uniqueName('各甲市单位'), members: ['民政局'] }, orgs.cityA.tokens.admin), 201);
      expect(group.members.map((m: { id: string }) => m.id)).toEqual([orgs.cityA.unitId]);
      const plan = await ok(send('POST', '/api/plans', { title: uniqueName('甲市计划'), year: 2021 }, orgs.cityA.tokens.supervisor), 201);
      const [row] = await t.dataSource.query(`SELECT organization_id FROM plan WHERE id = $1`, [plan.id]);
      expect(row.organization_id).toBe(orgs.cityA.id);
      // A hand-made task takes only units of the plan's organization.
      const res = await send(
        'POST',
        `/api/plans/${plan.id}/tasks`,
        { content: '跨组织分配', dueDate: '2021-12-31', units: { responsible: [orgs.cityB.unitId] }, source: { kind: 'other' } },
        orgs.cityA.tokens.supervisor,
      );
      expectStatus(res, 400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['units.responsible.0']);
    });
  });

  describe('accounts are managed down the tree', () => {
    it("a province's admin opens a city's first admin, who manages that city only; a city's admin cannot reach a sibling", async () => {
      const before = await fingerprint(t);
      const sideways = await send('POST', '/api/users', { username: uniqueName('side-'), password: TEST_PASSWORD, role: 'admin', organizationId: orgs.cityB.id }, orgs.cityA.tokens.admin);
      expectStatus(sideways, 404);
      const upwards = await send('POST', '/api/users', { username: uniqueName('up-'), password: TEST_PASSWORD, role: 'admin', organizationId: orgs.province.id }, orgs.cityA.tokens.admin);
      expectStatus(upwards, 404);
      // A unit of another organization cannot be a unit user's.
      const foreignUnit = await send('POST', '/api/users', { username: uniqueName('clerk-'), password: TEST_PASSWORD, role: 'unit_user', unitId: orgs.cityB.unitId }, orgs.cityA.tokens.admin);
      expectStatus(foreignUnit, 400);
      expect(await fingerprint(t)).toEqual(before);

      const username = uniqueName('city-b-admin-');
      await ok(send('POST', '/api/users', { username, password: TEST_PASSWORD, role: 'admin', organizationId: orgs.cityB.id }, orgs.province.tokens.admin), 201);
      const [row] = await t.dataSource.query(`SELECT organization_id FROM app_user WHERE username = $1`, [username]);
      expect(row.organization_id).toBe(orgs.cityB.id);
      const { accessToken } = await ok(send('POST', '/api/auth/login', { username, password: TEST_PASSWORD }, ''), 200);
      const users = await ok(send('GET', '/api/users', undefined, accessToken), 200);
      expect(users.map((u: { id: string }) => u.id)).toContain(orgs.cityB.spareUserId);
      expectStatus(await send('GET', `/api/users?organizationId=${orgs.province.id}`, undefined, accessToken), 404);
      expectStatus(await send('PATCH', `/api/users/${orgs.cityA.spareUserId}`, { displayName: '越权' }, accessToken), 404);
    });
  });

  describe('the national calendar is the platform’s', () => {
    it('only the admin of the top-level organization replaces it', async () => {
      const body = { year: 2021, items: [{ day: '2021-10-11', isWorkday: false, note: '全国调休' }] };
      for (const org of [orgs.cityA, orgs.county]) {
        const before = await fingerprint(t);
        const res = await send('PUT', '/api/calendar/overrides', body, org.tokens.admin);
        expectStatus(res, 403);
        expect(res.body.message).toBe('节假日调休安排全平台统一，只有最上级组织的系统管理员可以修改');
        expect(await fingerprint(t)).toEqual(before);
      }
      await ok(send('PUT', '/api/calendar/overrides', body, orgs.province.tokens.admin), 200);
    });
  });

  describe("the supervisors' notices are per organization", () => {
    it("each office notice went out in its own organization's digest, and is signed only by that organization's 督查室", async () => {
      const digests = await t.dataSource.query(
        `SELECT r.organization_id AS reminder, d.organization_id AS digest
           FROM reminder r JOIN reminder_delivery d ON r.id = ANY (d.reminder_ids) AND d.audience = 'supervisors'
          WHERE r.id = ANY ($1)`,
        [Object.values(orgs).map((o) => o.officeReminderId)],
      );
      expect(digests.length).toBeGreaterThanOrEqual(4);
      expect(digests.filter((row: { reminder: string; digest: string }) => row.reminder !== row.digest)).toEqual([]);

      const inbox = async (org: Org) =>
        (await ok(send('GET', '/api/reminders?pageSize=200', undefined, org.tokens.supervisor), 200)).items.map((r: { id: string }) => r.id);
      expect(await inbox(orgs.cityA)).toContain(orgs.cityA.officeReminderId);
      expect(await inbox(orgs.cityA)).not.toContain(orgs.county.officeReminderId);
      // The county's notice is read by the city (switching), signed only by the county's 督查室.
      const county = await ok(send('GET', `/api/reminders?organizationId=${orgs.county.id}&pageSize=200`, undefined, orgs.cityA.tokens.supervisor), 200);
      expect(county.items.map((r: { id: string }) => r.id)).toContain(orgs.county.officeReminderId);
      expectStatus(await send('POST', `/api/reminders/${orgs.county.officeReminderId}/read`, undefined, orgs.cityA.tokens.supervisor), 403);
      const signed = await ok(send('POST', `/api/reminders/${orgs.county.officeReminderId}/read`, undefined, orgs.county.tokens.supervisor), 200);
      expect(signed.readAt).toEqual(expect.any(String));
    });
  });
});
