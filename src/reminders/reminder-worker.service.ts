import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { runAsSystem } from '../access/request-context';
import { Env } from '../config/env';
import {
  assertEveryJobHandled,
  bullConnection,
  bullPrefix,
  DAILY_SCAN_SCHEDULER,
  DELIVER_JOB,
  DELIVERY_QUEUE,
  QUEUE_DECLARATIONS,
  QUEUE_NAMES,
  SCAN_JOB,
  SCAN_QUEUE,
  stalledJobsKey,
  type JobHandler,
  type QueueHandlers,
  type QueueName,
} from '../queue/queues';
import { QUEUES, type Queues } from '../queue/queue.module';
import { REDIS } from '../queue/redis.module';
import { DeliveryService } from './delivery/delivery.service';
import { ReminderScanService } from './reminder-scan.service';

/** Identical Redis errors repeat every few hundred ms during an outage; one line per minute says enough. */
const ERROR_LOG_INTERVAL_MS = 60_000;

/**
 * The worker process's consumers: the daily scan (and its schedule) and the digest deliveries. Jobs run as the
 * system actor. Closing drains: active jobs finish (a webhook is bounded by its timeout) before the process exits.
 */
@Injectable()
export class ReminderWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('reminder-worker');
  private readonly lastErrorLog = new Map<string, number>();
  private consumers: Partial<Record<QueueName, Worker>> = {};
  /** Settles once the daily schedule is registered and unsent digests are queued again (or that failed). */
  ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly env: Env,
    @Inject(QUEUES) private readonly queues: Queues,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly scanner: ReminderScanService,
    private readonly delivery: DeliveryService,
  ) {}

  /** The running consumers by queue name, for tests. */
  get workers(): Partial<Record<QueueName, Worker>> {
    return this.consumers;
  }

  /** A handler for every job name of every queue declared in src/queue/queues.ts. */
  protected handlers(): QueueHandlers {
    // The daily job carries no date: it scans "today"; the scan itself skips non-working days.
    const scan = (job: Job<{ asOf?: string }>) => this.scanner.scan(job.data?.asOf);
    return {
      [SCAN_QUEUE]: { [SCAN_JOB.daily]: scan, [SCAN_JOB.manual]: scan },
      [DELIVERY_QUEUE]: {
        [DELIVER_JOB]: (job: Job<{ deliveryId: string }>) =>
          this.delivery.deliver(job.data.deliveryId, { attemptsMade: job.attemptsMade, attempts: job.opts.attempts ?? 1 }),
      },
    };
  }

  onApplicationBootstrap(): void {
    const handlers: Record<string, Record<string, JobHandler>> = this.handlers();
    // Before any consumer starts: a job without a handler would otherwise fail only when it comes.
    assertEveryJobHandled(handlers);
    for (const name of QUEUE_NAMES) this.consumers[name] = this.start(name, handlers[name]!);
    this.consumers[DELIVERY_QUEUE]!.on('failed', (job, error) => void this.recordGivenUp(job, error));
    if (!this.env.WEBHOOK_SECRET) this.logger.warn('WEBHOOK_SECRET is not set: webhook digests go out unsigned');
    // Not awaited: with Redis down these wait for it, and the process must still start (and stop) meanwhile.
    this.ready = this.catchUp();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.consumers).map((worker) => worker.close()));
  }

  /** A consumer that runs each job's handler by job name, as the system actor. */
  private start(name: QueueName, handlers: Record<string, JobHandler>): Worker {
    const processor = async (job: Job) => {
      const handler = handlers[job.name];
      // Only a job queued by another version of the code can get here: retrying cannot help it.
      if (!handler) throw new UnrecoverableError(`Unknown job ${job.name} on queue ${name}`);
      return runAsSystem(() => handler(job));
    };
    const worker = new Worker(name, processor, {
      connection: bullConnection(this.env),
      prefix: bullPrefix(this.env),
      name: `${hostname()}:${process.pid}`,
      ...QUEUE_DECLARATIONS[name].settings(this.env).worker,
    });
    worker.on('failed', (job, error) => {
      const attempts = job?.opts.attempts ?? 1;
      this.logger.warn(`${name} job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}/${attempts}): ${error.message}`);
    });
    worker.on('stalled', (jobId) => {
      this.logger.warn(`${name} job ${jobId} stalled (its worker died?): taken over`);
      void this.redis.incr(stalledJobsKey(name)).catch(() => undefined);
    });
    // BullMQ reconnects by itself; an unhandled 'error' event would kill the process instead.
    worker.on('error', (error) => this.logThrottled(`${name}: ${error.message}`));
    return worker;
  }

  /** Registers the schedule (idempotent across workers) and re-queues digests a downtime left unsent. */
  private async catchUp(): Promise<void> {
    try {
      await this.queues[SCAN_QUEUE].upsertJobScheduler(
        DAILY_SCAN_SCHEDULER,
        { pattern: this.env.REMINDER_CRON, tz: this.env.REMINDER_TZ },
        { name: SCAN_JOB.daily },
      );
      const queued = await runAsSystem(() => this.scanner.enqueuePending());
      this.logger.log(`Daily scan scheduled (${this.env.REMINDER_CRON} ${this.env.REMINDER_TZ}); ${queued} unsent digests queued`);
    } catch (error) {
      this.logger.error(`Reminder schedule or catch-up failed: ${(error as Error).message}`);
    }
  }

  /**
   * An attempt that fails for good marks its delivery failed itself. This covers a job BullMQ fails without an
   * attempt: one whose workers died more often than maxStalledCount allows.
   */
  private async recordGivenUp(job: Job<{ deliveryId: string }> | undefined, error: Error): Promise<void> {
    if (!job || job.name !== DELIVER_JOB) return;
    if (error.name !== 'UnrecoverableError' && job.attemptsMade < (job.opts.attempts ?? 1)) return;
    try {
      const reason = /stalled/.test(error.message) ? `发送进程多次意外中断，已停止重试（${error.message}）` : error.message;
      await this.delivery.markFailed(job.data.deliveryId, reason);
    } catch (failure) {
      this.logger.error(`Could not mark delivery ${job.data.deliveryId} failed: ${(failure as Error).message}`);
    }
  }

  private logThrottled(message: string): void {
    const now = Date.now();
    if (now - (this.lastErrorLog.get(message) ?? 0) < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLog.set(message, now);
    this.logger.error(message);
  }
}
