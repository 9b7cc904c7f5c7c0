import type { WorkdayOracle } from '../calendar/work-calendar';
import { LIGHT_LABELS as LABELS } from '../meta/labels';
import { daysBetween, deadlineAsOf, expectedPercent, type Deadline } from '../tasks/task-rules';
import type { TaskStatus } from '../tasks/task-status';
import { judgeTargets, type TargetJudgement, type TargetProgress } from './target-judgement';

/**
 * Timeliness and the warning light of one task as of one day. Pure: computed from dates, progress and the
 * working-day calendar every time it is asked, never stored (DESIGN §3). Open, overdue, due soon and 序时进度 are
 * the task rules of tasks/task-rules.ts (shared with the reminder scan and 延期); this adds progress, reporting
 * and the light. The rules are written out in the README section "督查预警规则"; keep the two in step.
 */

export type Light = 'red' | 'yellow' | 'green' | 'grey';

export const LIGHT_LABELS: Record<Light, string> = LABELS;

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

export interface Timeliness extends Deadline {
  /** 序时进度: the share of [startDate, dueDate] elapsed by the end of asOf, 0–100. */
  expectedPercent: number;
  behindSchedule: boolean;
  unreported: boolean;
  /** An indicator's reported actual falls short of a target (see judgeTargets). */
  targetsShort: boolean;
  light: Light;
  /** Why the light is what it is, in Chinese, most serious first. */
  reasons: string[];
}

export function computeTimeliness(
  input: TimelinessInput,
  asOf: string,
  calendar: WorkdayOracle,
  policy: TimelinessPolicy = DEFAULT_POLICY,
): Timeliness {
  const { dueDate, status } = input;
  const deadline = deadlineAsOf(input, asOf, calendar, policy.dueSoonWorkdays);
  const { open, overdue, dueSoon } = deadline;

  const expected = expectedPercent(input.startDate, dueDate, asOf);
  const behindSchedule = open && (input.latestPercent ?? 0) < expected - policy.behindTolerance;
  const unreported = open && input.closedPeriodApplies && !input.reportedForClosedPeriod;
  const targets = indicatorJudgement(open, input.indicatorTargets, expected, policy.behindTolerance);

  let light: Light;
  if (status === 'suspended' || status === 'cancelled') light = 'grey';
  else if (status === 'completed') light = 'green';
  else light = overdue ? 'red' : dueSoon || behindSchedule || unreported || targets.short ? 'yellow' : 'green';

  const reasons = timelinessReasons(
    { ...deadline, status, dueDate, expectedPercent: expected, latestPercent: input.latestPercent, behindSchedule, unreported, light },
    { asOf, closedPeriod: input.closedPeriod, behindTolerance: policy.behindTolerance, targetReasons: targets.reasons },
  );
  return { ...deadline, expectedPercent: expected, behindSchedule, unreported, targetsShort: targets.short, light, reasons };
}

/** An indicator's targets are judged while the task is open (judgeTargets); otherwise nothing falls short. */
export function indicatorJudgement(open: boolean, targets: TargetProgress[] | undefined, expected: number, tolerance: number): TargetJudgement {
  return open ? judgeTargets(targets ?? [], expected, tolerance) : { short: false, reasons: [] };
}

/**
 * A task's state as of a day, as computeTimeliness decides it or as a row of the SQL task rules
 * (task_timeliness) gives it: what the reasons are worded from.
 */
export interface TimelinessFacts {
  status: TaskStatus;
  dueDate: string;
  overdue: boolean;
  daysOverdue: number;
  workdaysOverdue: number | null;
  dueSoon: boolean;
  workdaysLeft: number | null;
  /** Years the calendar had no data for while answering. */
  calendarGaps: readonly number[];
  expectedPercent: number;
  latestPercent: number | null;
  behindSchedule: boolean;
  unreported: boolean;
  light: Light;
}

export interface ReasonContext {
  asOf: string;
  /** The last closed period, e.g. "2021-09". */
  closedPeriod?: string;
  behindTolerance: number;
  /** An indicator's shortfalls, worded by judgeTargets (see indicatorJudgement). */
  targetReasons: readonly string[];
}

/** Why the light is what it is, in Chinese, most serious first: the one place these reasons are worded. */
export function timelinessReasons(t: TimelinessFacts, context: ReasonContext): string[] {
  if (t.status === 'suspended') return ['任务已暂缓，不计预警'];
  if (t.status === 'cancelled') return ['任务已撤销，不计预警'];
  if (t.status === 'completed') return ['任务已办结'];
  const { asOf, closedPeriod, behindTolerance } = context;
  const reasons: string[] = [];
  if (t.overdue) {
    const workdays = t.workdaysOverdue === null ? '工作日数无法确定：缺少工作日历数据' : `${t.workdaysOverdue} 个工作日`;
    reasons.push(`已超过完成时限 ${t.dueDate} ${t.daysOverdue} 天（${workdays}）`);
  }
  if (t.dueSoon) {
    reasons.push(
      t.workdaysLeft === null
        ? `距完成时限 ${t.dueDate} 仅剩 ${daysBetween(asOf, t.dueDate)} 天`
        : `距完成时限 ${t.dueDate} 还有 ${t.workdaysLeft} 个工作日`,
    );
  } else if (!t.overdue && t.workdaysLeft === null && t.calendarGaps.length > 0) {
    reasons.push(`无法判断是否临期：缺少 ${t.calendarGaps.join('、')} 年工作日历数据`);
  }
  if (t.behindSchedule) {
    const reported = t.latestPercent === null ? '尚无进展报送' : `最新报送进度 ${t.latestPercent}%`;
    reasons.push(`${reported}，落后序时进度 ${t.expectedPercent}% 超过 ${behindTolerance} 个百分点`);
  }
  if (t.unreported) reasons.push(`${closedPeriod ? `${closedPeriod} 期` : '上一期'}进展未报送`);
  reasons.push(...context.targetReasons);
  if (t.light === 'green') reasons.push('按期推进');
  return reasons;
}
