import { chunks } from '../common/chunks';
import { exec, one, returning, rows, type Db } from '../database/sql';
import type { ReportActualDto, TargetDto } from './dto/target.dto';
import { isRateUnit, type ParsedTarget, type TargetComparator } from './target-parser';

/** A target as stored (numeric values read as numbers). */
export interface StoredTarget {
  id: string;
  taskId: string;
  position: number;
  metric: string;
  verb: string | null;
  comparator: TargetComparator;
  value: number;
  unit: string;
  sourceText: string | null;
  editedBySupervisor: boolean;
}

/** A plan's task as the target reader needs it. */
export interface TargetSourceTask {
  id: string;
  number: number;
  content: string;
  kind: string;
  /** A supervisor set the task's targets (even to none). */
  edited: boolean;
}

/** A target as a supervisor writes it. */
export interface EditedTarget {
  metric: string;
  verb: string | null;
  comparator: TargetComparator;
  value: number;
  unit: string;
}

export interface NewTarget extends ParsedTarget {
  taskId: string;
  position: number;
}

interface TargetRow {
  id: string;
  task_id: string;
  position: number;
  metric: string;
  verb: string | null;
  comparator: TargetComparator;
  value: string;
  unit: string;
  source_text: string | null;
  edited_by_supervisor: boolean;
}

interface TargetWithActualRow extends TargetRow {
  actual_value: string | null;
  actual_period: string | null;
  actual_unit_name: string | null;
  actual_at: Date | null;
}

const TARGET_COLUMNS = `tt.id, tt.task_id, tt.position, tt.metric, tt.verb, tt.comparator, tt.value, tt.unit, tt.source_text,
                        tt.edited_by_supervisor`;

function toStored(r: TargetRow): StoredTarget {
  return {
    id: r.id,
    taskId: r.task_id,
    position: r.position,
    metric: r.metric,
    verb: r.verb,
    comparator: r.comparator,
    value: Number(r.value),
    unit: r.unit,
    sourceText: r.source_text,
    editedBySupervisor: r.edited_by_supervisor,
  };
}

/** A task's quantitative targets (task_target) and the actuals reports give against them (progress_actual). */
export class TargetRepository {
  constructor(private readonly db: Db) {}

  /** A task's targets in order, each with its latest actual (the latest report that gave one). */
  async withLatestActuals(taskId: string): Promise<TargetDto[]> {
    const found = await rows<TargetWithActualRow>(
      this.db,
      `SELECT ${TARGET_COLUMNS},
              la.value AS actual_value, la.period AS actual_period, la.unit_name AS actual_unit_name, la.created_at AS actual_at
         FROM task_target tt
         LEFT JOIN LATERAL (
               SELECT pa.value, r.period, u.name AS unit_name, r.created_at
                 FROM progress_actual pa JOIN progress_report r ON r.id = pa.report_id JOIN unit u ON u.id = r.unit_id
                WHERE pa.target_id = tt.id
                ORDER BY r.created_at DESC, r.id DESC LIMIT 1) la ON true
        WHERE tt.task_id = $1
        ORDER BY tt.position`,
      [taskId],
    );
    return found.map((r) => ({
      id: r.id,
      position: r.position,
      metric: r.metric,
      verb: r.verb,
      comparator: r.comparator,
      value: Number(r.value),
      unit: r.unit,
      rate: isRateUnit(r.unit),
      sourceText: r.source_text,
      editedBySupervisor: r.edited_by_supervisor,
      latestActual:
        r.actual_value === null
          ? null
          : { value: Number(r.actual_value), period: r.actual_period!, unitName: r.actual_unit_name!, reportedAt: new Date(r.actual_at!).toISOString() },
    }));
  }

  /** A task's targets in order. */
  async ofTask(taskId: string): Promise<StoredTarget[]> {
    const found = await rows<TargetRow>(this.db, `SELECT ${TARGET_COLUMNS} FROM task_target tt WHERE tt.task_id = $1 ORDER BY tt.position`, [taskId]);
    return found.map(toStored);
  }

  /** Every target of a plan's tasks, by task and position. */
  async ofPlan(planId: string): Promise<StoredTarget[]> {
    const found = await rows<TargetRow>(
      this.db,
      `SELECT ${TARGET_COLUMNS} FROM task_target tt JOIN task t ON t.id = tt.task_id WHERE t.plan_id = $1 ORDER BY tt.task_id, tt.position`,
      [planId],
    );
    return found.map(toStored);
  }

  /** A plan's tasks in number order, with whether a supervisor edited their targets. */
  async sourceTasks(planId: string): Promise<TargetSourceTask[]> {
    return rows<TargetSourceTask>(
      this.db,
      `SELECT t.id, t.number, t.content, t.kind,
              EXISTS (SELECT 1 FROM task_event e WHERE e.task_id = t.id AND e.action = 'targets_edited') AS edited
         FROM task t WHERE t.plan_id = $1 ORDER BY t.number`,
      [planId],
    );
  }

