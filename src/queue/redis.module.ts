import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Env } from '../config/env';

export const REDIS = Symbol('REDIS');

/** One shared client for commands (health, heartbeats, locks). BullMQ opens its own blocking connections. */
export function createRedis(env: Env): Redis {
  return new Redis(env.REDIS_URL, {
    keyPrefix: `${env.QUEUE_PREFIX}:`,
    // Fail a command quickly while Redis is down instead of queueing it forever; callers report "down".
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // A frozen Redis keeps the socket open: without a command timeout a command would wait for the whole outage.
    commandTimeout: env.REQUEST_TIMEOUT_MS,
    connectTimeout: env.REQUEST_TIMEOUT_MS,
  });
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [Env],
      useFactory: (env: Env) => {
        const redis = createRedis(env);
        redis.on('error', () => undefined); // reconnects by itself; health reports the outage
        return redis;
      },
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
