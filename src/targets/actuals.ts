import type { EntityManager } from 'typeorm';
import { BadRequestError } from '../common/domain-errors';
import type { ActualInputDto, ReportActualDto } from './dto/target.dto';
import { isRateUnit, type TargetComparator } from './target-parser';
import { TargetRepository } from './target.repository';

export interface ResolvedActual {
  targetId: string;
  metric: string;
  unit: string;
  comparator: TargetComparator;
  target: number;
  value: number;
}

const invalid = (field: string, reason: string) => new BadRequestError('VALIDATION_FAILED', `请求参数无效：${field}`, [{ field, reason }]);

/** The actuals a report gives, each checked to be one of the task's targets, at most once. */
export async function resolveActuals(manager: EntityManager, taskId: string, actuals: ActualInputDto[] | undefined): Promise<ResolvedActual[]> {
  if (!actuals || actuals.length === 0) return [];
  const byId = new Map((await new TargetRepository(manager).ofTask(taskId)).map((t) => [t.id, t]));
  const seen = new Set<string>();
  return actuals.map((actual, i) => {
    const target = byId.get(actual.targetId);
    if (!target) throw invalid(`actuals[${i}].targetId`, '不是该任务的指标 (not a target of this task)');
    if (seen.has(actual.targetId)) throw invalid(`actuals[${i}].targetId`, '同一指标只能填报一个实际值 (one actual per target)');
    seen.add(actual.targetId);
    return { targetId: target.id, metric: target.metric, unit: target.unit, comparator: target.comparator, target: target.value, value: actual.value };
  });
}

/**
 * The percent a report's actuals imply: the mean share of each quantity target reached (累计 ÷ 目标, capped at
 * 100), rounded down so that a task is 100% only when every counted target is reached. Rates (%, 个百分点) and
 * ceilings (以内) say nothing about how much of the work is done: null when only those were given.
 */
export function percentFromActuals(actuals: ResolvedActual[]): number | null {
  const quantities = actuals.filter((a) => !isRateUnit(a.unit) && a.comparator !== 'at_most' && a.target > 0);
  if (quantities.length === 0) return null;
  const mean = quantities.reduce((sum, a) => sum + Math.min(1, Math.max(0, a.value / a.target)), 0) / quantities.length;
  return Math.floor(mean * 100 + 1e-9);
}

export async function saveActuals(manager: EntityManager, reportId: string, actuals: ResolvedActual[]): Promise<void> {
  const targets = new TargetRepository(manager);
  for (const actual of actuals) await targets.insertActual(reportId, actual.targetId, actual.value);
}

/** The actuals of the given reports, by report id, in the targets' order. */
export async function actualsOfReports(manager: EntityManager, reportIds: string[]): Promise<Map<string, ReportActualDto[]>> {
  return new TargetRepository(manager).actualsOfReports(reportIds);
}
