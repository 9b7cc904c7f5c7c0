import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { TooManyRequestsError } from '../common/domain-errors';
import { Env } from '../config/env';
import { REDIS } from '../queue/redis.module';

/** Takes back counted attempts; a counter that drops to nothing (or had already expired) is removed. */
const UNCOUNT = `for _, key in ipairs(KEYS) do
  if redis.call('DECR', key) <= 0 then redis.call('DEL', key) end
end`;

/**
 * Counts login attempts per username and per client IP in Redis, so the limit holds across every api process.
 * An attempt is counted before its password is checked, in one atomic step with the limit check: checking first
 * and counting after the (slow) password check let guesses sent in parallel all pass. A success or a refusal
 * takes its attempt back, so only failures stay counted; a counter lives for one window from its first attempt.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly env: Env,
  ) {}

  /** Counts the attempt, or refuses it (429) when the username or the address has no tries left. */
  async begin(username: string, ip: string): Promise<void> {
    const keys = [userKey(username), ipKey(ip)] as const;
    const window = this.env.LOGIN_WINDOW_SECONDS;
    const results = await this.redis
      .multi()
      .incr(keys[0])
      .expire(keys[0], window, 'NX')
      .incr(keys[1])
      .expire(keys[1], window, 'NX')
      .pttl(keys[0])
      .pttl(keys[1])
      .exec();
    if (!results) throw new Error('login throttle: the Redis transaction was aborted');
    const [userCount, , ipCount, , userTtl, ipTtl] = results.map(([error, value]) => {
      if (error) throw error;
      return Number(value);
    }) as [number, number, number, number, number, number];
    const userBlocked = userCount > this.env.LOGIN_MAX_FAILURES_PER_USER;
    const ipBlocked = ipCount > this.env.LOGIN_MAX_FAILURES_PER_IP;
    if (!userBlocked && !ipBlocked) return;
    await this.uncount(...keys);
    const waitMs = Math.max(userBlocked ? userTtl : 0, ipBlocked ? ipTtl : 0);
    throw new TooManyRequestsError(Math.max(1, Math.ceil(waitMs / 1000)));
  }

  /** The attempt was right: the username starts afresh and the address gets its try back. */
  async succeeded(username: string, ip: string): Promise<void> {
    await this.redis.del(userKey(username));
    await this.uncount(ipKey(ip));
  }

  private async uncount(...keys: string[]): Promise<void> {
    await this.redis.eval(UNCOUNT, keys.length, ...keys);
  }
}

const userKey = (username: string) => `login-failures:user:${username}`;
const ipKey = (ip: string) => `login-failures:ip:${ip}`;
