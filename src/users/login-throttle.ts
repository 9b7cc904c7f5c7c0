import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { TooManyRequestsError } from '../common/domain-errors';
import { Env } from '../config/env';
import { REDIS } from '../queue/redis.module';

/** Which limit refused an attempt: one username from one address, one address, or the username from anywhere. */
export type ThrottleScope = 'address' | 'ip' | 'username';

/** The username-wide lock starts beyond what one address may try, so only guesses from several addresses reach it. */
const USERNAME_LIMIT_FACTOR = 2;
/** The username-wide lock after the limit is reached; it doubles with each further failure. */
const FIRST_LOCK_MS = 15_000;

/** How long an address where the user logged in stays "known" (passes a username-wide lock). */
const KNOWN_ADDRESS_DAYS = 90;

/**
 * One atomic step per attempt, before its password is checked (checking first and counting after let guesses
 * sent in parallel all pass). KEYS: pair (username+address), ip, username, username lock, known addresses.
 * ARGV: window s, pair limit, ip limit, address, username limit, lock cap ms, first lock ms.
 * Answers {scope, retryAfterMs} when refused (and takes the attempt back), {'ok', 0} when counted.
 */
const BEGIN = `
local function uncount(key) if redis.call('DECR', key) <= 0 then redis.call('DEL', key) end end
local window = tonumber(ARGV[1])
local pair = redis.call('INCR', KEYS[1]); redis.call('EXPIRE', KEYS[1], window, 'NX')
local ip = redis.call('INCR', KEYS[2]); redis.call('EXPIRE', KEYS[2], window, 'NX')
local refused = nil
if pair > tonumber(ARGV[2]) then refused = {'address', redis.call('PTTL', KEYS[1])}
elseif ip > tonumber(ARGV[3]) then refused = {'ip', redis.call('PTTL', KEYS[2])}
else
  local lock = redis.call('PTTL', KEYS[4])
  if lock > 0 and redis.call('SISMEMBER', KEYS[5], ARGV[4]) == 0 then refused = {'username', lock} end
end
if refused then uncount(KEYS[1]); uncount(KEYS[2]); return refused end
local user = redis.call('INCR', KEYS[3]); redis.call('EXPIRE', KEYS[3], window, 'NX')
local over = user - tonumber(ARGV[5])
if over >= 0 then
  local delay = math.min(tonumber(ARGV[7]) * 2 ^ math.min(over, 30), tonumber(ARGV[6]))
  redis.call('SET', KEYS[4], '1', 'PX', math.floor(delay), 'NX')
end
return {'ok', 0}`;

/** KEYS: pair, known addresses, ip, username. ARGV: address, known-address lifetime s. */
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
redis.call('SADD', KEYS[2], ARGV[1]); redis.call('EXPIRE', KEYS[2], tonumber(ARGV[2]))
for i = 3, 4 do if redis.call('DECR', KEYS[i]) <= 0 then redis.call('DEL', KEYS[i]) end end`;

const UNCOUNT = `for _, key in ipairs(KEYS) do
  if redis.call('DECR', key) <= 0 then redis.call('DEL', key) end
end`;

/**
 * Failed logins, counted in Redis so the limits hold across every api process:
 * - per username and address (LOGIN_MAX_FAILURES_PER_USER): one address guessing one account is stopped;
 * - per address (LOGIN_MAX_FAILURES_PER_IP): one address guessing many accounts is stopped;
 * - per username from all addresses together: from twice that limit on, a lock that doubles with each further
 *   failure (15 s, 30 s, 1 min … up to the window) slows a guessing run spread over many addresses, yet an address
 *   where the user has logged in before still passes it, so nobody can lock a user out with wrong passwords.
 * A success or a refusal takes its attempt back, so only failures stay counted; counters live for one window.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly env: Env,
  ) {}

  /** Counts the attempt, or refuses it (429 with Retry-After) naming the limit it hit. */
  async begin(username: string, ip: string): Promise<void> {
    const [scope, retryAfterMs] = (await this.redis
      .eval(
        BEGIN,
        5,
        ...countedKeys(username, ip),
        lockKey(username),
        knownKey(username),
        this.env.LOGIN_WINDOW_SECONDS,
        this.env.LOGIN_MAX_FAILURES_PER_USER,
        this.env.LOGIN_MAX_FAILURES_PER_IP,
        ip,
        USERNAME_LIMIT_FACTOR * this.env.LOGIN_MAX_FAILURES_PER_USER,
        this.env.LOGIN_WINDOW_SECONDS * 1000,
        FIRST_LOCK_MS,
      )
      .catch((error: unknown) => {
        // A frozen Redis runs a timed-out script once it wakes: without this, every login tried during the outage
        // would stay counted as a failure. Sent on the same connection, the take-back runs right after it.
        void this.abandon(username, ip).catch(() => undefined);
        throw error;
      })) as [string, number];
    if (scope === 'ok') return;
    throw new LoginThrottledError(scope as ThrottleScope, Math.max(1, Math.ceil(retryAfterMs / 1000)));
  }

  /** The attempt got no verdict (a server was away): it is taken back, not left counted as a failure. */
  async abandon(username: string, ip: string): Promise<void> {
    await this.redis.eval(UNCOUNT, 3, ...countedKeys(username, ip));
  }

  /** The attempt was right: its counts are taken back and the address becomes a known one for this user. */
  async succeeded(username: string, ip: string): Promise<void> {
    // One script: Redis frozen between two steps left the address's and the username's counts up after a success.
    await this.redis.eval(SUCCEEDED, 4, pairKey(username, ip), knownKey(username), ipKey(ip), userKey(username), ip, KNOWN_ADDRESS_DAYS * 86_400);
  }

  /** An admin's unlock: the username's failures from every address, and its lock, are forgotten. */
  async unlock(username: string): Promise<void> {
    const prefix = this.redis.options.keyPrefix ?? '';
    const pairs: string[] = [];
    let cursor = '0';
    do {
      // SCAN does not apply keyPrefix: the pattern carries it and the keys come back with it.
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}${pairKey(username, '*')}`, 'COUNT', 500);
      cursor = next;
      pairs.push(...keys.map((key) => key.slice(prefix.length)));
    } while (cursor !== '0');
    await this.redis.del(userKey(username), lockKey(username), ...pairs);
  }
}

export class LoginThrottledError extends TooManyRequestsError {
  constructor(
    readonly scope: ThrottleScope,
    readonly retryAfterSeconds: number,
  ) {
    super(retryAfterSeconds);
  }
}

// Usernames are [a-z0-9._-] and Chinese (USERNAME), so ':' separates safely; SCAN patterns escape nothing else.
const pairKey = (username: string, ip: string) => `login-failures:pair:${username}:${ip}`;
const ipKey = (ip: string) => `login-failures:ip:${ip}`;
const userKey = (username: string) => `login-failures:user:${username}`;
const lockKey = (username: string) => `login-lock:${username}`;
const knownKey = (username: string) => `login-known:${username}`;
const countedKeys = (username: string, ip: string) => [pairKey(username, ip), ipKey(ip), userKey(username)] as const;
