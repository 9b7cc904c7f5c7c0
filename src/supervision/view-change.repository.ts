import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { exec, one } from '../database/sql';

/** A snapshot of the database (pg_snapshot as text) and whether the plan changed since an earlier one. */
export interface ViewProbe {
  snapshot: string;
  changed: boolean;
}

/** How long view_change keeps a row: far longer than an answer is cached (ViewCache's MAX_AGE_MS). */
const KEPT = `interval '1 day'`;

/** A logged change of a plan, or of every plan (NULL), that the snapshot in $2 does not see. */
const unseen = (plan: string) => `EXISTS (
  SELECT 1 FROM view_change c
   WHERE c.plan_id ${plan} AND c.xid >= pg_snapshot_xmin($2::pg_snapshot) AND NOT pg_visible_in_snapshot(c.xid, $2::pg_snapshot))`;

/**
 * The plans' change log of migration 1764002200000-ViewChangeLog, read by the supervision views' answer cache. It
 * names plans only (no organization's data), so it is read outside the row-level-security transaction.
 */
@Injectable()
export class ViewChangeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The current snapshot and, given an earlier one (`since`), whether a change of `planId` or of every plan committed
   * that `since` does not see: one index probe of the log.
   */
  async probe(planId: string, since: string | null): Promise<ViewProbe> {
    return (await one<ViewProbe>(
      this.dataSource,
      `SELECT pg_current_snapshot()::text AS snapshot,
              $2::pg_snapshot IS NOT NULL AND (${unseen('= $1::uuid')} OR ${unseen('IS NULL')}) AS changed`,
      [planId, since],
    ))!;
  }

  /** Forgets changes older than any cached answer can be; how many rows went. */
  prune(): Promise<number> {
    return exec(this.dataSource, `DELETE FROM view_change WHERE at < now() - ${KEPT}`);
  }
}
