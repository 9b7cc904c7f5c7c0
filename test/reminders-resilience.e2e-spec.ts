import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../tools/dev/free-port';
import { DELIVERY_QUEUE } from '../src/queue/queues';
import { startLocalRedis, type LocalRedis } from '../tools/dev/local-redis';
import { createImportedPlan } from './support/factories';
import { expectStatus, request } from './support/http';
import { answers, startHttpSink, type HttpSink } from './support/sinks';
import { createTestApp, type TestApp } from './support/test-app';
import { sleep, waitUntil } from './support/wait';
import { buildWorker, spawnWorker, startWorker, workerEnv, type ChildWorker, type InProcessWorker } from './support/worker';

/** Small lock: a dead worker's job is taken over ~2–3 s later instead of 30 s. Short backoff for the same reason. */
const FAST = { WORKER_LOCK_MS: '2000', DELIVERY_BACKOFF_MS: '100', REMINDER_CRON: '0 9 1 1 *', CLOCK_TODAY: '2021-10-08' };

async function unitWithOverdueTask(t: TestApp, name: string, webhookUrl: string): Promise<string> {
  const unit = await request(t.app, 'POST', '/api/units', { name, webhookUrl }, { as: 'admin' });
  expectStatus(unit, 201);
  const { plan } = await createImportedPlan(t.app, `1.${name}年度任务。(责任单位:${name};完成时限:2021-09-30)`, { year: 2021, startDate: '2021-09-01' });
  expectStatus(await request(t.app, 'PUT', '/api/reminder-policy', { planId: plan.id, reportMissing: false }), 200);
  return unit.body.id;
}

async function scan(t: TestApp, asOf = '2021-10-08'): Promise<void> {
  expectStatus(await request(t.app, 'POST', '/api/reminders/scan', { asOf }), 200);
}

async function webhookDelivery(t: TestApp, unitId: string): Promise<{ id: string; status: string; attempts: number }> {
  const [row] = await t.dataSource.query(`SELECT id, status, attempts FROM reminder_delivery WHERE unit_id = $1 AND channel = 'webhook'`, [unitId]);
  return row;
}

const sentDelivery = (t: TestApp, unitId: string, timeoutMs: number) =>
  waitUntil(
    async () => {
      const row = await webhookDelivery(t, unitId);
      return row?.status === 'sent' ? row : false;
    },
    { timeoutMs, what: `the webhook digest of ${unitId} to be sent` },
  );

describe('reminder delivery survives a killed worker and a Redis restart', () => {
  describe('a worker SIGKILLed in the middle of a delivery', () => {
    let t: TestApp;
    let sink: HttpSink;
    const workers: ChildWorker[] = [];

    beforeAll(async () => {
      sink = await startHttpSink();
      t = await createTestApp(FAST);
    }, 120_000);
    afterAll(async () => {
      for (const worker of workers) await worker.stop(5_000);
      await t?.close();
      await sink?.close();
    });

    it('a second worker process takes the job over after the lock expires; the receiver gets each digest once', async () => {
      // A real process is needed for SIGKILL: the compiled worker (built once, reused while src/ is unchanged).
      const entry = buildWorker();
      // The first request to /hang never gets an answer: the worker is killed while waiting for it.
      sink.behave(answers.hangFirst(), '/hang');
      sink.behave(answers.ok(), '/ok');
      const hung = await unitWithOverdueTask(t, '应急管理局', `${sink.url}/hang`);
      const fine = await unitWithOverdueTask(t, '林业局', `${sink.url}/ok`);

      const first = spawnWorker(entry, workerEnv(t));
      workers.push(first);
      await first.waitForOutput(/Daily scan scheduled/);
      await scan(t);
      await sink.waitForRequests(2);
      await sentDelivery(t, fine, 10_000);
      expect(await webhookDelivery(t, hung)).toMatchObject({ status: 'pending', attempts: 1 });

      first.process.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');

      const second = spawnWorker(entry, workerEnv(t));
      workers.push(second);
      const delivered = await sentDelivery(t, hung, 30_000);
      // The second worker found the job stalled (lock gone) and ran it again: one more attempt, same key.
      expect(delivered.attempts).toBe(2);
      await second.waitForOutput(/stalled/);

      const digests = [await webhookDelivery(t, hung), await webhookDelivery(t, fine)].map((d) => d.id);
      // "Exactly once" at the receiver is at-least-once delivery plus the Idempotency-Key: the killed attempt's
      // request may well have reached the receiver before the crash, so the sender must send again; the receiver
      // keeps the first request with a key and drops repeats. Here the hung request was never answered, so the
      // receiver processed each digest exactly once, and the sender made at most one extra raw attempt per crash.
      expect(new Set(sink.requests.map((r) => r.idempotencyKey))).toEqual(new Set(digests));
      expect([...sink.processed.keys()].sort()).toEqual([...digests].sort());
      expect(sink.duplicates).toBe(0);
      const raw = sink.requests.filter((r) => r.idempotencyKey === digests[0]);
      expect(raw.map((r) => r.status)).toEqual([null, 200]);
      expect(sink.requests.length - digests.length).toBeLessThanOrEqual(1);

      await second.stop();
      // A graceful stop: the worker closed (drained) and exited on its own, not by SIGKILL after the grace period.
      expect(await second.exited).not.toBe('SIGKILL');
    }, 120_000);
  });

  describe('Redis restarted while the worker runs', () => {
    let redis: LocalRedis;
    let redisDir: string;
    let port: number;
    let t: TestApp;
    let sink: HttpSink;
    let worker: InProcessWorker;

    beforeAll(async () => {
      // Its own redis-server (AOF on, fixed port), so stopping it does not disturb the other test files.
      port = await freePort();
      redisDir = mkdtempSync(join(tmpdir(), 'duban-redis-restart-'));
      redis = await startLocalRedis({ dataDir: redisDir, port });
      sink = await startHttpSink();
      t = await createTestApp({ ...FAST, REDIS_URL: redis.url });
      worker = await startWorker(t);
    }, 60_000);
    afterAll(async () => {
      await worker?.close();
      await t?.close();
      await sink?.close();
      await redis?.stop();
      rmSync(redisDir, { recursive: true, force: true });
    });

    it('resumes on its own after an outage longer than the blocking timeout, and delivers what became due', async () => {
      const consumer = worker.service.workers[DELIVERY_QUEUE]!;
      const completed: string[] = [];
      consumer.on('completed', (job) => completed.push(String(job.id)));

      const before = await unitWithOverdueTask(t, '人民防空办公室', `${sink.url}/before`);
      await scan(t);
      await sentDelivery(t, before, 10_000);

      // Down for longer than drainDelay (5 s) + 1 s, the worker's blocking-read watchdog: the case where BullMQ 6.x
      // before the fix for issue #4585 left the blocking client "reconnecting" forever.
      await redis.stop();
      await sleep(7_500);
      redis = await startLocalRedis({ dataDir: redisDir, port });

      const after = await unitWithOverdueTask(t, '地方金融监督管理局', `${sink.url}/after`);
      await scan(t);
      const delivered = await sentDelivery(t, after, 30_000);
      // Delivered by the same Worker object: nothing was restarted.
      expect(worker.service.workers[DELIVERY_QUEUE]).toBe(consumer);
      expect(consumer.isRunning()).toBe(true);
      expect(completed).toEqual(expect.arrayContaining([(await webhookDelivery(t, before)).id, delivered.id]));
      expect(sink.requests.map((r) => r.path)).toEqual(['/before', '/after']);
    }, 90_000);
  });
});
