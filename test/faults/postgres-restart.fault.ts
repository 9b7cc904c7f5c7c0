import { randomUUID } from 'node:crypto';
import { createImportedPlan, createUnit, createUnitUser, tasksByNumber } from '../support/factories';
import { signalAll, startOwnServers, type OwnServers } from '../support/outage';
import { createTestApp, tokenFor, type TestApp } from '../support/test-app';
import { sleep } from '../support/wait';
import { call, startApiProcess, type ApiProcess } from './api-processes';
import { startTraffic, summarize } from './traffic';

const BOUND_MS = 2000;
const FREEZE_MS = 10_000;

/**
 * Fault case 4: PostgreSQL frozen (SIGSTOP) for 10 s under reads and progress reports on two api processes, then
 * shut down and started again. Every request answers within the bound (2xx or 503), the processes recover by
 * themselves, and every report acknowledged (201) is in PostgreSQL once.
 */
describe('fault 4: PostgreSQL frozen, then restarted, under load', () => {
  let servers: OwnServers;
  let t: TestApp;
  let apis: ApiProcess[];

  beforeAll(async () => {
    servers = await startOwnServers();
    t = await createTestApp({ DATABASE_URL: servers.postgres.url, REDIS_URL: servers.redis.url, REQUEST_TIMEOUT_MS: String(BOUND_MS), CLOCK_TODAY: '2021-10-08' });
    apis = await Promise.all([startApiProcess(t), startApiProcess(t)]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all((apis ?? []).map((api) => api.child.stop()));
    await t?.close().catch(() => undefined);
    await servers?.stop();
  });

  it('answers 503 within the bound, recovers without a restart of the api, loses no acknowledged write', async () => {
    const unit = await createUnit(t.app);
    const items = Array.from({ length: 20 }, (_, i) => `${i + 1}.推进第${i + 1}项工作。(责任单位:${unit.name})`);
    const { plan } = await createImportedPlan(t.app, `一、重启测试\n${items.join('\n')}`, { year: 2021 });
    const tasks = [...(await tasksByNumber(t.app, plan.id)).values()];
    const { token } = await createUnitUser(t, unit.id);
    const supervisor = tokenFor(t.app, 'supervisor');

    const acknowledged: string[] = [];
    const traffic = startTraffic(6, (n) => {
      const api = apis[n % 2]!.url;
      if (n % 3 === 0) return { what: 'tasks', send: () => call(api, 'GET', `/api/tasks?planId=${plan.id}&pageSize=20`, supervisor) };
      const key = randomUUID();
      return {
        what: 'progress',
        send: async () => {
          const res = await fetch(`${api}/api/tasks/${tasks[n % tasks.length]!.id}/progress`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
            body: JSON.stringify({ summary: `进展 ${n}`, percent: 40 }),
          });
          if (res.status === 201) acknowledged.push(key);
          return res;
        },
      };
    });
    await sleep(3000);
    signalAll(servers.postgresPids(), 'SIGSTOP');
    const frozenAt = traffic.elapsed();
    await sleep(FREEZE_MS);
    await servers.restartPostgres();
    const restartedAt = traffic.elapsed();
    await sleep(8000);
    const answers = await traffic.stop();

    const during = answers.filter((a) => a.at >= frozenAt && a.at < restartedAt);
    const lastSeconds = answers.filter((a) => a.at > traffic.elapsed() - 3000);
    console.log(
      `fault 4: PostgreSQL frozen ${FREEZE_MS / 1000} s then restarted, bound ${BOUND_MS} ms, 2 api processes:\n` +
        `  before:  ${summarize(answers.filter((a) => a.at < frozenAt))}\n  frozen:  ${summarize(during)}\n` +
        `  after:   ${summarize(answers.filter((a) => a.at >= restartedAt))}`,
    );
    expect(answers.filter((a) => ![200, 201, 503].includes(a.status))).toEqual([]);
    expect(during.filter((a) => a.ms > FREEZE_MS / 2)).toEqual([]);
    expect(during.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    // Recovered by itself: the last seconds are all answered.
    expect(lastSeconds.length).toBeGreaterThan(0);
    expect(lastSeconds.filter((a) => a.status === 503)).toEqual([]);

    const rows: Array<{ key: string; n: number }> = await t.dataSource.query(
      `SELECT idempotency_key AS key, count(*)::int AS n FROM progress_report WHERE idempotency_key = ANY($1) GROUP BY idempotency_key`,
      [acknowledged],
    );
    const stored = new Map(rows.map((r) => [r.key, r.n]));
    const lost = acknowledged.filter((key) => stored.get(key) !== 1);
    console.log(`  acknowledged reports: ${acknowledged.length}, stored once: ${acknowledged.length - lost.length}, lost or doubled: ${lost.length}`);
    expect(lost).toEqual([]);
  }, 300_000);
});
