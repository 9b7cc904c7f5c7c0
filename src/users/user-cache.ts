import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ExpiringCache } from '../common/expiring-cache';
import { Env } from '../config/env';
import { loadTokenHolder, type TokenHolder } from './user.repository';

/** Most users one process remembers; past it the least recently loaded is forgotten. */
export const USER_CACHE_MAX_ENTRIES = 10_000;

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
