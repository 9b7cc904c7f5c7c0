import { Queue } from 'bullmq';
import { bullConnection, bullPrefix, DAILY_SCAN_SCHEDULER, SCAN_JOB, SCAN_QUEUE } from '../../src/queue/queues';
import { Env } from '../../src/config/env';
import { createImportedPlan, createUnit } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { sleep } from '../support/wait';
import { buildWorker, spawnWorker, workerEnv, type ChildWorker } from '../support/worker';

/** A tick every 2 s (cron with seconds), so a short run covers many ticks. */
const TICK_CRON = '*/2 * * * * *';
const RUN_MS = 30_000;

/**
 * Fault case 6: three worker processes started at the same moment against one Redis and one database. They must
 * register one schedule between them, and each tick of it must run one scan, on one of the three.
 */
describe('fault 6: three workers start at once', () => {
  let t: TestApp;
  let workers: ChildWorker[] = [];
  let queue: Queue;

  beforeAll(async () => {
    // The test app's key prefix is its own: the shared Redis's other schedules are not counted.
    t = await createTestApp({ CLOCK_TODAY: '2021-10-08', REMINDER_CRON: TICK_CRON });
    const env = t.app.get(Env);
    queue = new Queue(SCAN_QUEUE, { connection: bullConnection(env), prefix: bullPrefix(env) });
  }, 300_000);
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await queue?.close();
    await t?.close();
  });

  it('one scheduler, one scan per tick', async () => {
    const unit = await createUnit(t.app);
    await createImportedPlan(t.app, `一、调度\n1.推进工作。(责任单位:${unit.name};完成时限:2021年9月底前)`, { year: 2021 });
    const entry = buildWorker();
    workers = [0, 1, 2].map(() => spawnWorker(entry, workerEnv(t)));
    await Promise.all(workers.map((worker) => worker.waitForOutput(/Daily scan scheduled/, 120_000)));
    await sleep(RUN_MS);
    // Stop the three (each drains its running scan), then count: nothing runs while we do.
    await Promise.all(workers.map((worker) => worker.stop()));
    const schedulers = await queue.getJobSchedulers();
    const jobs = (await queue.getJobs(['completed', 'failed', 'active', 'wait', 'delayed'])).filter((job) => job.name === SCAN_JOB.daily);
    // A scheduler's job id is repeat:<scheduler>:<tick in ms>.
    const ticks = new Set(jobs.map((job) => String(job.id).replace(`repeat:${DAILY_SCAN_SCHEDULER}:`, '')));
    const byWorker = workers.map((worker) => worker.output.filter((line) => /Reminder scan 2021-10-08/.test(line)).length);
    const scans = byWorker.reduce((a, b) => a + b, 0);
    const completed = jobs.filter((job) => job.finishedOn && !job.failedReason);
    // Anything that could make one tick scan twice: a retried or stalled job, a warning or error of a worker.
    const rerun = jobs.filter((job) => job.attemptsMade > 1 || job.stalledCounter > 0).map((job) => `${job.id}: attempts ${job.attemptsMade}, stalled ${job.stalledCounter}`);
    const trouble = workers.flatMap((worker, i) => worker.output.filter((line) => /stalled|failed|ERROR/.test(line)).map((line) => `worker ${i + 1}: ${line}`));
    console.log(
      `fault 6: 3 worker processes started at once, schedule ${TICK_CRON}, ${RUN_MS / 1000} s: ` +
        `${schedulers.length} scheduler(s) registered; ${jobs.length} scheduled scan jobs for ${ticks.size} ticks; ` +
        `${scans} scans run (per worker: ${byWorker.join(', ')}); ${completed.length} completed` +
        (rerun.length + trouble.length > 0 ? `\n  ${[...rerun, ...trouble].join('\n  ')}` : ''),
    );
    // One schedule, though three workers registered it.
    expect(schedulers.map((s) => s.key)).toEqual([DAILY_SCAN_SCHEDULER]);
    expect([...ticks].every((tick) => /^\d+$/.test(tick))).toBe(true);
    expect(workers.every((worker) => worker.output.some((line) => /Daily scan scheduled/.test(line)))).toBe(true);
    expect(ticks.size).toBeGreaterThan(5);
    // One job per tick; every one run but the next tick's, waiting; one scan per job run.
    expect(jobs.length).toBe(ticks.size);
    expect(jobs.filter((job) => !job.finishedOn).length).toBe(1);
    expect(completed.length).toBe(jobs.length - 1);
    expect(rerun).toEqual([]);
    expect(scans).toBe(completed.length);
    // The reminders the ticks made exist once each in PostgreSQL.
    const [{ reminders, keys }] = await t.dataSource.query(`SELECT count(*)::int AS reminders, count(DISTINCT unique_key)::int AS keys FROM reminder`);
    expect(reminders).toBe(keys);
  }, 300_000);
});
