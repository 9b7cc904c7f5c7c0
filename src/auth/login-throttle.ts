import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { TooManyRequestsError } from '../common/domain-errors';
import { Env } from '../config/env';
import { REDIS } from '../queue/redis.module';

/**
 * Counts failed logins per username and per client IP in Redis, so the limit holds across every api process.
 * A counter lives for one window from its first failure; a success clears the username's counter.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly env: Env,
  ) {}

  async assertAllowed(username: string, ip: string): Promise<void> {
    const keys = [userKey(username), ipKey(ip)];
    const limits = [this.env.LOGIN_MAX_FAILURES_PER_USER, this.env.LOGIN_MAX_FAILURES_PER_IP];
    const results = await this.redis.multi().get(keys[0]!).get(keys[1]!).pttl(keys[0]!).pttl(keys[1]!).exec();
    const [userCount, ipCount, userTtl, ipTtl] = (results ?? []).map(([, value]) => Number(value ?? 0));
    const blocked = [
      (userCount ?? 0) >= limits[0]! ? (userTtl ?? 0) : 0,
      (ipCount ?? 0) >= limits[1]! ? (ipTtl ?? 0) : 0,
    ];
    const waitMs = Math.max(...blocked);
    if (waitMs > 0) throw new TooManyRequestsError(Math.ceil(waitMs / 1000));
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const window = this.env.LOGIN_WINDOW_SECONDS;
    await this.redis
      .multi()
      .incr(userKey(username))
      .expire(userKey(username), window, 'NX')
      .incr(ipKey(ip))
      .expire(ipKey(ip), window, 'NX')
      .exec();
  }

  async recordSuccess(username: string): Promise<void> {
    await this.redis.del(userKey(username));
  }
}

const userKey = (username: string) => `login-failures:user:${username}`;
const ipKey = (ip: string) => `login-failures:ip:${ip}`;
