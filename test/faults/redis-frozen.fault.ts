import { createImportedPlan, createUnit, createUnitUser, tasksByNumber } from '../support/factories';
import { signalAll, startOwnServers, type OwnServers } from '../support/outage';
import { createTestApp, tokenFor, type TestApp } from '../support/test-app';
import { sleep, waitUntil } from '../support/wait';
import { buildWorker, spawnWorker, workerEnv, type ChildWorker } from '../support/worker';
import { call, startApiProcess, type ApiProcess } from './api-processes';
import { startTraffic, summarize } from './traffic';

const BOUND_MS = 2000;
const FREEZE_MS = 20_000;

/**
 * Fault case 3: Redis frozen (SIGSTOP) for 20 s under steady traffic on two api processes, with a worker and a
 * reminder scan. Every request answers within the bound (2xx, or 503 where it needs Redis), readiness says
 * degraded then healthy, the scan and the deliveries resume, and no reminder exists twice.
 */
describe('fault 3: Redis frozen during traffic and a scan', () => {
  let servers: OwnServers;
  let t: TestApp;
  let apis: ApiProcess[];
  let worker: ChildWorker;

  beforeAll(async () => {
    servers = await startOwnServers();
    t = await createTestApp({ DATABASE_URL: servers.postgres.url, REDIS_URL: servers.redis.url, REQUEST_TIMEOUT_MS: String(BOUND_MS), CLOCK_TODAY: '2021-10-08' });
    apis = await Promise.all([startApiProcess(t), startApiProcess(t)]);
    worker = spawnWorker(buildWorker(), workerEnv(t));
    await worker.waitForOutput(/Daily scan scheduled/, 60_000);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([...(apis ?? []).map((api) => api.child.stop()), worker?.stop()]);
    await t?.close();
    await servers?.stop();
  });

  it('answers within the bound, degrades and recovers readiness, resumes the scan, duplicates nothing', async () => {
    const units = await Promise.all(Array.from({ length: 5 }, () => createUnit(t.app)));
    const items = Array.from({ length: 50 }, (_, i) => `${i + 1}.推进第${i + 1}项工作。(责任单位:${units[i % 5]!.name};完成时限:2021年9月底前)`);
    const { plan } = await createImportedPlan(t.app, `一、冻结测试\n${items.join('\n')}`, { year: 2021 });
    const tasks = [...(await tasksByNumber(t.app, plan.id)).values()];
    const unitUser = await createUnitUser(t, units[0]!.id);
    // Three people of the unit log in over and over. One account's attempts in flight from one address are capped
    // (LOGIN_MAX_FAILURES_PER_USER, counted before the password is checked), and every loop held by a login during
    // the freeze logs in again at the thaw: one account alone can meet that cap then, by design. Each account is
    // still tried more often than the cap (5) during the freeze (checked below), so counts left behind would be 429s.
    const loginUsers = [unitUser, await createUnitUser(t, units[0]!.id), await createUnitUser(t, units[0]!.id)];
    const own = tasks.filter((_, i) => i % 5 === 0);
    const supervisor = tokenFor(t.app, 'supervisor');

    const traffic = startTraffic(6, (n) => {
      const api = apis[n % 2]!.url;
      switch (n % 4) {
        case 0: {
          const who = loginUsers[(n / 4) % loginUsers.length]!;
          return { what: 'login', send: () => call(api, 'POST', '/api/auth/login', '', { username: who.user.username, password: who.password }) };
        }
        case 1:
          return { what: 'tasks', send: () => call(api, 'GET', `/api/tasks?planId=${plan.id}&pageSize=20`, supervisor) };
        case 2:
          return { what: 'progress', send: () => call(api, 'POST', `/api/tasks/${own[n % own.length]!.id}/progress`, unitUser.token, { summary: `进展 ${n}`, percent: 50 }) };
        default:
          return { what: 'ready', send: () => call(api, 'GET', '/health/ready', '') };
      }
    });
    await sleep(3000);
    signalAll([servers.redis.process.pid!], 'SIGSTOP');
    const frozenAt = traffic.elapsed();
    const scanDuringFreeze = await call(apis[0]!.url, 'POST', '/api/reminders/scan', supervisor, {});
    await sleep(FREEZE_MS - (traffic.elapsed() - frozenAt));
    signalAll([servers.redis.process.pid!], 'SIGCONT');
    const thawedAt = traffic.elapsed();
    await sleep(5000);
    const answers = await traffic.stop();

    const during = answers.filter((a) => a.at >= frozenAt && a.at < thawedAt);
    const readyDuring = during.filter((a) => a.what === 'ready').map((a) => a.status);
    const readyAfter = answers.filter((a) => a.what === 'ready' && a.at > thawedAt + 2000).map((a) => a.status);
    console.log(
      `fault 3: Redis frozen ${FREEZE_MS / 1000} s, bound ${BOUND_MS} ms, 2 api processes:\n` +
        `  before: ${summarize(answers.filter((a) => a.at < frozenAt))}\n  during: ${summarize(during)}\n` +
        `  after:  ${summarize(answers.filter((a) => a.at >= thawedAt))}\n  scan during the freeze: ${scanDuringFreeze.status}`,
    );
    expect(answers.filter((a) => ![200, 201, 503].includes(a.status))).toEqual([]);
    // More than six tries per account on average: left counted, some account would be past the cap of five.
    expect(during.filter((a) => a.what === 'login').length).toBeGreaterThan(loginUsers.length * 6);
    // Answered within the bound, not at the end of the outage (generously: half of it).
    expect(during.filter((a) => a.ms > FREEZE_MS / 2)).toEqual([]);
    expect(readyDuring).toContain(503);
    // Healthy again (a single check may still time out on a loaded machine; the last one must not).
    expect(readyAfter.length).toBeGreaterThan(0);
    expect(readyAfter.at(-1)).toBe(200);
    expect(readyAfter.filter((s) => s === 200).length).toBeGreaterThan(readyAfter.length / 2);
    expect(during.filter((a) => a.what === 'tasks').every((a) => a.status === 200)).toBe(true);
    expect([200, 503]).toContain(scanDuringFreeze.status);

    // The scan again after the thaw: whatever the first one left undone is done now, nothing twice.
    const scan = await call(apis[1]!.url, 'POST', '/api/reminders/scan', supervisor, {});
    expect(scan.status).toBe(200);
    const [{ reminders, keys }] = await t.dataSource.query(`SELECT count(*)::int AS reminders, count(DISTINCT unique_key)::int AS keys FROM reminder`);
    expect(reminders).toBeGreaterThan(0);
    expect(reminders).toBe(keys);
    await waitUntil(
      async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM reminder_delivery WHERE channel = 'inbox' AND status <> 'sent'`))[0].n === 0,
      { timeoutMs: 60_000, what: 'the worker delivering every inbox digest' },
    );
    console.log(`  reminders: ${reminders} (0 duplicates); every inbox digest delivered after the thaw`);
  }, 300_000);
});
