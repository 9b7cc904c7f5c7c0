import type { EntityManager } from 'typeorm';
import type { ImportTargetsDto } from './dto/target.dto';
import { parseTargets, type ParsedTarget } from './target-parser';

interface TaskRow {
  id: string;
  number: number;
  content: string;
  kind: string;
  /** A supervisor set the task's targets (even to none). */
  edited: boolean;
}

interface StoredTarget {
  id: string;
  task_id: string;
  position: number;
  metric: string;
  verb: string | null;
  comparator: string;
  value: string;
  unit: string;
  source_text: string | null;
  edited_by_supervisor: boolean;
}

const same = (stored: StoredTarget, parsed: ParsedTarget) =>
  stored.metric === parsed.metric &&
  stored.verb === parsed.verb &&
  stored.comparator === parsed.comparator &&
  Number(stored.value) === parsed.value &&
  stored.unit === parsed.unit &&
  stored.source_text === parsed.sourceText;

/**
 * Reads every task's targets from its text and stores them, target by target in place (so the actuals reported
 * against a target survive a re-import that does not change it). A task whose targets a supervisor edited keeps them.
 * Runs inside the import's transaction, after the tasks are synced.
 */
export async function syncTargets(manager: EntityManager, planId: string): Promise<ImportTargetsDto> {
  const tasks: TaskRow[] = await manager.query(
    `SELECT t.id, t.number, t.content, t.kind,
            EXISTS (SELECT 1 FROM task_event e WHERE e.task_id = t.id AND e.action = 'targets_edited') AS edited
       FROM task t WHERE t.plan_id = $1 ORDER BY t.number`,
    [planId],
  );
  const stored: StoredTarget[] = await manager.query(
    `SELECT tt.* FROM task_target tt JOIN task t ON t.id = tt.task_id WHERE t.plan_id = $1 ORDER BY tt.task_id, tt.position`,
    [planId],
  );
  const storedByTask = new Map<string, StoredTarget[]>();
  for (const row of stored) storedByTask.set(row.task_id, [...(storedByTask.get(row.task_id) ?? []), row]);

  const report: ImportTargetsDto = { read: [], unreadable: [], keptEdits: [] };
  const inserts: NewTarget[] = [];
  for (const task of tasks) {
    const current = storedByTask.get(task.id) ?? [];
    if (task.edited || current.some((t) => t.edited_by_supervisor)) {
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
    inserts.push(...(await reconcile(manager, task.id, current, targets)));
  }
  await insertTargets(manager, inserts);
  return report;
}

interface NewTarget extends ParsedTarget {
  taskId: string;
  position: number;
}

/** Updates and deletes a task's stored targets in place; answers the new ones, inserted together afterwards. */
async function reconcile(manager: EntityManager, taskId: string, current: StoredTarget[], parsed: ParsedTarget[]): Promise<NewTarget[]> {
  const fresh: NewTarget[] = [];
  for (const [position, target] of parsed.entries()) {
    const existing = current[position];
    if (!existing) fresh.push({ ...target, taskId, position });
    else if (!same(existing, target)) {
      await manager.query(
        `UPDATE task_target SET metric = $2, verb = $3, comparator = $4, value = $5, unit = $6, source_text = $7, updated_at = now()
          WHERE id = $1`,
        [existing.id, target.metric, target.verb, target.comparator, target.value, target.unit, target.sourceText],
      );
    }
  }
  const gone = current.slice(parsed.length).map((t) => t.id);
  if (gone.length > 0) await manager.query(`DELETE FROM task_target WHERE id = ANY($1)`, [gone]);
  return fresh;
}

/** One statement for a whole notice's new targets (a first import of 2,000 items has hundreds). */
async function insertTargets(manager: EntityManager, rows: NewTarget[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof NewTarget>(key: K) => rows.map((r) => r[key]);
  await manager.query(
    `INSERT INTO task_target (task_id, position, metric, verb, comparator, value, unit, source_text)
     SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[], $8::text[])`,
    [column('taskId'), column('position'), column('metric'), column('verb'), column('comparator'), column('value'), column('unit'), column('sourceText')],
  );
}
