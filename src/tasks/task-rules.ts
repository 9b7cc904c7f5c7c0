import { addDays, CalendarGapError, type WorkdayOracle } from '../calendar/work-calendar';
import type { TaskStatus } from './task-status';

/**
 * The task rules — what a task is on a day — written once (README "督查预警规则"). The lights
 * (supervision/timeliness.ts), the reminder scan and 延期 decide open, overdue and due soon here, so a reminder's
 * "overdue" and the light's can never disagree. Days are YYYY-MM-DD in Asia/Shanghai.
 */

/** 未开始, 推进中 and 申请销号: a completion request does not stop the clock. */
export const OPEN_STATUSES: readonly TaskStatus[] = ['not_started', 'in_progress', 'completion_requested'];

export function isOpen(status: TaskStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** `day` is after the due date (the due date itself is still on time). Overdue is this for an open task. */
export function isPastDue(dueDate: string, day: string): boolean {
  return day > dueDate;
}

const MS_PER_DAY = 86_400_000;

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

/**
 * 序时进度: days of [startDate, dueDate] elapsed by the end of asOf over the days of that span, both ends counted,
 * rounded to a whole percent. 0 before the start, 100 from the due date on.
 */
export function expectedPercent(startDate: string, dueDate: string, asOf: string): number {
  if (asOf >= dueDate) return 100;
  if (asOf < startDate) return 0;
  const elapsed = daysBetween(startDate, asOf) + 1;
  const span = daysBetween(startDate, dueDate) + 1;
  return Math.min(100, Math.max(0, Math.round((elapsed / span) * 100)));
}

/** Where a task stands against its due date on one day. */
export interface Deadline {
  open: boolean;
  /** Open and past the due date. */
  overdue: boolean;
  /** Calendar days past the due date; 0 unless overdue. */
  daysOverdue: number;
  /** Workdays in (dueDate, asOf]; null when not overdue, or when the calendar lacks a year in between. */
  workdaysOverdue: number | null;
  /** Open, not overdue, and at most `dueSoonWorkdays` workdays in (asOf, dueDate]. */
  dueSoon: boolean;
  /** Workdays in (asOf, dueDate] when due soon and known, else null. */
  workdaysLeft: number | null;
  /** Years the calendar had no data for while answering. */
  calendarGaps: number[];
}

/** Workdays in (from, to], counting no further than `cap + 1`: enough to compare with `cap`, and never a year ahead. */
function workdaysUpTo(calendar: WorkdayOracle, from: string, to: string, cap: number): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to && count <= cap; day = addDays(day, 1)) if (calendar.isWorkday(day)) count++;
  return count;
}

function gapYear(error: unknown): number {
  if (error instanceof CalendarGapError) return error.year;
  throw error;
}

/**
 * Overdue and due soon for a task with `status` (the one it had at the end of asOf) and its current due date.
 * `dueSoonWorkdays` 0 turns due soon off. A year without calendar data is never guessed: workdays stay null, and
 * due soon falls back to "at most N calendar days away" (a span of N calendar days holds at most N workdays).
 */
export function deadlineAsOf(
  task: { status: TaskStatus; dueDate: string },
  asOf: string,
  calendar: WorkdayOracle,
  dueSoonWorkdays: number,
): Deadline {
  const open = isOpen(task.status);
  const overdue = open && isPastDue(task.dueDate, asOf);
  const calendarGaps: number[] = [];

  let workdaysOverdue: number | null = null;
  if (overdue) {
    try {
      workdaysOverdue = calendar.workdaysBetween(task.dueDate, asOf);
    } catch (error) {
      calendarGaps.push(gapYear(error));
    }
  }

  let dueSoon = false;
  let workdaysLeft: number | null = null;
  if (open && !overdue && dueSoonWorkdays > 0) {
    try {
      const left = workdaysUpTo(calendar, asOf, task.dueDate, dueSoonWorkdays);
      dueSoon = left <= dueSoonWorkdays;
      if (dueSoon) workdaysLeft = left;
    } catch (error) {
      calendarGaps.push(gapYear(error));
      dueSoon = daysBetween(asOf, task.dueDate) <= dueSoonWorkdays;
    }
  }

  return { open, overdue, daysOverdue: overdue ? daysBetween(task.dueDate, asOf) : 0, workdaysOverdue, dueSoon, workdaysLeft, calendarGaps };
}

/** SQL: the instant the Shanghai day after the date in parameter `param` begins; "on or before asOf" is `< this`. */
export function endOfDaySql(param: string): string {
  return `((${param}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
}

/**
 * SQL: joins `last_change (to_status, at)`, the last status change of task `task` made on or before the day in
 * parameter `param`; the status a task had that day is `STATUS_AS_OF_SQL` (never changed: not started).
 */
export function lastStatusChangeSql(task: string, param: string): string {
  return `LEFT JOIN LATERAL (
            SELECT e.to_status, e.at FROM task_event e
             WHERE e.task_id = ${task}.id AND e.to_status IS NOT NULL AND e.at < ${endOfDaySql(param)}
             ORDER BY e.at DESC, e.id DESC LIMIT 1) AS last_change ON true`;
}

export const STATUS_AS_OF_SQL = `coalesce(last_change.to_status, 'not_started')`;
