import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Redis } from 'ioredis';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { QUEUES, type Queues } from '../queue/queue.module';
import { stalledJobsKey } from '../queue/queues';
import { REDIS } from '../queue/redis.module';
import { metricsAccessRule } from './metrics-access';
import { MetricsRepository } from './metrics.repository';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Reads that may fail while a server is away: the scrape still answers, without those figures. */
async function quietly(collect: () => Promise<void>): Promise<void> {
  await collect().catch(() => undefined);
}

/**
 * GET /metrics in Prometheus text format for an operator's scraper (not part of the API, so neither in the
 * OpenAPI document nor behind the login): HTTP latency by route, queue depth by state, stalled jobs, reminders
 * created and deliveries by status. 404 while neither METRICS_TOKEN nor METRICS_ALLOW is set, 403 to others.
 */
export function mountMetrics(app: NestFastifyApplication): void {
  const env = app.get(Env);
  const queues = app.get<Queues>(QUEUES);
  const redis = app.get<Redis>(REDIS);
  const counts = new MetricsRepository(app.get(DataSource));
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const latency = new Histogram({
    name: 'duban_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'duban_queue_jobs',
    help: 'Jobs in each BullMQ queue by state (failed: given up after every attempt)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const queue of Object.values(queues)) {
        await quietly(async () => {
          const counts = await queue.getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        });
      }
    },
  });
  new Counter({
    name: 'duban_queue_stalled_jobs_total',
    help: 'Jobs taken over from a worker that died or hung (counted by the workers)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      // Reset once: each queue adds its own count below.
      this.reset();
      for (const queue of Object.values(queues)) {
        await quietly(async () => {
          this.inc({ queue: queue.name }, Number((await redis.get(stalledJobsKey(queue.name))) ?? 0));
        });
      }
    },
  });
  new Gauge({
    name: 'duban_reminders',
    help: 'Reminders created, by kind (PostgreSQL holds every one)',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      await quietly(async () => {
        const rows = await counts.remindersByKind();
        this.reset();
        for (const row of rows) this.set({ kind: row.kind }, row.count);
      });
    },
  });
  new Gauge({
    name: 'duban_reminder_deliveries',
    help: 'Digest deliveries by channel and status (failed: every attempt failed)',
    labelNames: ['channel', 'status'],
    registers: [registry],
    async collect() {
      await quietly(async () => {
        const rows = await counts.deliveriesByChannelAndStatus();
        this.reset();
        for (const row of rows) this.set({ channel: row.channel, status: row.status }, row.count);
      });
    },
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    latency.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  const access = metricsAccessRule(env);
  fastify.get('/metrics', async (request, reply) => {
    const decision = access(request.headers.authorization, request.ip);
    if (decision !== 'allowed') {
      const [statusCode, code, message] = decision === 'disabled' ? [404, 'NOT_FOUND', '资源不存在'] : [403, 'FORBIDDEN', '没有权限'];
      return reply.status(statusCode).send({ statusCode, code, message, correlationId: String(request.id) });
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
