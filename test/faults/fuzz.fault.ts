import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createImportedPlan, createPlan, createUnit, createUnitUser, createUser, tasksByNumber } from '../support/factories';
import { createTestApp, tokenFor, type TestApp } from '../support/test-app';
import { startApiProcess, type ApiProcess } from './api-processes';
import { garbleNotice, PayloadGenerator, prng, type MalformedRequest, type OpenApiDocument } from './malformed-payloads';

const PAYLOADS = 2000;
const NOTICES = 200;
const SEED = 20211008;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface Answer {
  what: string;
  status: number;
  body: string;
}

/**
 * Fault case 7: 2,000 malformed requests generated from the api's own OpenAPI document and 200 garbled notices to
 * the import route, against a real api process. Not one may answer 5xx (or drop the connection). The hand-written
 * hostile set of test/hostile-input.e2e-spec.ts runs in `npm test`.
 */
describe('fault 7: 2,000 schema-generated malformed payloads and 200 garbled notices', () => {
  let t: TestApp;
  let api: ApiProcess;
  let ids: Record<string, string>;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08' });
    api = await startApiProcess(t);
    const unit = await createUnit(t.app);
    const { plan } = await createImportedPlan(t.app, `一、测试\n1.建设停车场。(责任单位:${unit.name})`, { year: 2021 });
    const task = (await tasksByNumber(t.app, plan.id)).get(1);
    await createUnitUser(t, unit.id);
    const user = await createUser(t.app);
    ids = { plan: plan.id, task: task.id, unit: unit.id, user: user.id, planId: plan.id, unitId: unit.id, taskId: task.id, unknown: UNKNOWN_ID };
    doc = (await (await fetch(`${api.url}/api/docs-json`)).json()) as OpenApiDocument;
  }, 300_000);
  afterAll(async () => {
    await api?.child.stop();
    await t?.close();
  });

  function url(path: string): string {
    const id = path.startsWith('/api/plans') ? ids.plan : path.startsWith('/api/tasks') ? ids.task : path.startsWith('/api/units') ? ids.unit : path.startsWith('/api/users') ? ids.user : UNKNOWN_ID;
    return `${api.url}${path.replace(/\{\w+\}/g, id!)}`;
  }

  async function send(method: string, target: string, token: string, body?: string | Buffer, contentType = 'application/json'): Promise<Answer & { raw: string }> {
    const res = await fetch(target, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      ...(body === undefined ? {} : { body }),
    }).catch((error: Error) => ({ status: 0, text: async () => `connection failed: ${error.message}` }));
    const text = await res.text();
    return { what: '', status: res.status, body: text.slice(0, 300), raw: text };
  }

  it(`${PAYLOADS} malformed payloads from the OpenAPI schemas → 0 5xx`, async () => {
    // Password and session routes would end the tokens the rest of the run uses.
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/') && !/\/api\/auth\/(password|logout)/.test(path))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })))
      .filter((op) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method));
    expect(operations.length).toBeGreaterThan(40);
    const requests: MalformedRequest[] = new PayloadGenerator(doc, SEED).generate(operations, PAYLOADS, ids);
    const supervisor = tokenFor(t.app, 'supervisor');
    const admin = tokenFor(t.app, 'admin');
    const roleOf = new Map<string, string>();
    const answers: Answer[] = [];
    for (const request of requests) {
      const key = `${request.method} ${request.path}`;
      // Whoever may call it (the supervisor, or the admin for users, units and the calendar), asked about an unknown
      // id so that the probe itself changes nothing.
      const probe = `${api.url}${request.path.replace(/\{\w+\}/g, UNKNOWN_ID)}`;
      if (!roleOf.has(key)) roleOf.set(key, (await send(request.method, probe, supervisor)).status === 403 ? admin : supervisor);
      const res = await send(request.method, `${url(request.path)}${request.query}`, roleOf.get(key)!, request.body);
      answers.push({ what: request.what, status: res.status, body: res.body });
    }
    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    const failures = answers.filter((a) => a.status >= 500 || a.status === 0);
    console.log(
      `fault 7: ${answers.length} schema-generated malformed requests over ${operations.length} operations: ` +
        `${[...byStatus].sort(([a], [b]) => a - b).map(([s, c]) => `${s}: ${c}`).join(', ')}; ${failures.length} 5xx or dropped`,
    );
    // What a write route took as it came: worth a look (a value it may take), never a failure by itself.
    const accepted = new Map<string, number>();
    for (const a of answers.filter((a) => a.status < 300 && !a.what.startsWith('GET'))) {
      const kind = a.what.replace(/^.*?: /, '').replace(/^(\w+) \/\S+ missing required .*/, 'missing required');
      accepted.set(kind, (accepted.get(kind) ?? 0) + 1);
    }
    console.log(`  write routes answering 2xx, by malformation: ${[...accepted].sort(([, a], [, b]) => b - a).map(([k, c]) => `${k} ${c}`).join(', ')}`);
    expect(answers).toHaveLength(PAYLOADS);
    expect(failures).toEqual([]);
    // The run reached the validation, not a wall of 401/404s.
    expect(byStatus.get(400) ?? 0).toBeGreaterThan(PAYLOADS / 2);
  }, 600_000);

  it(`${NOTICES} garbled notices to the import route → 0 5xx`, async () => {
    const notice = readFileSync(join(__dirname, '..', '..', 'src', 'seed', 'data', 'jiyuan-2021-notice.txt'), 'utf8');
    const random = prng(SEED);
    const supervisor = tokenFor(t.app, 'supervisor');
    const answers: Answer[] = [];
    for (let i = 0; i < NOTICES; i++) {
      // A fresh plan now and then, so committed imports meet both an empty plan and one with tasks.
      const planId = i % 20 === 0 ? (await createPlan(t.app, { year: 2021 })).id : ids.plan;
      const text = garbleNotice(notice, random);
      // Mostly dry runs (cheap); every fourth commits; every third is an uploaded file rather than pasted text.
      const dryRun = i % 4 !== 0;
      const target = `${api.url}/api/plans/${planId}/import`;
      let res: Answer;
      if (i % 3 === 0) {
        const form = new FormData();
        form.set('dryRun', String(dryRun));
        form.set('createMissingUnits', String(i % 2 === 0));
        const name = ['n.txt', 'n.csv', 'n.docx', 'n.xlsx'][i % 4]!;
        form.set('file', new Blob([Buffer.from(text, 'utf8')]), name);
        const r = await fetch(target, { method: 'POST', headers: { authorization: `Bearer ${supervisor}` }, body: form }).catch(() => null);
        res = { what: `file ${name}`, status: r?.status ?? 0, body: r ? (await r.text()).slice(0, 300) : 'connection failed' };
      } else {
        res = { ...(await send('POST', target, supervisor, JSON.stringify({ text, dryRun, createMissingUnits: i % 2 === 0 }))), what: 'pasted' };
      }
      answers.push({ ...res, what: `notice ${i} (${res.what}, dryRun ${dryRun})` });
    }
    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    const failures = answers.filter((a) => a.status >= 500 || a.status === 0);
    const reasons = new Map<string, number>();
    for (const a of answers.filter((a) => a.status >= 400)) {
      const code = /"code":"(\w+)"/.exec(a.body)?.[1] ?? '';
      const field = /"field":"([^"]+)"/.exec(a.body)?.[1] ?? '';
      const reason = `${a.status} ${code}${field ? ` ${field}` : ''}`;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    console.log(
      `fault 7: ${answers.length} garbled notices to POST /api/plans/{id}/import: ` +
        `${[...byStatus].sort(([a], [b]) => a - b).map(([s, c]) => `${s}: ${c}`).join(', ')}; ${failures.length} 5xx or dropped\n` +
        `  refusals: ${[...reasons].sort(([, a], [, b]) => b - a).map(([k, c]) => `${k} ${c}`).join(', ')}`,
    );
    expect(failures).toEqual([]);
  }, 600_000);
});
