import { request as httpRequest, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createImportedPlan, createUnit, createUnitUser, tasksByNumber } from './support/factories';
import { expectStatus, request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';
import { waitUntil } from './support/wait';

// Far above how long the test waits: a statement that stops did so because its client left, not on the timeout.
const STATEMENT_BOUND_MS = 60_000;

/**
 * Issue 11, item 4 ("nothing runs for nobody"): a request whose client disconnects cancels its running statement
 * on the server. A progress report is made to wait on the task's row lock (held by this test); the client goes
 * away; the backend must stop waiting while the lock is still held, and the report must never be written.
 */
describe('a request whose client disconnects cancels its query', () => {
  let t: TestApp;
  let port: number;
  let taskId: string;
  let unitToken: string;
  let locker: Client;
  // pg_stat_activity is read outside the locker's transaction, which would see one snapshot of it throughout.
  let observer: Client;

  beforeAll(async () => {
    t = await createTestApp({ REQUEST_TIMEOUT_MS: String(STATEMENT_BOUND_MS) });
    const unit = await createUnit(t.app);
    const { plan } = await createImportedPlan(t.app, `一、测试\n1.建设停车场。(责任单位:${unit.name})`, { year: 2021 });
    taskId = (await tasksByNumber(t.app, plan.id)).get(1).id;
    unitToken = (await createUnitUser(t, unit.id)).token;
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    locker = new Client({ connectionString: t.databaseUrl, application_name: 'test-locker' });
    await locker.connect();
    observer = new Client({ connectionString: t.databaseUrl, application_name: 'test-observer' });
    await observer.connect();
  }, 120_000);
  afterAll(async () => {
    await locker?.end();
    await observer?.end();
    await t?.close();
  });

  /** The app's backends running a statement that waits on a lock, with their statement text. */
  const waitingOnLock = () =>
    observer
      .query<{ pid: number; query: string }>(
        `SELECT pid, query FROM pg_stat_activity
          WHERE application_name = 'duban' AND state = 'active' AND wait_event_type = 'Lock'`,
      )
      .then((r) => r.rows);

  function postReport(): { sent: ClientRequest; answer: Promise<number> } {
    const body = JSON.stringify({ summary: '完成选址', percent: 10 });
    const sent = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/tasks/${taskId}/progress`,
      headers: { authorization: `Bearer ${unitToken}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const answer = new Promise<number>((resolve, reject) => {
      sent.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      sent.on('error', reject);
    });
    sent.end(body);
    return { sent, answer };
  }

  it('the backend stops the statement when the client goes away, and the report is never written', async () => {
    await locker.query('BEGIN');
    await locker.query('SELECT id FROM task WHERE id = $1 FOR UPDATE', [taskId]);
    try {
      const { sent, answer } = postReport();
      answer.catch(() => undefined);
      const [waiting] = await waitUntil(async () => {
        const found = await waitingOnLock();
        return found.length > 0 && found;
      }, { what: 'the report waiting on the task lock' });
      expect(waiting!.query).toMatch(/FOR UPDATE OF t/);

      sent.destroy();
      // The lock is still held: only a cancellation ends the wait.
      const after = await waitUntil(
        async () => {
          const { rows } = await observer.query<{ state: string | null; query: string }>(`SELECT state, query FROM pg_stat_activity WHERE pid = $1`, [
            waiting!.pid,
          ]);
          const backend = rows[0];
          return (!backend || backend.state !== 'active') && (backend ?? { state: 'gone', query: '' });
        },
        { timeoutMs: 20_000, what: 'the cancelled statement to stop' },
      );
      expect(after.state).not.toBe('active');
      expect(await waitingOnLock()).toEqual([]);
    } finally {
      await locker.query('COMMIT');
    }
    const { rows } = await locker.query<{ n: number }>(`SELECT count(*)::int AS n FROM progress_report WHERE task_id = $1`, [taskId]);
    expect(rows[0]!.n).toBe(0);
  });

  it('a client that stays gets its answer (the connection the cancelled statement used is fine)', async () => {
    for (let i = 0; i < 3; i++) {
      const { answer } = postReport();
      expect(await answer).toBe(201);
    }
    const listed = await request(t.app, 'GET', `/api/tasks/${taskId}/progress`, undefined, { as: { token: unitToken } });
    expectStatus(listed, 200);
    expect(listed.body).toHaveLength(3);
  });
});
