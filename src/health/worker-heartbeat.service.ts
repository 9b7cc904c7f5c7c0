import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../queue/redis.module';
import { beat, HEARTBEAT_TTL_SECONDS, heartbeatKey } from './worker-heartbeat';

// A third of the TTL: two lost beats in a row do not make a live worker look dead.
const INTERVAL_MS = (HEARTBEAT_TTL_SECONDS * 1000) / 3;

/** Lets /health/ready say how many workers are alive: a silent worker means silent reminders. */
@Injectable()
export class WorkerHeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('worker');
  private timer?: NodeJS.Timeout;

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationBootstrap(): void {
    const tick = () => beat(this.redis).catch((error: Error) => this.logger.warn(`heartbeat failed: ${error.message}`));
    // The shared client refuses commands until connected; the first beat waits for it.
    if (this.redis.status === 'ready') void tick();
    else this.redis.once('ready', () => void tick());
    this.timer = setInterval(tick, INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.del(heartbeatKey()).catch(() => undefined);
  }
}
