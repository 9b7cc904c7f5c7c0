import type { EntityManager } from 'typeorm';
import { rows } from '../database/sql';
import { issue, type ImportIssue, type ParsedItem } from './notice-parser';

/**
 * Tasks added by hand (origin 'manual') belong to no notice: an import neither updates them nor reports them
 * missing. They take the numbers after the plan's last task, so a notice item with one of their numbers cannot
 * be matched to anything; it is an error (nothing is written) rather than a silent overwrite.
 */
export async function handMadeCollisions(manager: EntityManager, planId: string, items: readonly ParsedItem[]): Promise<ImportIssue[]> {
  const handMade = new Set(
    (await rows<{ number: number }>(manager, `SELECT number FROM task WHERE plan_id = $1 AND origin = 'manual'`, [planId])).map((t) => t.number),
  );
  return items
    .filter((item) => handMade.has(item.number))
    .map((item) =>
      issue(
        item.line,
        item.sourceLine,
        `第${item.number}条：本计划的第${item.number}项是手工添加的任务，导入不能覆盖它；请将通知中新增的条目编在现有任务之后`,
        item.location,
        item.number,
      ),
    );
}
