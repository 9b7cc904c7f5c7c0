import { JIYUAN_2021_EXPECTED } from './oracles/jiyuan-2021-units';
import { readJiyuanNotice } from '../src/seed/jiyuan-notice';
import {
  createImportedPlan,
  getPlan,
  listTasks,
  seedJiyuanRegistry,
  tasksByNumber,
  tasksUrl,
} from './support/factories';
import { type ApiResponse, expectStatus, request } from './support/http';
import { controllerRoutes } from './support/routes';
import { createTestApp, type TestApp } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** `/api/plans/:id` as OpenAPI writes it: `/api/plans/{id}`. */
const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('API contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** A 400 in the one validation shape, naming the field once, with the reason a user should fix first. */
  function expectValidationError(res: ApiResponse, field: string, reason: string = '') {
    expectStatus(res, 400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining(field),
      details: [{ field, reason: expect.stringContaining(reason) }],
      correlationId: res.headers['x-request-id'],
    });
  }

  describe('validation errors', () => {
    it.each([
      ['a missing title', { year: 2021 }, 'title', '不能为空'],
      ['a blank title', { title: '', year: 2021 }, 'title', '不能为空'],
      ['a title that is too long', { title: '长'.repeat(201), year: 2021 }, 'title', '太长'],
      ["year 'abc'", { title: '计划', year: 'abc' }, 'year', '必须是整数'],
      ['year 1999', { title: '计划', year: 1999 }, 'year', '小于允许的最小值'],
      ['a malformed startDate', { title: '计划', year: 2021, startDate: '2021-13-01' }, 'startDate', 'YYYY-MM-DD'],
      ['a startDate with a time', { title: '计划', year: 2021, startDate: '2021-03-01T10:00:00Z' }, 'startDate', 'YYYY-MM-DD'],
      ['an unknown reportingCycle', { title: '计划', year: 2021, reportingCycle: 'weekly' }, 'reportingCycle', '允许范围'],
      ['an unknown field (status)', { title: '计划', year: 2021, status: 'completed' }, 'status', '不允许的字段'],
    ])('POST /api/plans with %s → 400 naming the field', async (_, body, field, reason) => {
      expectValidationError(await request(t.app, 'POST', '/api/plans', body), field, reason);
    });

    it('names every bad field once', async () => {
      const res = await request(t.app, 'POST', '/api/plans', { status: 'completed' });
      expectStatus(res, 400);
      expect(res.body.details.map((d: any) => d.field).sort()).toEqual(['status', 'title', 'year']);
    });

    it('POST /api/plans with endDate before startDate → 400 naming endDate', async () => {
      const res = await request(t.app, 'POST', '/api/plans', { title: '计划', year: 2021, startDate: '2021-06-01', endDate: '2021-05-31' });
      expectValidationError(res, 'endDate');
    });

    it.each([
      ['page=0', 'page', '小于允许的最小值'],
      ['page=abc', 'page', '必须是整数'],
      ['pageSize=201', 'pageSize', '大于允许的最大值'],
      ['status=bogus', 'status', '允许范围'],
      ['role=owner', 'role', '允许范围'],
      ['planId=not-a-uuid', 'planId', 'UUID'],
      ['unitId=1', 'unitId', 'UUID'],
      ['sectionId=x', 'sectionId', 'UUID'],
      ['q=', 'q', '不能为空'],
      ['sort=number', 'sort', '不允许的字段'],
    ])('GET /api/tasks?%s → 400 naming %s', async (query, field, reason) => {
      expectValidationError(await request(t.app, 'GET', `/api/tasks?${query}`), field, reason);
    });

    it.each([
      ['GET', '/api/plans/abc'],
      ['GET', '/api/tasks/123'],
      ['PATCH', '/api/units/not-a-uuid'],
      ['POST', '/api/plans/abc/import'],
    ] as const)('%s %s with a malformed id → 400 naming id', async (method, url) => {
      const body = method === 'GET' ? undefined : { text: '1.甲。(责任单位:民政局)' };
      const as = url.startsWith('/api/units') ? 'admin' : 'supervisor';
      expectValidationError(await request(t.app, method, url, body, { as }), 'id', 'UUID');
    });

    it('a plan created with valid input answers 201 with its defaults', async () => {
      const res = await request(t.app, 'POST', '/api/plans', { title: ' 济源市2021年重点工作 ', year: 2021 });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.any(String),
        title: '济源市2021年重点工作',
        year: 2021,
        startDate: '2021-01-01',
        endDate: '2021-12-31',
        reportingCycle: 'monthly',
        reportCutoffDay: 25,
        importedAt: null,
        completionEvidenceRequired: false,
        taskCount: 0,
      });
      const list = await request<any[]>(t.app, 'GET', '/api/plans');
      expect(list.body).toContainEqual(res.body);
    });
  });

  describe('errors outside validation', () => {
    it.each([
      ['GET', `/api/plans/${UNKNOWN_ID}`],
      ['GET', `/api/tasks/${UNKNOWN_ID}`],
      ['PATCH', `/api/units/${UNKNOWN_ID}`],
      ['POST', `/api/plans/${UNKNOWN_ID}/import`],
    ] as const)('%s %s with an unknown id → 404 NOT_FOUND', async (method, url) => {
      const body = method === 'GET' ? undefined : method === 'PATCH' ? { name: '新名称' } : { text: '1.甲。(责任单位:民政局)' };
      const res = await request(t.app, method, url, body, { as: url.startsWith('/api/units') ? 'admin' : 'supervisor' });
      expectStatus(res, 404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: expect.stringContaining(UNKNOWN_ID) });
    });

    it('an unknown route → 404 in the same JSON shape', async () => {
      const res = await request(t.app, 'GET', '/api/nothing-here');
      expectStatus(res, 404);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String), correlationId: expect.any(String) });
    });

    it('a body over the limit → 413', async () => {
      const res = await request(t.app, 'POST', '/api/plans', { title: '字'.repeat(400_000), year: 2021 });
      expectStatus(res, 413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    });

    it('invalid JSON → 400, not 500', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/plans',
        headers: { 'content-type': 'application/json' },
        payload: '{"title": "计划", "year":',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', correlationId: expect.any(String) });
    });
  });

  describe('correlation ids', () => {
    it('echoes a caller-given x-request-id and uses it as correlationId', async () => {
      const res = await request(t.app, 'GET', `/api/plans/${UNKNOWN_ID}`, undefined, { headers: { 'x-request-id': 'client-req-42' } });
      expect(res.headers['x-request-id']).toBe('client-req-42');
      expect(res.body.correlationId).toBe('client-req-42');

      const ok = await request(t.app, 'GET', '/api/plans', undefined, { headers: { 'x-request-id': 'client-req-43' } });
      expectStatus(ok, 200);
      expect(ok.headers['x-request-id']).toBe('client-req-43');
    });

    it('makes one up when none (or an unusable one) is given, and answers with it', async () => {
      for (const headers of [{}, { 'x-request-id': 'has spaces and <html>' }] as Array<Record<string, string>>) {
        const res = await request(t.app, 'GET', `/api/tasks/${UNKNOWN_ID}`, undefined, { headers });
        expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
        expect(res.body.correlationId).toBe(res.headers['x-request-id']);
      }
    });
  });

  describe('OpenAPI', () => {
    it('documents every route the application registers, and nothing else', async () => {
      const res = await request(t.app, 'GET', '/api/docs-json');
      expectStatus(res, 200);
      const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      );

      const routes = controllerRoutes(t.app);
      const fastify = t.app.getHttpAdapter().getInstance();
      // The discovered routes are the ones Fastify serves, so the list below is the real router's.
      expect(routes.length).toBeGreaterThanOrEqual(12);
      for (const route of routes) expect([route, fastify.hasRoute({ method: route.method as 'GET', url: route.path })]).toEqual([route, true]);

      expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${toOpenApiPath(r.path)}`).sort());
    });

    it('describes the error responses of the import', async () => {
      const { body } = await request(t.app, 'GET', '/api/docs-json');
      expect(Object.keys(body.paths['/api/plans/{id}/import'].post.responses).sort()).toEqual(['200', '201', '400', '404', '413', '422']);
    });

    it('serves the Swagger UI as HTML at /api/docs', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('swagger-ui');
    });
  });

  describe('GET /api/tasks filters', () => {
    let planId: string;
    let all: Map<number, any>;
    let units: Map<string, string>;

    /** Task numbers of every page of a filtered list (with the plan filter), checking total on the way. */
    async function numbers(query: Record<string, string | number>): Promise<number[]> {
      const page = await listTasks(t.app, { planId, pageSize: 200, ...query });
      expect(page.total).toBe(page.items.length);
      return page.items.map((task: any) => task.number);
    }
    /** Item numbers where the unit holds the role (any role when none is given), per the fixture. */
    const expectedFor = (unit: string, role?: 'lead' | 'responsible' | 'cooperating') =>
      Object.entries(JIYUAN_2021_EXPECTED)
        .filter(([, e]) => (role ? [role] : (['lead', 'responsible', 'cooperating'] as const)).some((r) => e[r]?.includes(unit)))
        .map(([n]) => Number(n));

    beforeAll(async () => {
      units = await seedJiyuanRegistry(t.app);
      planId = (await createImportedPlan(t.app, readJiyuanNotice())).plan.id;
      // A second plan, so that every filter must also keep to planId.
      await createImportedPlan(t.app, '1.另一个计划的任务。(责任单位:发展改革和统计局)');
      all = await tasksByNumber(t.app, planId);
    });

    it('unitId: tasks assigned to the unit in any role, with role narrowing it', async () => {
      const ndrc = units.get('发展改革和统计局')!;
      expect(await numbers({ unitId: ndrc })).toEqual(expectedFor('发展改革和统计局'));
      expect(await numbers({ unitId: ndrc, role: 'lead' })).toEqual(expectedFor('发展改革和统计局', 'lead'));
      expect(await numbers({ unitId: ndrc, role: 'responsible' })).toEqual(expectedFor('发展改革和统计局', 'responsible'));
      expect(expectedFor('发展改革和统计局', 'lead').length).toBeGreaterThan(10);

      const market = units.get('市场监督管理局')!;
      expect(await numbers({ unitId: market })).toEqual([29, 79, 85, 88, 99, 139]);
      expect(await numbers({ unitId: market, role: 'lead' })).toEqual([]);
      // Reached only through the group 各镇人民政府 (item 71) or by name.
      expect(await numbers({ unitId: units.get('王屋镇人民政府')! })).toEqual([71]);
    });

    it('role alone: tasks where any unit holds it', async () => {
      const withLead = Object.entries(JIYUAN_2021_EXPECTED).filter(([, e]) => e.lead?.length).map(([n]) => Number(n));
      expect(await numbers({ role: 'lead' })).toEqual(withLead);
      expect(withLead).toHaveLength(43);
    });

    it('sectionId: a section includes its subsections; a subsection only itself', async () => {
      const plan = await getPlan(t.app, planId);
      const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
      expect(await numbers({ sectionId: plan.sections[0].id })).toEqual(range(1, 8));
      expect(await numbers({ sectionId: plan.sections[1].id })).toEqual(range(9, 35));
      expect(await numbers({ sectionId: plan.sections[1].children[0].id })).toEqual(range(9, 18));
      expect(await numbers({ sectionId: plan.sections[7].children[7].id })).toEqual(range(134, 143));
    });

    it('status', async () => {
      // A first report starts a task (reported by the supervisor for its first reporting unit).
      for (const n of [3, 77]) {
        const unitId = [...all.get(n).lead, ...all.get(n).responsible][0].id;
        expectStatus(await request(t.app, 'POST', `/api/tasks/${all.get(n).id}/progress`, { summary: '已启动', percent: 10, unitId }), 201);
      }
      expect(await numbers({ status: 'in_progress' })).toEqual([3, 77]);
      expect(await numbers({ status: 'not_started' })).toHaveLength(141);
      expect(await numbers({ status: 'completed' })).toEqual([]);
    });

    it('q: text in the content (wildcards taken literally) or a task number', async () => {
      const containing = (text: string) => [...all.values()].filter((task) => task.content.includes(text)).map((task) => task.number);
      expect(await numbers({ q: '垃圾' })).toEqual(containing('垃圾'));
      expect(containing('垃圾').length).toBeGreaterThan(1);
      expect(await numbers({ q: '%' })).toEqual(containing('%'));
      expect(await numbers({ q: '_' })).toEqual([]);
      expect(await numbers({ q: '99' })).toEqual([99]);
      expect(await numbers({ q: ' 143 ' })).toEqual([143]);
    });

    it('page and pageSize with the total across pages', async () => {
      const first = await listTasks(t.app, { planId, page: 1, pageSize: 50 });
      const third = await listTasks(t.app, { planId, page: 3, pageSize: 50 });
      const beyond = await listTasks(t.app, { planId, page: 4, pageSize: 50 });
      expect(first).toMatchObject({ total: 143, page: 1, pageSize: 50 });
      expect(first.items.map((task: any) => task.number)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(third.items.map((task: any) => task.number)).toEqual(Array.from({ length: 43 }, (_, i) => i + 101));
      expect(beyond).toMatchObject({ total: 143, items: [] });

      const defaults = await request(t.app, 'GET', tasksUrl({ planId }));
      expect(defaults.body).toMatchObject({ total: 143, page: 1, pageSize: 20 });
      expect(defaults.body.items).toHaveLength(20);
    });
  });
});
