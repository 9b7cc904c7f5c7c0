import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

const KEY_PATTERN = 'worker:heartbeat:';
/** A worker that stops beating (killed, frozen) drops out of the count this long after its last beat. */
export const HEARTBEAT_TTL_SECONDS = 15;

/** Written by every worker process every 5 s; readiness counts the keys that have not expired. */
export function heartbeatKey(): string {
  return `${KEY_PATTERN}${hostname()}:${process.pid}`;
}

export async function beat(redis: Redis): Promise<void> {
  await redis.set(heartbeatKey(), new Date().toISOString(), 'EX', HEARTBEAT_TTL_SECONDS);
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
