import type { EntityManager } from 'typeorm';
import type { ImportTargetsDto } from './dto/target.dto';
import { parseTargets, type ParsedTarget } from './target-parser';
import { TargetRepository, type NewTarget, type StoredTarget } from './target.repository';

const same = (stored: StoredTarget, parsed: ParsedTarget) =>
  stored.metric === parsed.metric &&
  stored.verb === parsed.verb &&
  stored.comparator === parsed.comparator &&
  stored.value === parsed.value &&
  stored.unit === parsed.unit &&
  stored.sourceText === parsed.sourceText;

/**
 * Reads every task's targets from its text and stores them, target by target in place (so the actuals reported
 * against a target survive a re-import that does not change it). A task whose targets a supervisor edited keeps them.
 * Runs inside the import's transaction, after the tasks are synced.
 */
export async function syncTargets(manager: EntityManager, planId: string): Promise<ImportTargetsDto> {
  const repository = new TargetRepository(manager);
  const tasks = await repository.sourceTasks(planId);
  const storedByTask = new Map<string, StoredTarget[]>();
  for (const target of await repository.ofPlan(planId)) {
    storedByTask.set(target.taskId, [...(storedByTask.get(target.taskId) ?? []), target]);
  }

  const report: ImportTargetsDto = { read: [], unreadable: [], keptEdits: [] };
  const inserts: NewTarget[] = [];
  for (const task of tasks) {
    const current = storedByTask.get(task.id) ?? [];
    if (task.edited || current.some((t) => t.editedBySupervisor)) {
      report.keptEdits.push(task.number);
      continue;
    }
    const { targets, unread } = parseTargets(task.content);
    for (const t of targets) {
      report.read.push({ number: task.number, metric: t.metric, comparator: t.comparator, value: t.value, unit: t.unit, sourceText: t.sourceText });
    }
    for (const text of unread) report.unreadable.push({ number: task.number, text });
    if (task.kind === 'indicator' && targets.length === 0 && unread.length === 0) {
      report.unreadable.push({ number: task.number, text: task.content });
    }
    inserts.push(...(await reconcile(repository, task.id, current, targets)));
  }
  await repository.insertParsed(inserts);
  return report;
}

/** A task added by hand gets the targets its text states, as an imported one does. */
export async function addTargetsOf(manager: EntityManager, taskId: string, content: string): Promise<void> {
  const { targets } = parseTargets(content);
  await new TargetRepository(manager).insertParsed(targets.map((target, position) => ({ ...target, taskId, position })));
}

/** Updates and deletes a task's stored targets in place; answers the new ones, inserted together afterwards. */
async function reconcile(repository: TargetRepository, taskId: string, current: StoredTarget[], parsed: ParsedTarget[]): Promise<NewTarget[]> {
  const fresh: NewTarget[] = [];
  for (const [position, target] of parsed.entries()) {
    const existing = current[position];
    if (!existing) fresh.push({ ...target, taskId, position });
    else if (!same(existing, target)) await repository.updateParsed(existing.id, target);
  }
  await repository.deleteByIds(current.slice(parsed.length).map((t) => t.id));
  return fresh;
}
