import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { loadTokenHolder, type TokenHolder } from './user.repository';

/** Most users one process remembers; past it the least recently loaded is forgotten. */
export const USER_CACHE_MAX_ENTRIES = 10_000;

/**
 * A bounded map whose entries live `ttlMs` from when they were loaded (0: nothing is kept). Loads for one key
 * are not coalesced: a few concurrent first requests each read PostgreSQL once.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    const value = await load();
    this.entries.delete(key);
    if (this.ttlMs > 0) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    }
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The user behind each request, remembered for USER_CACHE_TTL_MS (default 5 s) per process, so the guard does not
 * read PostgreSQL on every request. The bound: a password, role, unit or status change (each bumps the token
 * version) ends older tokens at once in the process that made it (it forgets the user) and within the TTL in
 * every other api process.
 */
@Injectable()
export class UserCache {
  private readonly cache: ExpiringCache<TokenHolder | null>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    env: Env,
  ) {
    this.cache = new ExpiringCache(env.USER_CACHE_TTL_MS, USER_CACHE_MAX_ENTRIES);
  }

  get(userId: string): Promise<TokenHolder | null> {
    return this.cache.get(userId, () => loadTokenHolder(this.dataSource, userId));
  }

  /** After a change that commits: this process stops trusting what it remembered. */
  forget(userId: string): void {
    this.cache.forget(userId);
  }
}
