import { CalendarGapError, addDays } from '../calendar/work-calendar';
import type { TaskStatus } from '../tasks/task-status';
import { OPEN_STATUSES } from '../tasks/task-transitions';
import type { WorkdayOracle } from './memo-calendar';
import { judgeTargets, type TargetProgress } from './target-judgement';

/**
 * Timeliness and the warning light of one task as of one day. Pure: computed from dates, progress and the
 * working-day calendar every time it is asked, never stored (DESIGN §3). The rules are written out in the README
 * section "督查预警规则"; keep the two in step.
 */

export type Light = 'red' | 'yellow' | 'green' | 'grey';

export const LIGHT_LABELS: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯', grey: '—' };

export interface TimelinessPolicy {
  /** An open task due within this many workdays is "due soon"; 0 turns the flag off (as for the reminders). */
  dueSoonWorkdays: number;
  /** Percentage points a report may lag 序时进度 before the task counts as behind schedule. */
  behindTolerance: number;
}

export const DEFAULT_POLICY: TimelinessPolicy = { dueSoonWorkdays: 3, behindTolerance: 10 };

export interface TimelinessInput {
  dueDate: string;
  /** The status the task had at the end of asOf. */
  status: TaskStatus;
  /** Where 序时进度 starts: the plan's start date. */
  startDate: string;
  /** The percent of the latest report made on or before asOf; null when none. */
  latestPercent: number | null;
  /** Some assigned unit reported for the last closed period (on or before asOf). */
  reportedForClosedPeriod: boolean;
  /** The last closed period's cutoff lies after the plan start, so a report for it was owed. */
  closedPeriodApplies: boolean;
  /** The last closed period, e.g. "2021-09"; only for the reasons' wording. */
  closedPeriod?: string;
  /** An indicator's targets with their latest actuals; judged by judgeTargets. */
  indicatorTargets?: TargetProgress[];
}

export interface Timeliness {
  open: boolean;
  overdue: boolean;
  /** Calendar days past the due date; 0 unless overdue. */
  daysOverdue: number;
  /** Workdays in (dueDate, asOf]; null when not overdue, or when the calendar lacks a year in between. */
  workdaysOverdue: number | null;
  dueSoon: boolean;
  /** Workdays in (asOf, dueDate] when it was needed and known (≤ policy + 1 is counted exactly), else null. */
  workdaysLeft: number | null;
  /** 序时进度: the share of [startDate, dueDate] elapsed by the end of asOf, 0–100. */
  expectedPercent: number;
  behindSchedule: boolean;
  unreported: boolean;
  /** An indicator's reported actual falls short of a target (see judgeTargets). */
  targetsShort: boolean;
  light: Light;
  /** Why the light is what it is, in Chinese, most serious first. */
  reasons: string[];
  /** Years the calendar had no data for while answering; the caller turns them into warnings. */
  calendarGaps: number[];
}

const MS_PER_DAY = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
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

/** Workdays in (from, to], counting no further than `cap + 1`: enough to compare with `cap`. */
function workdaysUpTo(calendar: WorkdayOracle, from: string, to: string, cap: number): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to && count <= cap; day = addDays(day, 1)) if (calendar.isWorkday(day)) count++;
  return count;
}

function gapYear(error: unknown): number {
  if (error instanceof CalendarGapError) return error.year;
  throw error;
}

export function computeTimeliness(
  input: TimelinessInput,
  asOf: string,
  calendar: WorkdayOracle,
  policy: TimelinessPolicy = DEFAULT_POLICY,
): Timeliness {
  const { dueDate, status } = input;
  const open = OPEN_STATUSES.includes(status);
  const calendarGaps: number[] = [];
  const reasons: string[] = [];

  const overdue = open && asOf > dueDate;
  const daysOverdue = overdue ? daysBetween(dueDate, asOf) : 0;
  let workdaysOverdue: number | null = null;
  if (overdue) {
    try {
      workdaysOverdue = calendar.workdaysBetween(dueDate, asOf);
    } catch (error) {
      calendarGaps.push(gapYear(error));
    }
  }

  let dueSoon = false;
  let workdaysLeft: number | null = null;
  if (open && !overdue && policy.dueSoonWorkdays > 0) {
    try {
      workdaysLeft = workdaysUpTo(calendar, asOf, dueDate, policy.dueSoonWorkdays);
      dueSoon = workdaysLeft <= policy.dueSoonWorkdays;
      if (!dueSoon) workdaysLeft = null;
    } catch (error) {
      calendarGaps.push(gapYear(error));
      // No guess: a span of at most N calendar days holds at most N workdays, whatever the calendar says.
      dueSoon = daysBetween(asOf, dueDate) <= policy.dueSoonWorkdays;
    }
  }

  const expected = expectedPercent(input.startDate, dueDate, asOf);
  const behindSchedule = open && (input.latestPercent ?? 0) < expected - policy.behindTolerance;
  const unreported = open && input.closedPeriodApplies && !input.reportedForClosedPeriod;
  const targets = open ? judgeTargets(input.indicatorTargets ?? [], expected, policy.behindTolerance) : { short: false, reasons: [] };

  let light: Light;
  if (status === 'suspended' || status === 'cancelled') {
    light = 'grey';
    reasons.push(status === 'suspended' ? '任务已暂缓，不计预警' : '任务已撤销，不计预警');
  } else if (status === 'completed') {
    light = 'green';
    reasons.push('任务已办结');
  } else {
    if (overdue) {
      const workdays = workdaysOverdue === null ? '工作日数无法确定：缺少工作日历数据' : `${workdaysOverdue} 个工作日`;
      reasons.push(`已超过完成时限 ${dueDate} ${daysOverdue} 天（${workdays}）`);
    }
    if (dueSoon) {
      reasons.push(
        workdaysLeft === null
          ? `距完成时限 ${dueDate} 仅剩 ${daysBetween(asOf, dueDate)} 天`
          : `距完成时限 ${dueDate} 还有 ${workdaysLeft} 个工作日`,
      );
    } else if (!overdue && workdaysLeft === null && calendarGaps.length > 0) {
      reasons.push(`无法判断是否临期：缺少 ${calendarGaps.join('、')} 年工作日历数据`);
    }
    if (behindSchedule) {
      const reported = input.latestPercent === null ? '尚无进展报送' : `最新报送进度 ${input.latestPercent}%`;
      reasons.push(`${reported}，落后序时进度 ${expected}% 超过 ${policy.behindTolerance} 个百分点`);
    }
    if (unreported) reasons.push(`${input.closedPeriod ? `${input.closedPeriod} 期` : '上一期'}进展未报送`);
    reasons.push(...targets.reasons);
    light = overdue ? 'red' : dueSoon || behindSchedule || unreported || targets.short ? 'yellow' : 'green';
    if (light === 'green') reasons.push('按期推进');
  }

  return {
    open,
    overdue,
    daysOverdue,
    workdaysOverdue,
    dueSoon,
    workdaysLeft,
    expectedPercent: expected,
    behindSchedule,
    unreported,
    targetsShort: targets.short,
    light,
    reasons,
    calendarGaps,
  };
}
