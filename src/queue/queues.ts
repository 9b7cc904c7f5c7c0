import type { ConnectionOptions, JobsOptions, WorkerOptions } from 'bullmq';
import type { Env } from '../config/env';

/**
 * Every queue with its full settings, in one place, so none silently runs on BullMQ defaults.
 * Jobs are small and idempotent: PostgreSQL holds the truth, a lost or repeated job costs a delay, never a
 * missing or double reminder.
 */
export interface QueueDeclaration {
  name: string;
  jobs: JobsOptions;
  worker: Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount' | 'drainDelay'>;
}

export const SCAN_JOB = { daily: 'daily-scan', manual: 'scan' } as const;
export const DELIVER_JOB = 'deliver';
export const DAILY_SCAN_SCHEDULER = 'daily-reminder-scan';

export function queueDeclarations(env: Env): { scan: QueueDeclaration; delivery: QueueDeclaration } {
  const stalled = {
    lockDuration: env.WORKER_LOCK_MS,
    stalledInterval: Math.max(500, Math.floor(env.WORKER_LOCK_MS / 2)),
    // A job whose worker died is taken over (not failed) this many times: a crash is not the job's fault.
    maxStalledCount: 3,
    drainDelay: 5,
  };
  return {
    scan: {
      name: 'reminder-scan',
      jobs: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 60_000 },
        removeOnComplete: { age: 30 * 24 * 3600, count: 1000 },
        removeOnFail: { age: 90 * 24 * 3600 },
      },
      worker: { concurrency: 1, ...stalled },
    },
    delivery: {
      name: 'reminder-delivery',
      jobs: {
        // Defaults: retries after 30 s, 1, 2, 4, 8 min (~15 min in all); then failed, for a supervisor to retry.
        attempts: env.DELIVERY_ATTEMPTS,
        backoff: { type: 'exponential', delay: env.DELIVERY_BACKOFF_MS },
        removeOnComplete: { age: 30 * 24 * 3600, count: 10_000 },
        removeOnFail: { age: 90 * 24 * 3600 },
      },
      worker: { concurrency: 5, ...stalled },
    },
  };
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
