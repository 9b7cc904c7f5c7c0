import { createImportedPlan, createUnit, createUnitUser, createUser, tasksByNumber } from './support/factories';
import { expectStatus, request, type ApiResponse } from './support/http';
import { controllerRoutes } from './support/routes';
import { createTestApp, tokenFor, type TestApp } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const DEEP_JSON = `${'['.repeat(5000)}${']'.repeat(5000)}`;
/** What an attacker or a broken client sends in place of one field. */
const HOSTILE_VALUES: unknown[] = [
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '   ',
  '\u3000\t',
  null,
  1e21,
  2 ** 53,
  -1,
  1.5,
  true,
  [],
  [[1, 2]],
  {},
  { nested: { deeper: ['\u0000'] } },
  '9999-12-31',
  '0000-01-01',
  '2021-02-30',
  'x'.repeat(20_000),
];
const HOSTILE_QUERY_VALUES = ['%00', 'a%00b', '%ED%A0%80', '9999-12-31', '0000-01-01', '1e21', '9007199254740992', '%20%20', '-1', '2021-W01-1', '[]'];

type Schema = { type?: string; format?: string; enum?: unknown[]; example?: unknown; items?: Schema; $ref?: string; properties?: Record<string, Schema>; required?: string[] };

describe('hostile input: a 400 naming the field, never a 500', () => {
  let t: TestApp;
  let ids: { plan: string; task: string; unit: string; user: string };
  let openApi: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08' });
    const unit = await createUnit(t.app);
    const { plan } = await createImportedPlan(t.app, `一、测试\n1.建设停车场。(责任单位:${unit.name})`, { year: 2021 });
    const task = (await tasksByNumber(t.app, plan.id)).get(1);
    await createUnitUser(t, unit.id);
    const user = await createUser(t.app);
    ids = { plan: plan.id, task: task.id, unit: unit.id, user: user.id };
    openApi = (await request(t.app, 'GET', '/api/docs-json')).body;
  });
  afterAll(() => t.close());

  const send = (method: string, url: string, payload: unknown, as: 'supervisor' | 'admin' = 'supervisor', raw = false) =>
    t.app
      .inject({
        method: method as 'POST',
        url,
        headers: { authorization: `Bearer ${tokenFor(t.app, as)}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(payload === undefined ? {} : { payload: raw ? (payload as string) : JSON.stringify(payload) }),
      })
      .then((res) => ({ status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.body }));

  function expectFieldError(res: { status: number; body: any }, field: string): void {
    expect([res.status, res.body?.code]).toEqual([400, 'VALIDATION_FAILED']);
    // The field itself, or a part of it (items.0.0 for an array where items.0 should be an object).
    const fields: string[] = res.body.details.map((d: { field: string }) => d.field);
    expect(fields.filter((f) => f === field || f.startsWith(`${field}.`))).not.toEqual([]);
    expect(res.body.message).toContain(field);
  }

  describe('the probe’s findings', () => {
    it('refuses 5,000 levels of JSON nesting on any write route', async () => {
      expectFieldError(await send('POST', '/api/plans', DEEP_JSON, 'supervisor', true), 'body');
      expectFieldError(await send('PATCH', `/api/tasks/${ids.task}`, DEEP_JSON, 'supervisor', true), 'body');
      const anonymous = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: DEEP_JSON });
      expect(anonymous.statusCode).toBe(400);
    });

    it('refuses a NUL byte in a body string, in q=, and in the login name', async () => {
      expectFieldError(await send('POST', '/api/units', { name: '测试\u0000局' }, 'admin'), 'name');
      expectFieldError(await send('GET', '/api/tasks?q=%00', undefined), 'q');
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x\u0000', password: 'whatever-1' } });
      expectFieldError({ status: login.statusCode, body: login.json() }, 'username');
    });

    it('refuses a lone surrogate that would end up in the audit’s JSON', async () => {
      expectFieldError(await send('POST', `/api/tasks/${ids.task}/progress`, { summary: '进展\ud800', percent: 10, unitId: ids.unit }), 'summary');
      expectFieldError(await send('PATCH', `/api/units/${ids.unit}`, { aliases: ['别名\udfff'] }, 'admin'), 'aliases.0');
    });

    it('trims names and titles and refuses blank ones', async () => {
      expectFieldError(await send('POST', '/api/units', { name: ' \u3000 ' }, 'admin'), 'name');
      expectFieldError(await send('POST', '/api/plans', { title: '   ', year: 2021 }), 'title');
      expectFieldError(await send('POST', `/api/tasks/${ids.task}/milestones`, { title: '\t', dueDate: '2021-11-30' }), 'title');
      const created = await send('POST', '/api/plans', { title: '  某市2021年重点工作  ', year: 2021 });
      expect([created.status, created.body.title]).toEqual([201, '某市2021年重点工作']);
    });

    it('refuses null for fields that are not nullable, and keeps null where it means "remove"', async () => {
      expectFieldError(await send('PUT', '/api/reminder-policy', { planId: ids.plan, dueSoonWorkdays: null }), 'dueSoonWorkdays');
      expectFieldError(await send('PATCH', `/api/units/${ids.unit}`, { name: null }, 'admin'), 'name');
      expectStatus((await send('PATCH', `/api/units/${ids.unit}`, { webhookUrl: null }, 'admin')) as ApiResponse, 200);
    });

    it('bounds integers: version 1e21 or 2^53 is a 400, not a database overflow', async () => {
      expectFieldError(await send('PATCH', `/api/tasks/${ids.task}`, { content: '新内容', version: 1e21 }), 'version');
      expectFieldError(await send('PATCH', `/api/tasks/${ids.task}`, { content: '新内容', version: 2 ** 53 }), 'version');
    });

    it('bounds dates: a plan ending 9999-12-31 and an audit range from 9999 to year 0', async () => {
      expectFieldError(await send('POST', '/api/plans', { title: '远期计划', year: 2021, endDate: '9999-12-31' }), 'endDate');
      expectFieldError(await send('GET', '/api/audit?from=9999-12-31&to=0000-01-01', undefined), 'from');
      expectFieldError(await send('GET', '/api/audit?from=2021-10-02&to=2021-10-01', undefined), 'from');
    });

    it('refuses nested arrays where the calendar expects day objects', async () => {
      expectFieldError(await send('PUT', '/api/calendar/overrides', { year: 2027, items: [[['2027-01-01', true]]] }, 'admin'), 'items.0');
    });
  });

  // ---- every route of the router × hostile payloads ------------------------------------------------------------

  const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
  const resolve = (schema: Schema | undefined): Schema | undefined =>
    schema?.$ref ? openApi.components.schemas[schema.$ref.split('/').pop()!] : schema;

  function fillPath(path: string): string {
    const id = path.startsWith('/api/plans') ? ids.plan : path.startsWith('/api/tasks') ? ids.task : path.startsWith('/api/units') ? ids.unit : path.startsWith('/api/users') ? ids.user : UNKNOWN_ID;
    return path.replace(/:\w+/g, id);
  }

  /** A plausible value for a field, so the hostile one next to it is what the route has to cope with. */
  function plausible(name: string, schema: Schema | undefined): unknown {
    const s = resolve(schema) ?? {};
    if (s.example !== undefined) return s.example;
    if (s.enum) return s.enum[0];
    if (name === 'planId') return ids.plan;
    if (name === 'unitId') return ids.unit;
    if (s.format === 'uuid') return UNKNOWN_ID;
    if (s.type === 'integer' || s.type === 'number') return 1;
    if (s.type === 'boolean') return true;
    if (s.type === 'array') return [plausible('', s.items)];
    if (s.type === 'object' || s.properties) return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, plausible(k, v)]));
    return /date|Date|asOf/.test(name) ? '2021-11-30' : '测试内容';
  }

  it('answers every route of the router with hostile payloads without a single 5xx', async () => {
    const failures: string[] = [];
    let sent = 0;
    const record = (what: string, res: { status: number; body: unknown }) => {
      sent++;
      if (res.status >= 500) failures.push(`${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    };
    const routes = controllerRoutes(t.app).filter((r) => r.path.startsWith('/api/') && !r.path.startsWith('/api/auth/password'));
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const url = fillPath(route.path);
      const operation = openApi.paths[toOpenApiPath(route.path)]?.[route.method.toLowerCase()];
      const bodySchema = resolve(operation?.requestBody?.content?.['application/json']?.schema);
      const base = bodySchema ? (plausible('', bodySchema) as Record<string, unknown>) : undefined;
      // Whoever may call it: the supervisor for most routes, the admin for users, units and the calendar.
      const as = (await send(route.method, url, base)).status === 403 ? 'admin' : 'supervisor';
      if (route.method === 'GET') {
        const params: string[] = (operation?.parameters ?? []).filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name);
        for (const param of [...params, 'q']) {
          for (const value of HOSTILE_QUERY_VALUES) record(`${route.method} ${route.path}?${param}=${value}`, await send('GET', `${url}?${param}=${value}`, undefined, as));
        }
        continue;
      }
      record(`${route.method} ${route.path} deep JSON`, await send(route.method, url, DEEP_JSON, as, true));
      for (const whole of [[], 'text', 1, null, [[{}]]]) record(`${route.method} ${route.path} body ${JSON.stringify(whole)}`, await send(route.method, url, whole, as));
      for (const field of Object.keys(bodySchema?.properties ?? {})) {
        for (const value of HOSTILE_VALUES) {
          const payload = { ...base, [field]: value };
          record(`${route.method} ${route.path} ${field}=${JSON.stringify(value).slice(0, 40)}`, await send(route.method, url, payload, as));
          const items = resolve(bodySchema?.properties?.[field]?.items);
          if (items?.properties) {
            for (const inner of Object.keys(items.properties)) {
              const item = { ...(plausible('', items) as object), [inner]: value };
              record(`${route.method} ${route.path} ${field}.0.${inner}=${JSON.stringify(value).slice(0, 40)}`, await send(route.method, url, { ...base, [field]: [item] }, as));
            }
          }
        }
      }
    }
    console.log(`hostile-input fuzz: ${sent} requests over ${routes.length} routes, ${failures.length} answered 5xx`);
    expect(failures).toEqual([]);
  }, 300_000);

  /** A multipart/form-data body by hand, so that names, file names and bytes can be anything a client sends. */
  function multipart(parts: Array<{ name: string; value?: string; fileName?: string; bytes?: Buffer }>, boundary = 'fuzz-boundary-7d1'): Buffer {
    const chunks = parts.flatMap((part) => [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${part.fileName === undefined ? '' : `; filename="${part.fileName}"`}\r\n` +
          (part.fileName === undefined ? '' : 'Content-Type: application/octet-stream\r\n') +
          '\r\n',
      ),
      part.bytes ?? Buffer.from(part.value ?? ''),
      Buffer.from('\r\n'),
    ]);
    return Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
  }

  it('answers every multipart route with hostile uploads without a single 5xx, naming the field', async () => {
    const multipartSchema = (r: { method: string; path: string }) =>
      openApi.paths[toOpenApiPath(r.path)]?.[r.method.toLowerCase()]?.requestBody?.content?.['multipart/form-data']?.schema;
    const routes = controllerRoutes(t.app).filter((r) => multipartSchema(r));
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/plans/:id/import');
    const notice = Buffer.from('一、测试\n1.建设停车场。(责任单位:测试局)\n');
    const upload = (url: string, body: Buffer, contentType = 'multipart/form-data; boundary=fuzz-boundary-7d1') =>
      t.app
        .inject({ method: 'POST', url, headers: { authorization: `Bearer ${tokenFor(t.app, 'supervisor')}`, 'content-type': contentType }, payload: body })
        .then((res) => ({ status: res.statusCode, body: String(res.headers['content-type']).includes('json') ? res.json() : res.body }));
    const failures: string[] = [];
    for (const route of routes) {
      const url = fillPath(route.path);
      const file = (fileName: string, bytes = notice) => ({ name: 'file', fileName, bytes });
      const cases: Record<string, Buffer> = {
        'NUL in dryRun': multipart([{ name: 'dryRun', value: 'a\u0000b' }, file('n.txt')]),
        'lone surrogate bytes in a field': multipart([{ name: 'dryRun', bytes: Buffer.from([0xed, 0xa0, 0x80]) }, file('n.txt')]),
        'unknown field': multipart([{ name: 'owner', value: 'x' }, file('n.txt')]),
        'NUL in the file name': multipart([{ name: 'dryRun', value: 'true' }, file('n\u0000.txt')]),
        'no file name': multipart([{ name: 'dryRun', value: 'true' }, file('')]),
        'empty file': multipart([{ name: 'dryRun', value: 'true' }, file('n.txt', Buffer.alloc(0))]),
        'NUL bytes in a text file': multipart([{ name: 'dryRun', value: 'true' }, file('n.txt', Buffer.from('一、\u0000\n1.\u0000'))]),
        'deep JSON as a text file': multipart([{ name: 'dryRun', value: 'true' }, file('n.txt', Buffer.from(DEEP_JSON))]),
        'garbage as a .docx': multipart([{ name: 'dryRun', value: 'true' }, file('n.docx', Buffer.from('PK\u0003\u0004garbage'))]),
        'garbage as a .xlsx': multipart([{ name: 'dryRun', value: 'true' }, file('n.xlsx', Buffer.alloc(4096, 0xff))]),
        'two files': multipart([file('a.txt'), file('b.txt')]),
        'no file': multipart([{ name: 'dryRun', value: 'true' }]),
        'cut off': multipart([file('n.txt')]).subarray(0, 60),
      };
      for (const [what, body] of Object.entries(cases)) {
        const res = await upload(url, body);
        if (res.status >= 500) failures.push(`${route.path} ${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
      const noBoundary = await upload(url, multipart([file('n.txt')]), 'multipart/form-data');
      if (noBoundary.status >= 500) failures.push(`${route.path} no boundary → ${noBoundary.status}`);
      // The field at fault is named: a bad text field (refused as unknown where the route takes none), or the
      // missing file when only the route's own text fields came.
      expectFieldError(await upload(url, cases['NUL in dryRun']!), 'dryRun');
      const declared = Object.keys(multipartSchema(route)?.properties ?? {});
      const textFields = declared.filter((name) => name !== 'file').map((name) => ({ name, value: 'true' }));
      expectFieldError(await upload(url, multipart(textFields)), 'file');
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
