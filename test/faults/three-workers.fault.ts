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
    const schedulers = await queue.getJobSchedulers();
    // Stop the schedule, then let the last tick's scan finish before counting.
    await queue.removeJobScheduler(DAILY_SCAN_SCHEDULER);
    await sleep(3000);

    const jobs = (await queue.getJobs(['completed', 'failed', 'active', 'wait', 'delayed'])).filter((job) => job.name === SCAN_JOB.daily);
    // A scheduler's job id is repeat:<scheduler>:<tick in ms>.
    const ticks = new Set(jobs.map((job) => String(job.id).replace(`repeat:${DAILY_SCAN_SCHEDULER}:`, '')));
    const byWorker = workers.map((worker) => worker.output.filter((line) => /Reminder scan 2021-10-08/.test(line)).length);
    const scans = byWorker.reduce((a, b) => a + b, 0);
    const completed = jobs.filter((job) => job.finishedOn && !job.failedReason);
    console.log(
      `fault 6: 3 worker processes started at once, schedule ${TICK_CRON}, ${RUN_MS / 1000} s: ` +
        `${schedulers.length} scheduler(s) registered; ${jobs.length} scheduled scan jobs for ${ticks.size} ticks; ` +
        `${scans} scans run (per worker: ${byWorker.join(', ')}); ${completed.length} completed`,
    );
    // One schedule, though three workers registered it.
    expect(schedulers.map((s) => s.key)).toEqual([DAILY_SCAN_SCHEDULER]);
    expect(await queue.getJobSchedulers()).toEqual([]);
    expect([...ticks].every((tick) => /^\d+$/.test(tick))).toBe(true);
    expect(workers.every((worker) => worker.output.some((line) => /Daily scan scheduled/.test(line)))).toBe(true);
    expect(ticks.size).toBeGreaterThan(5);
    // One job per tick, and one scan per job.
    expect(jobs.length).toBe(ticks.size);
    expect(completed.length).toBe(jobs.length);
    expect(scans).toBe(jobs.length);
    // The reminders the ticks made exist once each in PostgreSQL.
    const [{ reminders, keys }] = await t.dataSource.query(`SELECT count(*)::int AS reminders, count(DISTINCT unique_key)::int AS keys FROM reminder`);
    expect(reminders).toBe(keys);
  }, 300_000);
});
