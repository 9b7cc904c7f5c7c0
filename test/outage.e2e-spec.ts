import type { Redis } from 'ioredis';
import { REDIS } from '../src/queue/redis.module';
import { createImportedPlan, createUnit, createUnitUser, login, tasksByNumber } from './support/factories';
import { expectStatus, request } from './support/http';
import { signalAll, startOwnServers, timed, type OwnServers, type Timed } from './support/outage';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app';
import { sleep, waitUntil } from './support/wait';

const BOUND_MS = 1500;
// Long enough that a request waiting for the server (rather than for the bound) would still be waiting at the end.
const OUTAGE_MS = 10_000;

/**
 * Freezes (SIGSTOP) this file's own Redis, then PostgreSQL, for OUTAGE_MS: every request must answer before the
 * outage ends — 503 with Retry-After where it needs the frozen server — and everything works again after SIGCONT.
 */
describe('bounded waits while PostgreSQL or Redis is frozen', () => {
  let servers: OwnServers;
  let t: TestApp;
  let taskId: string;
  let unitToken: { token: string };
  let username: string;

  beforeAll(async () => {
    servers = await startOwnServers();
    t = await createTestApp({
      DATABASE_URL: servers.postgres.url,
      REDIS_URL: servers.redis.url,
      REQUEST_TIMEOUT_MS: String(BOUND_MS),
      CLOCK_TODAY: '2021-10-08',
    });
    const unit = await createUnit(t.app);
    const { plan } = await createImportedPlan(t.app, `一、测试\n1.建设停车场。(责任单位:${unit.name})`, { year: 2021 });
    taskId = (await tasksByNumber(t.app, plan.id)).get(1).id;
    const unitUser = await createUnitUser(t, unit.id);
    unitToken = { token: unitUser.token };
    username = unitUser.user.username;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await servers?.stop();
  });

  /** Freezes `pids` for OUTAGE_MS while `requests` run; returns their outcomes once the servers are back. */
  async function duringOutage(pids: number[], requests: Record<string, () => Promise<{ status: number; body: any; headers: Record<string, unknown> }>>) {
    signalAll(pids, 'SIGSTOP');
    const frozenAt = Date.now();
    const resumed = sleep(OUTAGE_MS).then(() => signalAll(pids, 'SIGCONT'));
    try {
      const results = await Promise.all(Object.entries(requests).map(([what, run]) => timed(what, frozenAt, run)));
      console.log(`answers while frozen (bound ${BOUND_MS} ms, outage ${OUTAGE_MS} ms):\n${results.map(format).join('\n')}`);
      return results;
    } finally {
      await resumed;
    }
  }

  const format = (r: Timed) => `  ${r.what}: ${r.status} after ${r.afterMs} ms${r.retryAfter ? ` (Retry-After ${r.retryAfter})` : ''}`;
  const loginRequest = () => request(t.app, 'POST', '/api/auth/login', { username, password: TEST_PASSWORD }, { as: 'anonymous' });
  const byName = (results: Timed[]) => Object.fromEntries(results.map((r) => [r.what, r]));
  /** Waits for the first successful login after SIGCONT and prints how long recovery took. */
  async function recovered(server: string): Promise<void> {
    const resumedAt = Date.now();
    await waitUntil(async () => (await loginRequest()).status === 200, { timeoutMs: 20_000, what: `login after ${server} resumed` });
    console.log(`${server} resumed: first successful login after ${Date.now() - resumedAt} ms`);
  }

  it('Redis frozen: login fails closed with 503 + Retry-After, PostgreSQL-only reads still answer, then all recover', async () => {
    const results = byName(
      await duringOutage([servers.redis.process.pid!], {
        login: loginRequest,
        tasks: () => request(t.app, 'GET', `/api/tasks?pageSize=5`),
        ready: () => request(t.app, 'GET', '/health/ready', undefined, { as: 'anonymous' }),
      }),
    );
    expect(results.login).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: { code: 'SERVICE_UNAVAILABLE', message: '缓存服务暂时无法响应，请稍后重试', details: { dependency: 'redis' } },
    });
    expect(results.tasks!.status).toBe(200);
    expect(results.ready!.status).toBe(503);
    for (const r of Object.values(results)) expect(r.afterMs).toBeLessThan(OUTAGE_MS);

    await recovered('Redis');
    expectStatus(await request(t.app, 'GET', '/health/ready', undefined, { as: 'anonymous' }), 200);
  });

  it('PostgreSQL frozen: login, task list and progress report answer 503 within the bound, then recover', async () => {
    const results = byName(
      await duringOutage(servers.postgresPids(), {
        login: loginRequest,
        tasks: () => request(t.app, 'GET', `/api/tasks?pageSize=5`),
        progress: () => request(t.app, 'POST', `/api/tasks/${taskId}/progress`, { summary: '已完成立项', percent: 30 }, { as: unitToken }),
        ready: () => request(t.app, 'GET', '/health/ready', undefined, { as: 'anonymous' }),
      }),
    );
    for (const what of ['login', 'tasks', 'progress']) {
      expect(results[what]).toMatchObject({ status: 503, retryAfter: '5', body: { message: '数据库暂时无法响应，请稍后重试', details: { dependency: 'postgres' } } });
    }
    expect(results.ready!.status).toBe(503);
    for (const r of Object.values(results)) expect(r.afterMs).toBeLessThan(OUTAGE_MS);
    // A login that got no verdict is not left counted as a failure of the user (the api's client has the prefix).
    expect(await t.app.get<Redis>(REDIS).exists(`login-failures:pair:${username}:127.0.0.1`, `login-failures:user:${username}`)).toBe(0);

    await recovered('PostgreSQL');
    await login(t.app, username);
    expectStatus(await request(t.app, 'GET', `/api/tasks?pageSize=5`), 200);
    expectStatus(await request(t.app, 'POST', `/api/tasks/${taskId}/progress`, { summary: '已完成立项', percent: 30 }, { as: unitToken }), 201);
  });
});
