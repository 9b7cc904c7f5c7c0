import type { ReportingCycle } from '../plans/plan.entity';
import { lastClosedPeriod, periodCutoff } from '../progress/reporting-period';
import type { Light } from '../supervision/timeliness';
import type { TaskStatus } from './task-status';

/**
 * The task rules set-based: the PostgreSQL functions of migration 1764001200000-SqlTaskRules, rendering the rules
 * of task-rules.ts and supervision/timeliness.ts (README "督查预警规则") over the table calendar_day, which
 * CalendarService.syncDays keeps equal to the WorkCalendar. test/task-rules-sql.e2e-spec.ts walks tasks × days to
 * keep the two renderings equal. Views and the reminder scan join these per row instead of loading plans into Node.
 *
 *   task_end_of_day(day date) → timestamptz               the instant the Shanghai day after `day` begins
 *   task_is_open(status text) → boolean                     未开始, 推进中, 申请销号
 *   task_status_as_of(task uuid, as_of date) → (status, changed_at)   one row; never changed: not_started, null
 *   calendar_workdays_between(from date, to date) → int     workdays in (from, to]; 0 when to <= from; null: unknown day
 *   calendar_first_unknown_after(day date) → date           the first later day without calendar data
 *   task_due_soon_window(as_of date, workdays int) → (horizon, unknown_from)   once per day and threshold
 *   task_deadline(status, due, as_of, workdays, horizon, unknown_from)
 *       → (open, overdue, days_overdue, workdays_overdue, overdue_gap_year, due_soon, workdays_left, due_soon_gap_year)
 *   task_expected_percent(start date, due date, as_of date) → int      序时进度
 *   task_targets_short(task uuid, as_of date, expected int, tolerance int) → boolean   an indicator's targets
 *   task_light(status, overdue, due_soon, behind, unreported, targets_short) → 'red' | 'yellow' | 'green' | 'grey'
 *   task_timeliness(plan uuid, as_of date, period text, reports_checked boolean, behind_tolerance int)
 *       → one TimelinessRow per task of the plan (columns below)
 */

/** A row of task_timeliness(…). */
export interface TimelinessRow {
  task_id: string;
  status: TaskStatus;
  status_changed_at: Date | null;
  open: boolean;
  overdue: boolean;
  days_overdue: number;
  workdays_overdue: number | null;
  overdue_gap_year: number | null;
  due_soon: boolean;
  workdays_left: number | null;
  due_soon_gap_year: number | null;
  expected_percent: number;
  latest_report_id: string | null;
  latest_percent: number | null;
  latest_report_at: Date | null;
  /** Some unit reported for the last closed period by the end of the day. */
  reported: boolean;
  behind_schedule: boolean;
  unreported: boolean;
  targets_short: boolean;
  light: Light;
  number: number;
  section_id: string | null;
  /** The current due date, as a Date at midnight UTC by node-postgres' default; format before comparing. */
  due_date: Date;
}

/** What task_timeliness needs of a plan besides its id and the day. */
export interface PlanReporting {
  reportingCycle: ReportingCycle;
  reportCutoffDay: number;
  startDate: string;
}

/** The last closed reporting period on `asOf`, its cutoff, and whether a report for it was owed (cutoff after start). */
export function closedPeriodAsOf(plan: PlanReporting, asOf: string): { period: string; cutoff: string; reportsChecked: boolean } {
  const period = lastClosedPeriod(asOf, plan.reportingCycle, plan.reportCutoffDay);
  const cutoff = periodCutoff(period, plan.reportCutoffDay);
  return { period, cutoff, reportsChecked: cutoff > plan.startDate };
}

/**
 * `task_timeliness(…)` over five consecutive parameters starting at `$first`: plan id, day, period, reports checked,
 * behind tolerance — in that order, as `timelinessParams` gives them.
 */
export function taskTimelinessSql(first: number): string {
  const p = (i: number) => `$${first + i}`;
  return `task_timeliness(${p(0)}::uuid, ${p(1)}::date, ${p(2)}::text, ${p(3)}::boolean, ${p(4)}::int)`;
}

export function timelinessParams(planId: string, asOf: string, plan: PlanReporting, behindTolerance: number): unknown[] {
  const { period, reportsChecked } = closedPeriodAsOf(plan, asOf);
  return [planId, asOf, period, reportsChecked, behindTolerance];
}
