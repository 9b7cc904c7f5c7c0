import { SCORE_EVENT_LABELS as LABELS } from '../meta/labels';
import type { ScoringRules } from './scoring-rules';

/**
 * Scores of the units of one plan as of one day, from the facts that make them. Pure: the facts are computed from
 * PostgreSQL on every request (ScoreFactsLoader), never stored. The rules are in the README section "考核评分".
 */

export type ScoreEventKind = 'on_time_completion' | 'overdue' | 'missing_report' | 'completion_returned' | 'extension_beyond';

export const SCORE_EVENT_LABELS: Record<ScoreEventKind, string> = LABELS;

export interface TaskRef {
  id: string;
  number: number;
}

export type ScoreFact =
  | { kind: 'on_time_completion'; unitIds: string[]; task: TaskRef; day: string }
  | { kind: 'overdue'; unitIds: string[]; task: TaskRef; workdays: number; completed: boolean }
  | { kind: 'missing_report'; unitId: string; task: TaskRef; period: string }
  | { kind: 'completion_returned'; unitId: string; task: TaskRef; day: string }
  | { kind: 'extension'; unitId: string; task: TaskRef; day: string; nth: number };

export interface ScoreEvent {
  kind: ScoreEventKind;
  taskId: string;
  taskNumber: number;
  points: number;
  /** What happened, in Chinese. */
  detail: string;
}

export interface UnitScore {
  rank: number;
  unit: { id: string; name: string };
  score: number;
  bonus: number;
  deductions: number;
  events: ScoreEvent[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function eventsOf(fact: ScoreFact, rules: ScoringRules): Array<{ unitId: string; event: ScoreEvent }> {
  const ref = { taskId: fact.task.id, taskNumber: fact.task.number };
  const forUnits = (unitIds: string[], event: Omit<ScoreEvent, 'taskId' | 'taskNumber'>) =>
    unitIds.map((unitId) => ({ unitId, event: { ...event, ...ref } }));
  switch (fact.kind) {
    case 'on_time_completion':
      return forUnits(fact.unitIds, {
        kind: fact.kind,
        points: rules.onTimeCompletion,
        detail: `第${fact.task.number}项 ${fact.day} 按期销号`,
      });
    case 'overdue': {
      const raw = fact.workdays * rules.overduePerWorkday;
      const capped = rules.overdueCapPerTask > 0 && raw > rules.overdueCapPerTask;
      const points = -round2(capped ? rules.overdueCapPerTask : raw);
      const state = fact.completed ? '逾期后销号' : '逾期未办结';
      return forUnits(fact.unitIds, {
        kind: fact.kind,
        points,
        detail: `第${fact.task.number}项${state}，逾期 ${fact.workdays} 个工作日${capped ? '（已达单项扣分上限）' : ''}`,
      });
    }
    case 'missing_report':
      return forUnits([fact.unitId], { kind: fact.kind, points: -rules.missingReport, detail: `第${fact.task.number}项 ${fact.period} 期未报送进展` });
    case 'completion_returned':
      return forUnits([fact.unitId], { kind: fact.kind, points: -rules.completionReturned, detail: `第${fact.task.number}项销号申请于 ${fact.day} 被退回` });
    case 'extension':
      if (fact.nth <= rules.extensionsAllowed) return [];
      return forUnits([fact.unitId], {
        kind: 'extension_beyond',
        points: -rules.extensionBeyond,
        detail: `第${fact.task.number}项第 ${fact.nth} 次延期（${fact.day} 批准，超过 ${rules.extensionsAllowed} 次）`,
      });
  }
}

/**
 * Every scored unit starts at the base; its events add and subtract. Ranked by score (highest first), then name.
 * Events with no points (a zero rule) are left out.
 */
export function computeScores(units: Array<{ id: string; name: string }>, facts: ScoreFact[], rules: ScoringRules): UnitScore[] {
  const byUnit = new Map(units.map((unit) => [unit.id, [] as ScoreEvent[]]));
  for (const fact of facts) {
    for (const { unitId, event } of eventsOf(fact, rules)) if (event.points !== 0) byUnit.get(unitId)?.push(event);
  }
  const scored = units.map((unit) => {
    const events = byUnit.get(unit.id)!.sort((a, b) => a.taskNumber - b.taskNumber || a.kind.localeCompare(b.kind) || a.detail.localeCompare(b.detail));
    const bonus = round2(events.filter((e) => e.points > 0).reduce((sum, e) => sum + e.points, 0));
    const deductions = round2(-events.filter((e) => e.points < 0).reduce((sum, e) => sum + e.points, 0));
    return { unit, score: round2(rules.base + bonus - deductions), bonus, deductions, events };
  });
  scored.sort((a, b) => b.score - a.score || a.unit.name.localeCompare(b.unit.name, 'zh-Hans-CN'));
  return scored.map((s, i) => ({ rank: i + 1, ...s }));
}
