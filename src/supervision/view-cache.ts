import { Injectable, Logger } from '@nestjs/common';
import { currentActor } from '../access/permissions';
import { Env } from '../config/env';
import { ViewChangeRepository } from './view-change.repository';

/** The longest an answer is kept, whatever happens: well inside the day view_change keeps its rows. */
export const MAX_AGE_MS = 60 * 60 * 1000;
/** How often a process prunes view_change. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

interface Entry {
  /** The snapshot taken before the answer was computed: every change it sees, the answer saw. */
  snapshot: string;
  value: unknown;
  bytes: number;
  storedAt: number;
}

/**
 * The supervision views' answers (register page, overdue board, unit standings, summary), kept per process for the
 * view, plan, query and the caller's access (role, unit, organizations), and given again while nothing the view
 * reads of that plan has changed. Whether it has is asked of PostgreSQL on every request (ViewChangeRepository.probe:
 * one index probe of the change log that triggers on every table the views read fill), so a change committed by any
 * process before the request is always seen: there is no notification to miss and no window of stale answers. A
 * hit costs that probe instead of the view's statements; a miss costs the probe more than before.
 *
 * Bounded by VIEW_CACHE_BYTES (the answers' JSON size; 0 turns the cache off), least recently used first.
 * Answers are shared between requests: callers must not change them.
 */
@Injectable()
export class ViewCache {
  private readonly logger = new Logger('view-cache');
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly changes: ViewChangeRepository,
    private readonly env: Env,
  ) {}

  /**
   * The answer of `view` for `planId` and `query` (everything the answer depends on besides the plan's data and the
   * caller), from the cache when still good, else from `compute`, which runs every check and statement as before.
   */
  async answer<T>(view: string, planId: string, query: object, compute: () => Promise<T>): Promise<T> {
    const budget = this.env.VIEW_CACHE_BYTES;
    if (budget === 0) return compute();
    const key = cacheKey(view, planId, query);
    const entry = this.entries.get(key);
    const fresh = entry && Date.now() - entry.storedAt < MAX_AGE_MS ? entry : undefined;
    const probe = await this.changes.probe(planId, fresh?.snapshot ?? null);
    if (fresh && !probe.changed) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, fresh);
      return fresh.value as T;
    }
    this.forget(key);
    this.pruneHourly();
    const value = await compute();
    const bytes = JSON.stringify(value).length;
    if (bytes <= budget / 4) {
      this.forget(key);
      this.entries.set(key, { snapshot: probe.snapshot, value, bytes, storedAt: Date.now() });
      this.bytes += bytes;
      for (const [oldest] of this.entries) {
        if (this.bytes <= budget) break;
        this.forget(oldest);
      }
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private pruneHourly(): void {
    if (Date.now() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = Date.now();
    this.changes.prune().then(
      (rows) => rows > 0 && this.logger.log(`pruned ${rows} view changes older than a day`),
      (error: unknown) => this.logger.warn(`pruning view changes failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}

/** The view, plan, query (keys sorted) and the caller's access: role, unit and organizations. */
function cacheKey(view: string, planId: string, query: object): string {
  const { role, unitId, organizationId, organizationTree } = currentActor();
  const fields = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([view, planId, fields, role, unitId, organizationId, organizationTree]);
}
