import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

const KEY_PATTERN = 'worker:heartbeat:';
const TTL_SECONDS = 30;

/** Written by every worker process every 10 s; readiness counts the keys that have not expired. */
export function heartbeatKey(): string {
  return `${KEY_PATTERN}${hostname()}:${process.pid}`;
}

export async function beat(redis: Redis): Promise<void> {
  await redis.set(heartbeatKey(), new Date().toISOString(), 'EX', TTL_SECONDS);
}

export async function countLiveWorkers(redis: Redis): Promise<number> {
  const prefix = redis.options.keyPrefix ?? '';
  let cursor = '0';
  let count = 0;
  do {
    // SCAN does not apply keyPrefix, so the pattern carries it.
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}${KEY_PATTERN}*`, 'COUNT', 100);
    cursor = next;
    count += keys.length;
  } while (cursor !== '0');
  return count;
}
