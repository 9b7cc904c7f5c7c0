import { shanghaiDay } from '../common/sql-dates';
import { exec, one, rows, type Db } from '../database/sql';
import type { ReportingCycle } from '../plans/plan.entity';
import type { TaskStatus } from '../tasks/task-status';
import type { ScoringRules } from './scoring-rules';

/** The instant the Shanghai day after asOf ($2) begins: "on or before asOf" is `< END_OF_AS_OF`. */
const END_OF_AS_OF = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

export interface ReportingSchedule {
  reportingCycle: ReportingCycle;
  reportCutoffDay: number;
}

/** Each event a 考核 counts, dated to its Beijing day. */
export interface StatusChange {
  taskId: string;
  toStatus: TaskStatus;
  day: string;
}

export interface UnitEvent {
  taskId: string;
  unitId: string;
  day: string;
}

export interface ReportMade {
  taskId: string;
  unitId: string;
  period: string;
}

/** The 考核: each plan's rules (scoring_rule_set) and what happened in a plan up to the end of a day. */
export class ScoringRepository {
  constructor(private readonly db: Db) {}

  /** The rules stored for the plan (as stored, possibly without rules added since), or null. */
  async rules(planId: string, options: { lock?: boolean } = {}): Promise<Partial<ScoringRules> | null> {
    const row = await one<{ rules: Partial<ScoringRules> }>(
      this.db,
      `SELECT rules FROM scoring_rule_set WHERE plan_id = $1${options.lock ? ' FOR UPDATE' : ''}`,
      [planId],
    );
    return row?.rules ?? null;
  }

  async saveRules(planId: string, rules: ScoringRules, updatedBy: string | null): Promise<void> {
    await exec(
      this.db,
      `INSERT INTO scoring_rule_set (plan_id, rules, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (plan_id) DO UPDATE SET rules = EXCLUDED.rules, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [planId, JSON.stringify(rules), updatedBy],
    );
  }

  async reportingSchedule(planId: string): Promise<ReportingSchedule | null> {
    const row = await one<{ reporting_cycle: ReportingCycle; report_cutoff_day: number }>(
      this.db,
      `SELECT reporting_cycle, report_cutoff_day FROM plan WHERE id = $1`,
      [planId],
    );
    return row && { reportingCycle: row.reporting_cycle, reportCutoffDay: row.report_cutoff_day };
  }

  /** The plan's status changes by asOf, per task in the order they happened. */
  async statusChanges(planId: string, asOf: string): Promise<StatusChange[]> {
    const found = await rows<{ task_id: string; to_status: TaskStatus; day: string }>(
      this.db,
      `SELECT e.task_id, e.to_status, ${shanghaiDay('e.at')} AS day
         FROM task_event e JOIN task t ON t.id = e.task_id
        WHERE t.plan_id = $1 AND e.to_status IS NOT NULL AND e.at < ${END_OF_AS_OF}
        ORDER BY e.task_id, e.at, e.id`,
      [planId, asOf],
    );
    return found.map((r) => ({ taskId: r.task_id, toStatus: r.to_status, day: r.day }));
  }

  /** Each (task, unit, period) reported by asOf. */
  async reportsMade(planId: string, asOf: string): Promise<ReportMade[]> {
    const found = await rows<{ task_id: string; unit_id: string; period: string }>(
      this.db,
      `SELECT DISTINCT r.task_id, r.unit_id, r.period
         FROM progress_report r JOIN task t ON t.id = r.task_id
        WHERE t.plan_id = $1 AND r.created_at < ${END_OF_AS_OF}`,
      [planId, asOf],
    );
    return found.map((r) => ({ taskId: r.task_id, unitId: r.unit_id, period: r.period }));
  }

  /** 销号 requests returned by asOf, in the order they were decided. */
  async completionsReturned(planId: string, asOf: string): Promise<UnitEvent[]> {
    const found = await rows<{ task_id: string; unit_id: string; day: string }>(
      this.db,
      `SELECT c.task_id, c.unit_id, ${shanghaiDay('c.decided_at')} AS day
         FROM completion_request c JOIN task t ON t.id = c.task_id
        WHERE t.plan_id = $1 AND c.decision = 'return' AND c.decided_at < ${END_OF_AS_OF}
        ORDER BY c.decided_at, c.id`,
      [planId, asOf],
    );
    return found.map((r) => ({ taskId: r.task_id, unitId: r.unit_id, day: r.day }));
  }

  /** 延期 approved by asOf, each with its rank among its task's approvals. */
  async extensionsApproved(planId: string, asOf: string): Promise<Array<UnitEvent & { nth: number }>> {
    const found = await rows<{ task_id: string; unit_id: string; day: string; nth: number }>(
      this.db,
      `SELECT x.task_id, x.unit_id, ${shanghaiDay('x.decided_at')} AS day,
              row_number() OVER (PARTITION BY x.task_id ORDER BY x.decided_at, x.id)::int AS nth
         FROM extension_request x JOIN task t ON t.id = x.task_id
        WHERE t.plan_id = $1 AND x.decision = 'approve' AND x.decided_at < ${END_OF_AS_OF}`,
      [planId, asOf],
    );
    return found.map((r) => ({ taskId: r.task_id, unitId: r.unit_id, day: r.day, nth: r.nth }));
  }
}
