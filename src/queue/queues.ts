import type { ConnectionOptions, Job, JobsOptions, WorkerOptions } from 'bullmq';
import type { Env } from '../config/env';

/** A queue's full settings, so none silently runs on BullMQ defaults. */
export interface QueueSettings {
  jobs: JobsOptions;
  worker: Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount' | 'drainDelay'>;
}

interface QueueDeclaration {
  /** Every job name the queue carries; the worker must have a handler for each, or it does not start. */
  jobNames: readonly string[];
  settings(env: Env): QueueSettings;
}

export const SCAN_QUEUE = 'reminder-scan';
export const DELIVERY_QUEUE = 'reminder-delivery';
export const SCAN_JOB = { daily: 'daily-scan', manual: 'scan' } as const;
export const DELIVER_JOB = 'deliver';
export const DAILY_SCAN_SCHEDULER = 'daily-reminder-scan';

function stalledSettings(env: Env): Omit<QueueSettings['worker'], 'concurrency'> {
  return {
    lockDuration: env.WORKER_LOCK_MS,
    stalledInterval: Math.max(500, Math.floor(env.WORKER_LOCK_MS / 2)),
    // A job whose worker died is taken over (not failed) this many times: a crash is not the job's fault.
    maxStalledCount: 3,
    drainDelay: 5,
  };
}

/**
 * Every queue, keyed by its name, with its job names and settings: the producers, the worker, bull-board and
 * shutdown all read this record, so a queue is added here and nowhere else by hand. Jobs are small and
 * idempotent: PostgreSQL holds the truth, a lost or repeated job costs a delay, never a missing or double reminder.
 */
export const QUEUE_DECLARATIONS = {
  [SCAN_QUEUE]: {
    jobNames: [SCAN_JOB.daily, SCAN_JOB.manual],
    settings: (env: Env): QueueSettings => ({
      jobs: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 60_000 },
        removeOnComplete: { age: 30 * 24 * 3600, count: 1000 },
        removeOnFail: { age: 90 * 24 * 3600 },
      },
      worker: { concurrency: 1, ...stalledSettings(env) },
    }),
  },
  [DELIVERY_QUEUE]: {
    jobNames: [DELIVER_JOB],
    settings: (env: Env): QueueSettings => ({
      jobs: {
        // Defaults: retries after 30 s, 1, 2, 4, 8 min (~15 min in all); then failed, for a supervisor to retry.
        attempts: env.DELIVERY_ATTEMPTS,
        backoff: { type: 'exponential', delay: env.DELIVERY_BACKOFF_MS },
        removeOnComplete: { age: 30 * 24 * 3600, count: 10_000 },
        removeOnFail: { age: 90 * 24 * 3600 },
      },
      worker: { concurrency: 5, ...stalledSettings(env) },
    }),
  },
} as const satisfies Record<string, QueueDeclaration>;

export type QueueName = keyof typeof QUEUE_DECLARATIONS;
export const QUEUE_NAMES = Object.keys(QUEUE_DECLARATIONS) as QueueName[];

export type JobHandler = (job: Job) => Promise<unknown>;
/** What the worker runs: a handler for every job name of every queue. */
export type QueueHandlers = { [Q in QueueName]: Record<(typeof QUEUE_DECLARATIONS)[Q]['jobNames'][number], JobHandler> };

/**
 * What keeps the worker from starting: a declared queue without handlers, a declared job name without one, or a
 * handler for a queue or job nobody declared (a typo would leave the real job unhandled). Empty when complete.
 */
export function handlerProblems(handlers: Readonly<Record<string, Readonly<Record<string, JobHandler>> | undefined>>): string[] {
  const problems: string[] = [];
  for (const name of QUEUE_NAMES) {
    const byJob = handlers[name];
    if (!byJob) {
      problems.push(`queue ${name} has no handler`);
      continue;
    }
    const declared: readonly string[] = QUEUE_DECLARATIONS[name].jobNames;
    for (const job of declared) if (typeof byJob[job] !== 'function') problems.push(`job ${job} on queue ${name} has no handler`);
    for (const job of Object.keys(byJob)) if (!declared.includes(job)) problems.push(`handler for undeclared job ${job} on queue ${name}`);
  }
  for (const name of Object.keys(handlers)) if (!(name in QUEUE_DECLARATIONS)) problems.push(`handler for undeclared queue ${name}`);
  return problems;
}

/** Throws, naming every problem, unless each declared queue and job name has exactly its handler. */
export function assertEveryJobHandled(handlers: Readonly<Record<string, Readonly<Record<string, JobHandler>> | undefined>>): void {
  const problems = handlerProblems(handlers);
  if (problems.length > 0) throw new Error(`The worker refuses to start: ${problems.join('; ')} (see src/queue/queues.ts)`);
}

/**
 * BullMQ needs maxRetriesPerRequest: null so blocking commands wait out a Redis restart instead of failing.
 * Keep bullmq >= 6.7: before it, an outage longer than drainDelay + 1 s left an idle worker's blocking client
 * "reconnecting" forever (bullmq issue #4585); test/reminders-resilience.e2e-spec.ts restarts Redis to prove it.
 */
export function bullConnection(env: Env): ConnectionOptions {
  return { url: env.REDIS_URL, maxRetriesPerRequest: null, enableReadyCheck: true };
}

/**
 * Producers (Queue: add, schedulers, counts) never block, so unlike a Worker's connection theirs is bounded like
 * any request's: adding a job while Redis is frozen or down fails within REQUEST_TIMEOUT_MS instead of hanging.
 */
export function bullProducerConnection(env: Env): ConnectionOptions {
  return { url: env.REDIS_URL, maxRetriesPerRequest: 1, commandTimeout: env.REQUEST_TIMEOUT_MS, connectTimeout: env.REQUEST_TIMEOUT_MS };
}

export function bullPrefix(env: Env): string {
  return `${env.QUEUE_PREFIX}:bull`;
}

/** Workers count the jobs they saw stalled here, in Redis, so any api process can report them (GET /metrics). */
export const stalledJobsKey = (queue: string) => `metrics:stalled:${queue}`;