  /** The task's version, or null when there is no such task. */
  async taskVersion(taskId: string): Promise<number | null> {
    return (await one<{ version: number }>(this.db, `SELECT version FROM task WHERE id = $1`, [taskId]))?.version ?? null;
  }

  /** Moves the task's version on if it still is `expected`; false when it is not (or there is no such task). */
  async claimTaskVersion(taskId: string, expected: number): Promise<boolean> {
    const claimed = await returning<{ id: string }>(
      this.db,
      `UPDATE task SET version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING id`,
      [taskId, expected],
    );
    return claimed.length > 0;
  }

  /** Deletes the task's targets other than `keptIds`. */
  async deleteOthers(taskId: string, keptIds: string[]): Promise<void> {
    await exec(this.db, `DELETE FROM task_target WHERE task_id = $1 AND NOT (id = ANY($2::uuid[]))`, [taskId, keptIds]);
  }

  async deleteByIds(ids: string[]): Promise<void> {
    if (ids.length > 0) await exec(this.db, `DELETE FROM task_target WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Positions are unique per task: parks every target of the task out of the range before they are renumbered. */
  async parkPositions(taskId: string): Promise<void> {
    await exec(this.db, `UPDATE task_target SET position = position + 1000 WHERE task_id = $1`, [taskId]);
  }

  async updateEdited(id: string, position: number, t: EditedTarget): Promise<void> {
    await exec(
      this.db,
      `UPDATE task_target SET position = $2, metric = $3, verb = $4, comparator = $5, value = $6, unit = $7,
              edited_by_supervisor = true, updated_at = now()
        WHERE id = $1`,
      [id, position, t.metric, t.verb, t.comparator, t.value, t.unit],
    );
  }

  async insertEdited(taskId: string, position: number, t: EditedTarget): Promise<void> {
    await exec(
      this.db,
      `INSERT INTO task_target (task_id, position, metric, verb, comparator, value, unit, edited_by_supervisor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, true)`,
      [taskId, position, t.metric, t.verb, t.comparator, t.value, t.unit],
    );
  }

  /** Rewrites a target as read again from its task's text. */
  async updateParsed(id: string, t: ParsedTarget): Promise<void> {
    await exec(
      this.db,
      `UPDATE task_target SET metric = $2, verb = $3, comparator = $4, value = $5, unit = $6, source_text = $7, updated_at = now()
        WHERE id = $1`,
      [id, t.metric, t.verb, t.comparator, t.value, t.unit, t.sourceText],
    );
  }

  /** A statement per chunk of targets, not one per target (a first import of 2,000 items has hundreds). */
  async insertParsed(targets: NewTarget[]): Promise<void> {
    for (const chunk of chunks(targets)) await this.insertParsedChunk(chunk);
  }

  private async insertParsedChunk(targets: NewTarget[]): Promise<void> {
    await exec(
      this.db,
      `INSERT INTO task_target (task_id, position, metric, verb, comparator, value, unit, source_text)
       SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[], $8::text[])`,
      [
        targets.map((t) => t.taskId),
        targets.map((t) => t.position),
        targets.map((t) => t.metric),
        targets.map((t) => t.verb),
        targets.map((t) => t.comparator),
        targets.map((t) => t.value),
        targets.map((t) => t.unit),
        targets.map((t) => t.sourceText),
      ],
    );
  }

  async insertActual(reportId: string, targetId: string, value: number): Promise<void> {
    await exec(this.db, `INSERT INTO progress_actual (report_id, target_id, value) VALUES ($1, $2, $3)`, [reportId, targetId, value]);
  }

  /** The actuals of the given reports, by report id, each report's in its targets' order. */
  async actualsOfReports(reportIds: string[]): Promise<Map<string, ReportActualDto[]>> {
    const found =
      reportIds.length === 0
        ? []
        : await rows<{ report_id: string; target_id: string; metric: string; unit: string; value: string }>(
            this.db,
            `SELECT pa.report_id, pa.target_id, tt.metric, tt.unit, pa.value
               FROM progress_actual pa JOIN task_target tt ON tt.id = pa.target_id
              WHERE pa.report_id = ANY($1::uuid[]) ORDER BY pa.report_id, tt.position`,
            [reportIds],
          );
    const byReport = new Map<string, ReportActualDto[]>();
    for (const r of found) {
      byReport.set(r.report_id, [...(byReport.get(r.report_id) ?? []), { targetId: r.target_id, metric: r.metric, unit: r.unit, value: Number(r.value) }]);
    }
    return byReport;
  }
}
