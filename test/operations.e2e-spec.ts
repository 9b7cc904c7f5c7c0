import { dirname, join } from 'node:path';
import { freePort } from '../tools/dev/free-port';
import { createImportedPlan, createUnit } from './support/factories';
import { expectStatus, request } from './support/http';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app';
import { waitUntil } from './support/wait';
import { buildWorker, spawnWorker, workerEnv, type ChildWorker } from './support/worker';

const METRICS_TOKEN = 'metrics-token-for-the-test-0123';

describe('operations: /metrics for a scraper, structured logs in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08', METRICS_TOKEN, METRICS_ALLOW: '10.9.0.0/16,192.0.2.7' });
  });
  afterAll(() => t.close());

  const scrape = (headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
    t.app.inject({ method: 'GET', url: '/metrics', headers, remoteAddress });

  it('answers only the metrics token or an allowed address (403 otherwise)', async () => {
    expect((await scrape()).statusCode).toBe(403);
    expect((await scrape({ authorization: `Bearer ${METRICS_TOKEN}x` })).statusCode).toBe(403);
    expect((await scrape({}, '10.8.0.1')).statusCode).toBe(403);
    expect((await scrape({ authorization: `Bearer ${METRICS_TOKEN}` })).statusCode).toBe(200);
    expect((await scrape({}, '10.9.200.3')).statusCode).toBe(200);
    expect((await scrape({}, '192.0.2.7')).statusCode).toBe(200);
  });

  it('is 404 when neither METRICS_TOKEN nor METRICS_ALLOW is set', async () => {
    const plain = await createTestApp();
    try {
      const res = await plain.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
      expect(res.statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('reports latency by route, queue depth, stalled jobs, reminders created and deliveries by status', async () => {
    const unit = await createUnit(t.app);
    const { plan } = await createImportedPlan(t.app, `一、测试\n1.建设停车场。(责任单位:${unit.name};完成时限:2021年9月底前)`, { year: 2021 });
    const scan = await request(t.app, 'POST', '/api/reminders/scan', {});
    expectStatus(scan, 200);
    expect(scan.body.created).toBeGreaterThan(0);
    expectStatus(await request(t.app, 'GET', `/api/plans/${plan.id}`), 200);

    const res = await scrape({ authorization: `Bearer ${METRICS_TOKEN}` });
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(/duban_http_request_duration_seconds_count\{method="GET",route="\/api\/plans\/:id",status="200"\} [1-9]/);
    expect(text).toMatch(/duban_http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/api\/reminders\/scan",status="200"\}/);
    expect(text).toMatch(/duban_queue_jobs\{queue="reminder-delivery",state="waiting"\} \d+/);
    expect(text).toMatch(/duban_queue_jobs\{queue="reminder-scan",state="failed"\} 0/);
    expect(text).toMatch(/duban_queue_stalled_jobs_total\{queue="reminder-delivery"\} 0/);
    const [{ count: overdue }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM reminder WHERE kind = 'overdue'`);
    expect(overdue).toBeGreaterThan(0);
    expect(text).toContain(`duban_reminders{kind="overdue"} ${overdue}`);
    const [{ count: pending }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM reminder_delivery WHERE channel = 'inbox' AND status = 'pending'`);
    if (pending > 0) expect(text).toContain(`duban_reminder_deliveries{channel="inbox",status="pending"} ${pending}`);
    expect(text).toMatch(/duban_reminder_deliveries\{channel="inbox",status="(pending|sent)"\} [1-9]/);
  });

  describe('the api process in production', () => {
    let api: ChildWorker;
    let base: string;

    beforeAll(async () => {
      const port = await freePort();
      const entry = join(dirname(buildWorker()), 'main.js');
      api = spawnWorker(entry, workerEnv(t, { NODE_ENV: 'production', PORT: String(port) }));
      base = `http://127.0.0.1:${port}`;
      await waitUntil(async () => (await fetch(`${base}/health/live`).catch(() => null))?.ok, { timeoutMs: 60_000, what: 'the api answering' });
    }, 300_000);
    afterAll(() => api?.stop());

    it('writes one JSON object a line, the request id on every line of a request, no password or token', async () => {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'ops-login-1' },
        body: JSON.stringify({ username: 'test-supervisor', password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const scan = await fetch(`${base}/api/reminders/scan`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'x-request-id': 'ops-scan-1' },
        body: JSON.stringify({ asOf: '2021-10-08' }),
      });
      expect(scan.status).toBe(200);

      const lines = await waitUntil(() => {
        const scanLines = api.output.filter((line) => line.includes('ops-scan-1'));
        return scanLines.length >= 2 && api.output;
      }, { what: () => `the scan request logged; the log so far:\n${api.output.slice(-30).join('\n')}` });
      // Node's own warnings (stderr) aside, every line is one JSON object.
      const records = lines.filter((line) => !/^\((node:\d+|Use `node)/.test(line)).map((line) => JSON.parse(line) as Record<string, any>);
      const scanRecords = records.filter((r) => r.correlationId === 'ops-scan-1');
      // The service's own line and the request's summary line, both with the request id.
      expect(scanRecords.map((r) => r.msg)).toEqual(expect.arrayContaining([expect.stringContaining('Reminder scan 2021-10-08'), 'request completed']));
      const completed = scanRecords.find((r) => r.msg === 'request completed')!;
      expect(completed.req.headers.authorization).toBe('[redacted]');
      expect(records.some((r) => r.correlationId === 'ops-login-1' && r.msg === 'request completed')).toBe(true);
      // Every line logged while a request ran carries its id.
      for (const record of records.filter((r) => r.req)) expect(record.correlationId).toEqual(expect.any(String));
      const all = lines.join('\n');
      expect(all).not.toContain(TEST_PASSWORD);
      expect(all).not.toContain(accessToken);
      expect(all).not.toContain(accessToken.split('.')[2]);
    });
  });
});
