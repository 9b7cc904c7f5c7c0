import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Env } from '../config/env';
import { bullConnection, bullPrefix, bullProducerConnection, queueDeclarations } from './queues';

export const QUEUES = Symbol('QUEUES');

/** bounded: adding a job fails within REQUEST_TIMEOUT_MS while Redis is away; waiting: it waits for Redis. */
export type QueueProducerMode = 'bounded' | 'waiting';

export interface Queues {
  scan: Queue;
  delivery: Queue;
}

@Injectable()
class QueueCloser implements OnApplicationShutdown {
  constructor(@Inject(QUEUES) private readonly queues: Queues) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.queues.scan.close(), this.queues.delivery.close()]);
  }
}

/** Producers for the api and the worker; the worker module adds the consumers. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(mode: QueueProducerMode): DynamicModule {
    return {
      module: QueueModule,
      providers: [
        {
          provide: QUEUES,
          inject: [Env],
          useFactory: (env: Env): Queues => {
            const declared = queueDeclarations(env);
            const connection = mode === 'bounded' ? bullProducerConnection(env) : bullConnection(env);
            const open = (d: typeof declared.scan) => new Queue(d.name, { connection, prefix: bullPrefix(env), defaultJobOptions: d.jobs });
            const queues = { scan: open(declared.scan), delivery: open(declared.delivery) };
            // Errors surface in readiness and job retries; an unhandled 'error' event would crash the process.
            queues.scan.on('error', () => undefined);
            queues.delivery.on('error', () => undefined);
            return queues;
          },
        },
        QueueCloser,
      ],
      exports: [QUEUES],
    };
  }
}
