import type { WorkdayOracle } from '../calendar/work-calendar';
import { LIGHT_LABELS as LABELS } from '../meta/labels';
import { daysBetween, deadlineAsOf, expectedPercent, type Deadline } from '../tasks/task-rules';
import type { TaskStatus } from '../tasks/task-status';
import { judgeTargets, type TargetProgress } from './target-judgement';

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
  const { open, overdue, daysOverdue, workdaysOverdue, dueSoon, workdaysLeft, calendarGaps } = deadline;
  const reasons: string[] = [];

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

  return { ...deadline, expectedPercent: expected, behindSchedule, unreported, targetsShort: targets.short, light, reasons };
}
