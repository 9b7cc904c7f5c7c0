import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { Env } from '../../src/config/env';
import { createImportedPlan, createUnit, createUnitUser, tasksByNumber } from '../support/factories';
import { createTestApp, tokenFor, type TestApp } from '../support/test-app';
import { sleep } from '../support/wait';
import { buildWorker, spawnWorker, workerEnv, type ChildWorker } from '../support/worker';
import { call, startApiProcess, type ApiProcess } from './api-processes';
import { startTraffic, summarize, type Answer } from './traffic';

/** SOAK_MINUTES (default 20): how long the steady load runs. */
const MINUTES = Number(process.env.SOAK_MINUTES ?? 20);
const DURATION_MS = MINUTES * 60_000;
const SAMPLE_MS = 10_000;
/** Each client loop waits this long between requests: a steady load, not as much as the machine can take. */
const PAUSE_MS = 100;
const CLIENTS = 4;
/** JIT, pools and caches warm up first; the slopes are fitted after it. */
const WARM_UP_MS = Math.min(60_000, DURATION_MS / 5);
/** The p99 windows at the start (after the warm-up) and at the end. */
const WINDOW_MS = Math.max(30_000, DURATION_MS / 10);

interface Sample {
  ms: number;
  rss: Record<string, number>;
  redis: number;
}

const MB = 1024 * 1024;

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** Least-squares slope of y (bytes) over x (ms), in MB per hour. */
function slopeMbPerHour(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : ((num / den) * 3_600_000) / MB;
}

function p99(answers: Answer[]): number {
  const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN;
}

/**
 * Case 8 of issue 10, the soak (`npm run test:soak`, SOAK_MINUTES=20 by default): two api processes and a worker
 * under a steady mixed load (task lists, task pages, the dashboard, progress reports, scans, readiness). Prints the
 * RSS and Redis memory slopes in MB/h and the p99 latency at the start vs the end. Asserts outcomes only: every
 * answer 2xx.
 */
