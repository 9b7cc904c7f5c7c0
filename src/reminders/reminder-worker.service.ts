import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { runAsSystem } from '../auth/request-context';
import { Env } from '../config/env';
import {
  bullConnection,
  bullPrefix,
  DAILY_SCAN_SCHEDULER,
  DELIVER_JOB,
  queueDeclarations,
  SCAN_JOB,
  stalledJobsKey,
  type QueueDeclaration,
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
  private scanWorker?: Worker;
  private deliveryWorker?: Worker;
  /** Settles once the daily schedule is registered and unsent digests are queued again (or that failed). */
  ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly env: Env,
    @Inject(QUEUES) private readonly queues: Queues,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly scanner: ReminderScanService,
    private readonly delivery: DeliveryService,
  ) {}

  /** The running consumers, for health checks and tests. */
  get workers(): { scan?: Worker; delivery?: Worker } {
    return { scan: this.scanWorker, delivery: this.deliveryWorker };
  }

  onApplicationBootstrap(): void {
    const declared = queueDeclarations(this.env);
    this.scanWorker = this.start(declared.scan, (job) => this.processScan(job));
    this.deliveryWorker = this.start(declared.delivery, (job) => this.processDelivery(job));
    this.deliveryWorker.on('failed', (job, error) => void this.recordGivenUp(job, error));
    if (!this.env.WEBHOOK_SECRET) this.logger.warn('WEBHOOK_SECRET is not set: webhook digests go out unsigned');
    // Not awaited: with Redis down these wait for it, and the process must still start (and stop) meanwhile.
    this.ready = this.catchUp();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.scanWorker?.close(), this.deliveryWorker?.close()]);
  }

  private start(declaration: QueueDeclaration, processor: (job: Job) => Promise<unknown>): Worker {
    const worker = new Worker(declaration.name, (job: Job) => runAsSystem(() => processor(job)), {
      connection: bullConnection(this.env),
      prefix: bullPrefix(this.env),
      name: `${hostname()}:${process.pid}`,
      ...declaration.worker,
    });
    worker.on('failed', (job, error) => {
      const attempts = job?.opts.attempts ?? 1;
      this.logger.warn(`${declaration.name} job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}/${attempts}): ${error.message}`);
    });
    worker.on('stalled', (jobId) => {
      this.logger.warn(`${declaration.name} job ${jobId} stalled (its worker died?): taken over`);
      void this.redis.incr(stalledJobsKey(declaration.name)).catch(() => undefined);
    });
    // BullMQ reconnects by itself; an unhandled 'error' event would kill the process instead.
    worker.on('error', (error) => this.logThrottled(`${declaration.name}: ${error.message}`));
    return worker;
  }

  private async processScan(job: Job<{ asOf?: string }>): Promise<unknown> {
    switch (job.name) {
      case SCAN_JOB.daily:
      case SCAN_JOB.manual:
        // The daily job carries no date: it scans "today"; the scan itself skips non-working days.
        return this.scanner.scan(job.data?.asOf);
      default:
        throw new UnrecoverableError(`Unknown job ${job.name} on the scan queue`);
    }
  }

  private async processDelivery(job: Job<{ deliveryId: string }>): Promise<unknown> {
    switch (job.name) {
      case DELIVER_JOB:
        return this.delivery.deliver(job.data.deliveryId, { attemptsMade: job.attemptsMade, attempts: job.opts.attempts ?? 1 });
      default:
        throw new UnrecoverableError(`Unknown job ${job.name} on the delivery queue`);
    }
  }

  /** Registers the schedule (idempotent across workers) and re-queues digests a downtime left unsent. */
  private async catchUp(): Promise<void> {
    try {
      await this.queues.scan.upsertJobScheduler(
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
