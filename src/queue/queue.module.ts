import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Env } from '../config/env';
import { bullConnection, bullPrefix, bullProducerConnection, QUEUE_DECLARATIONS, QUEUE_NAMES, type QueueName } from './queues';

export const QUEUES = Symbol('QUEUES');

/** bounded: adding a job fails within REQUEST_TIMEOUT_MS while Redis is away; waiting: it waits for Redis. */
export type QueueProducerMode = 'bounded' | 'waiting';

/** A producer for every declared queue, by name. */
export type Queues = Record<QueueName, Queue>;
@Injectable()
class QueueCloser implements OnApplicationShutdown {
  constructor(@Inject(QUEUES) private readonly queues: Queues) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((queue) => queue.close()));
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
            const connection = mode === 'bounded' ? bullProducerConnection(env) : bullConnection(env);
            const open = (name: QueueName) => {
              const queue = new Queue(name, {
                connection,
                prefix: bullPrefix(env),
                defaultJobOptions: QUEUE_DECLARATIONS[name].settings(env).jobs,
              });
              // Errors surface in readiness and job retries; an unhandled 'error' event would crash the process.
              queue.on('error', () => undefined);
              return [name, queue] as const;
            };
            return Object.fromEntries(QUEUE_NAMES.map(open)) as Queues;
          },
        },
        QueueCloser,
      ],
      exports: [QUEUES],
    };
  }
}
