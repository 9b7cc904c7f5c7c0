import { Injectable } from '@nestjs/common';
import { exec, one, type Db } from '../database/sql';

/** Which plans a scan works: all of them, or those in `scan_plan` (changed, or not yet scanned for the day). */
export type PlanScope = 'every plan' | 'scan_plan';

/** What the scan chose to work, out of how many plans. */
export interface PlanChoice {
  toScan: number;
  plans: number;
}

/** What an earlier scan of the same day found for the plans this one skips. */
export interface UnchangedPlans {
  candidates: number;
  warnings: string[];
}

export const SCAN_PLAN = 'scan_plan';
export const SCAN_TALLY = 'scan_tally';

/**
 * The scan's ledger (migration 1764001900000-ReminderScanLedger): per plan, the day last scanned, the reminders
 * that scan found due and its warnings; and the append-only log of plans changed since, which triggers on every
 * table the scan reads fill. A plan scanned for the day and unchanged since would make exactly what it made: the
 * scan skips it and counts what it found then.
 */
@Injectable()
export class ReminderScanLedgerRepository {
  /** `scan_plan` (plans to scan) and `scan_tally` (reminders found due per plan and statement), empty, for the transaction. */
  async createTables(db: Db): Promise<void> {
    await exec(db, `CREATE TEMP TABLE ${SCAN_PLAN} (plan_id uuid PRIMARY KEY) ON COMMIT DROP`);
    await exec(db, `CREATE TEMP TABLE ${SCAN_TALLY} (plan_id uuid NOT NULL, candidates int NOT NULL) ON COMMIT DROP`);
  }

  /**
   * Takes the changes logged so far and writes into `scan_plan` each plan changed (every plan after a change that
   * marks them all) or without a ledger row for `asOf`. Under the scan lock; a change committed after this
   * statement stays logged, so its plan is scanned next time.
   */
  async choosePlans(db: Db, asOf: string): Promise<PlanChoice> {
    await exec(
      db,
      `WITH taken AS (DELETE FROM reminder_scan_change RETURNING plan_id),
            everything AS (SELECT EXISTS (SELECT 1 FROM taken WHERE plan_id IS NULL) AS marked)
       INSERT INTO ${SCAN_PLAN} (plan_id)
       SELECT p.id FROM plan p
        WHERE (SELECT marked FROM everything)
           OR p.id IN (SELECT plan_id FROM taken)
           OR NOT EXISTS (SELECT 1 FROM reminder_scan_plan l WHERE l.plan_id = p.id AND l.as_of = $1::date)`,
      [asOf],
    );
    await exec(db, `ANALYZE ${SCAN_PLAN}`);
    return (await one<PlanChoice>(
      db,
      `SELECT (SELECT count(*) FROM ${SCAN_PLAN})::int AS "toScan", (SELECT count(*) FROM plan)::int AS plans`,
    ))!;
  }

  /** The reminders found due and the warnings given for `asOf` by the plans this scan skips, in plan order. */
  async unchangedPlans(db: Db, asOf: string): Promise<UnchangedPlans> {
    const found = await one<UnchangedPlans>(
      db,
      `SELECT coalesce(sum(l.candidates), 0)::int AS candidates,
              coalesce((SELECT array_agg(w.text ORDER BY k.plan_id, w.n)
                          FROM reminder_scan_plan k CROSS JOIN LATERAL jsonb_array_elements_text(k.warnings) WITH ORDINALITY AS w(text, n)
                         WHERE k.as_of = $1::date AND jsonb_array_length(k.warnings) > 0
                           AND NOT EXISTS (SELECT 1 FROM ${SCAN_PLAN} s WHERE s.plan_id = k.plan_id)), '{}') AS warnings
         FROM reminder_scan_plan l
        WHERE l.as_of = $1::date AND NOT EXISTS (SELECT 1 FROM ${SCAN_PLAN} s WHERE s.plan_id = l.plan_id)`,
      [asOf],
    );
    return found!;
  }

  /** Records `asOf` as scanned for every plan of `scan_plan`: its tally and its warnings (by plan id). */
  async record(db: Db, asOf: string, warnings: ReadonlyMap<string, string[]>): Promise<void> {
    await exec(
      db,
      `INSERT INTO reminder_scan_plan (plan_id, as_of, candidates, warnings, scanned_at)
       SELECT s.plan_id, $1::date, coalesce(t.candidates, 0), coalesce($2::jsonb -> s.plan_id::text, '[]'::jsonb), now()
         FROM ${SCAN_PLAN} s
         LEFT JOIN (SELECT plan_id, sum(candidates)::int AS candidates FROM ${SCAN_TALLY} GROUP BY plan_id) t USING (plan_id)
         -- A plan deleted while the scan ran has nothing to record.
        WHERE EXISTS (SELECT 1 FROM plan p WHERE p.id = s.plan_id)
       ON CONFLICT (plan_id) DO UPDATE
          SET as_of = EXCLUDED.as_of, candidates = EXCLUDED.candidates, warnings = EXCLUDED.warnings, scanned_at = EXCLUDED.scanned_at`,
      [asOf, JSON.stringify(Object.fromEntries(warnings))],
    );
  }

  /** Every plan is scanned afresh next time: a process that starts may run a newer ladder than the one recorded. */
  async markEveryPlanChanged(db: Db): Promise<void> {
    await exec(db, `INSERT INTO reminder_scan_change (plan_id) VALUES (NULL)`);
  }
}