describe(`soak: ${MINUTES} minutes at steady load`, () => {
  let t: TestApp;
  let apis: ApiProcess[];
  let worker: ChildWorker;
  let redis: Redis;

  beforeAll(async () => {
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08' });
    apis = await Promise.all([startApiProcess(t), startApiProcess(t)]);
    worker = spawnWorker(buildWorker(), workerEnv(t));
    await worker.waitForOutput(/Daily scan scheduled/, 120_000);
    redis = new Redis(t.app.get(Env).REDIS_URL);
  }, 300_000);
  afterAll(async () => {
    redis?.disconnect();
    await Promise.all([...(apis ?? []).map((api) => api.child.stop()), worker?.stop()]);
    await t?.close();
  });

  it('prints the memory slopes and the p99 latency at the start vs the end; every answer 2xx', async () => {
    const units = await Promise.all(Array.from({ length: 5 }, () => createUnit(t.app)));
    const items = Array.from({ length: 100 }, (_, i) => `${i + 1}.推进第${i + 1}项工作。(责任单位:${units[i % 5]!.name};完成时限:2021年9月底前)`);
    const { plan } = await createImportedPlan(t.app, `一、长时运行\n${items.join('\n')}`, { year: 2021 });
    const tasks = [...(await tasksByNumber(t.app, plan.id)).values()];
    const clerk = await createUnitUser(t, units[0]!.id);
    const own = tasks.filter((_, i) => i % 5 === 0);
    const supervisor = tokenFor(t.app, 'supervisor');
    const leader = tokenFor(t.app, 'leader');

    const processes: Record<string, number> = { api1: apis[0]!.child.process.pid!, api2: apis[1]!.child.process.pid!, worker: worker.process.pid! };
    const samples: Sample[] = [];
    const traffic = startTraffic(CLIENTS, (n) => {
      const api = apis[n % 2]!.url;
      const paced = (send: () => Promise<{ status: number }>) => async () => {
        const res = await send();
        await sleep(PAUSE_MS);
        return res;
      };
      const task = tasks[n % tasks.length]!;
      switch (n % 8) {
        case 0:
        case 4:
          return { what: 'tasks', send: paced(() => call(api, 'GET', `/api/tasks?planId=${plan.id}&pageSize=50&page=${(n % 2) + 1}`, supervisor)) };
        case 1:
          return { what: 'task', send: paced(() => call(api, 'GET', `/api/tasks/${task.id}`, supervisor)) };
        case 2:
        case 6: {
          const key = randomUUID();
          const target = own[n % own.length]!.id;
          return {
            what: 'progress',
            send: paced(() =>
              fetch(`${api}/api/tasks/${target}/progress`, {
                method: 'POST',
                headers: { authorization: `Bearer ${clerk.token}`, 'content-type': 'application/json', 'idempotency-key': key },
                body: JSON.stringify({ summary: `长时运行进展 ${n}`, percent: n % 100 }),
              }).then(async (res) => (await res.arrayBuffer(), res)),
            ),
          };
        }
        case 3:
          return { what: 'dashboard', send: paced(() => call(api, 'GET', `/api/supervision/dashboard?planId=${plan.id}`, leader)) };
        case 5:
          return n % 200 === 5
            ? { what: 'scan', send: paced(() => call(api, 'POST', '/api/reminders/scan', supervisor, {})) }
            : { what: 'overdue', send: paced(() => call(api, 'GET', `/api/supervision/overdue?planId=${plan.id}`, supervisor)) };
        default:
          return { what: 'ready', send: paced(() => call(api, 'GET', '/health/ready', '')) };
      }
    });
    const load: number[] = [];
    while (traffic.elapsed() < DURATION_MS) {
      const info = await redis.info('memory');
      samples.push({
        ms: traffic.elapsed(),
        rss: Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, rssOf(pid)])),
        redis: Number(/used_memory:(\d+)/.exec(info)![1]),
      });
      load.push(loadavg()[0]!);
      await sleep(Math.min(SAMPLE_MS, DURATION_MS - traffic.elapsed() + 1));
    }
    const answers = await traffic.stop();
    const total = traffic.elapsed();

    const fitted = samples.filter((s) => s.ms >= WARM_UP_MS);
    const rssSlopes = Object.fromEntries(Object.keys(processes).map((name) => [name, slopeMbPerHour(fitted.map((s) => [s.ms, s.rss[name]!]))]));
    const redisSlope = slopeMbPerHour(fitted.map((s) => [s.ms, s.redis]));
    const first = answers.filter((a) => a.at >= WARM_UP_MS && a.at < WARM_UP_MS + WINDOW_MS);
    const last = answers.filter((a) => a.at >= total - WINDOW_MS);
    const mb = (bytes: number) => (bytes / MB).toFixed(1);
    const [start, end] = [fitted[0]!, fitted.at(-1)!];
    console.log(
      `soak: ${MINUTES} min, ${CLIENTS} client loops (${PAUSE_MS} ms pause) over 2 api processes + 1 worker; ` +
        `load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}\n` +
        `  ${summarize(answers)}, ${(answers.length / (total / 1000)).toFixed(1)} req/s\n` +
        `  RSS slope (MB/h, fitted over ${fitted.length} samples after ${WARM_UP_MS / 1000} s warm-up): ` +
        Object.entries(rssSlopes).map(([name, slope]) => `${name} ${slope.toFixed(1)} (${mb(start.rss[name]!)} → ${mb(end.rss[name]!)} MB)`).join(', ') +
        `\n  Redis used_memory slope: ${redisSlope.toFixed(2)} MB/h (${mb(start.redis)} → ${mb(end.redis)} MB)\n` +
        `  p99 latency: first ${WINDOW_MS / 1000} s after warm-up ${Math.round(p99(first))} ms (${first.length} requests), ` +
        `last ${WINDOW_MS / 1000} s ${Math.round(p99(last))} ms (${last.length} requests)`,
    );
    expect(answers.filter((a) => a.status < 200 || a.status >= 300)).toEqual([]);
    expect(fitted.length).toBeGreaterThan(2);
    expect(first.length).toBeGreaterThan(0);
    expect(last.length).toBeGreaterThan(0);
    // Every process survived the run.
    expect(Object.values(processes).map((pid) => rssOf(pid) > 0)).toEqual([true, true, true]);
  }, DURATION_MS + 600_000);
});
