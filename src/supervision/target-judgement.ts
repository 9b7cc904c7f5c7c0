import { COMPARATOR_LABELS, isRateUnit, type TargetComparator } from '../targets/target-parser';

/**
 * How an indicator stands against its targets as of a day. Pure; called through indicatorJudgement (timeliness.ts). The rules are
 * written out in the README section "指标预警规则"; keep the two in step.
 */

export interface TargetProgress {
  metric: string;
  comparator: TargetComparator;
  value: number;
  unit: string;
  /** The latest actual reported on or before asOf; null when none. */
  actual: number | null;
}

export interface TargetJudgement {
  /** Some target with an actual falls short. */
  short: boolean;
  reasons: string[];
}

/** 左右 is met within this share below (or above, for a ceiling) the target. */
const ABOUT_SLACK = 0.1;

const round = (n: number) => Math.round(n * 100) / 100;

/** Whether a rate (增长 7.8% against 增长 8%) meets its target, as reported. */
function rateMet(t: TargetProgress, actual: number): boolean {
  if (t.comparator === 'at_most') return actual <= t.value;
  if (t.comparator === 'about') return actual >= t.value - Math.abs(t.value) * ABOUT_SLACK;
  return actual >= t.value;
}

/**
 * Rates are judged as reported. A quantity is counted up over the year: it falls short when the share reached
 * (累计 ÷ 目标) lags 序时进度 by more than `tolerance` points, as a task's percent does; a ceiling (以内) falls
 * short once passed.
 */
export function judgeTargets(targets: TargetProgress[], expectedPercent: number, tolerance: number): TargetJudgement {
  const reasons: string[] = [];
  for (const t of targets) {
    if (t.actual === null) continue;
    const goal = `${COMPARATOR_LABELS[t.comparator]} ${t.value}${t.unit}`;
    if (isRateUnit(t.unit)) {
      if (!rateMet(t, t.actual)) reasons.push(`指标“${t.metric}”实际 ${t.actual}${t.unit}，未达目标（${goal}）`);
      continue;
    }
    if (t.comparator === 'at_most') {
      if (t.actual > t.value) reasons.push(`指标“${t.metric}”累计 ${t.actual}${t.unit}，已超过上限 ${t.value}${t.unit}`);
      continue;
    }
    const reached = t.value > 0 ? (t.actual / t.value) * 100 : 100;
    if (reached < expectedPercent - tolerance) {
      const due = round((t.value * expectedPercent) / 100);
      reasons.push(`指标“${t.metric}”累计 ${t.actual}${t.unit}，低于序时目标 ${due}${t.unit}（目标 ${t.value}${t.unit}，序时进度 ${expectedPercent}%）`);
    }
  }
  return { short: reasons.length > 0, reasons };
}
