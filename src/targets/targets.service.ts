import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import { BadRequestError, ConflictError, NotFoundError } from '../common/domain-errors';
import { recordTaskEvent } from '../tasks/task-writes';
import type { TargetDto, TaskTargetsDto, UpdateTargetsDto } from './dto/target.dto';
import { isRateUnit, type TargetComparator } from './target-parser';

interface TargetRow {
  id: string;
  position: number;
  metric: string;
  verb: string | null;
  comparator: TargetComparator;
  value: string;
  unit: string;
  source_text: string | null;
  edited_by_supervisor: boolean;
  actual_value: string | null;
  actual_period: string | null;
  actual_unit_name: string | null;
  actual_at: Date | null;
}

/** A task's targets with each one's latest actual (the latest report that gave one). */
export async function loadTargets(manager: EntityManager | DataSource, taskId: string): Promise<TargetDto[]> {
  const rows: TargetRow[] = await manager.query(
    `SELECT tt.id, tt.position, tt.metric, tt.verb, tt.comparator, tt.value, tt.unit, tt.source_text, tt.edited_by_supervisor,
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
  return rows.map((r) => ({
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

@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async get(taskId: string): Promise<TaskTargetsDto> {
    await this.access.requireReadTask(taskId);
    return this.read(this.dataSource.manager, taskId);
  }

  /**
   * A supervisor sets a task's targets (read wrong, or not read at all). Versioned like the other task edits;
   * targets kept by id keep their actuals; the task is then marked so that re-imports leave its targets alone.
   */
  async update(taskId: string, dto: UpdateTargetsDto, ifMatch: number | undefined): Promise<TaskTargetsDto> {
    const actor = requirePermission('tasks:supervise');
    const expected = dto.version ?? ifMatch;
    if (expected === undefined) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：version', [
        { field: 'version', reason: '请提供读取时的版本号（version 或 If-Match）以防覆盖他人修改' },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      const before = await loadTargets(manager, taskId);
      const rows: Array<{ id: string }> = await manager.query(
        `WITH updated AS (
           UPDATE task SET version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING id)
         SELECT id FROM updated`,
        [taskId, expected],
      );
      if (rows.length === 0) {
        const [current] = await manager.query(`SELECT version FROM task WHERE id = $1`, [taskId]);
        if (!current) throw new NotFoundError('任务', taskId);
        throw new ConflictError('STALE_VERSION', `任务已被他人修改（当前版本 ${current.version}，您提交的是 ${expected}），请刷新后再改`, {
          currentVersion: current.version,
        });
      }
      const known = new Set(before.map((t) => t.id));
      dto.targets.forEach((t, i) => {
        if (t.id && !known.has(t.id)) {
          throw new BadRequestError('VALIDATION_FAILED', `请求参数无效：targets[${i}].id`, [
            { field: `targets[${i}].id`, reason: '不是该任务的指标 (not a target of this task)' },
          ]);
        }
      });
      const kept = dto.targets.flatMap((t) => (t.id ? [t.id] : []));
      await manager.query(`DELETE FROM task_target WHERE task_id = $1 AND NOT (id = ANY($2))`, [taskId, kept]);
      // Positions move; park the kept rows out of the unique range first.
      await manager.query(`UPDATE task_target SET position = position + 1000 WHERE task_id = $1`, [taskId]);
      for (const [position, t] of dto.targets.entries()) {
        const values = [t.metric.trim(), t.verb?.trim() || null, t.comparator, t.value, t.unit.trim()];
        if (t.id) {
          await manager.query(
            `UPDATE task_target SET position = $2, metric = $3, verb = $4, comparator = $5, value = $6, unit = $7,
                    edited_by_supervisor = true, updated_at = now()
              WHERE id = $1`,
            [t.id, position, ...values],
          );
        } else {
          await manager.query(
            `INSERT INTO task_target (task_id, position, metric, verb, comparator, value, unit, edited_by_supervisor)
             VALUES ($1, $2, $3, $4, $5, $6, $7, true)`,
            [taskId, position, ...values],
          );
        }
      }
      // The task event also marks a list emptied by hand, which has no row left to carry the flag (see syncTargets).
      const after = await this.read(manager, taskId);
      const summary = (list: TargetDto[]) => list.map(({ metric, comparator, value, unit }) => ({ metric, comparator, value, unit }));
      await recordTaskEvent(manager, taskId, actor, {
        action: 'targets_edited',
        data: { before: summary(before), after: summary(after.targets) },
      });
      await this.audit.record(
        { action: 'task.targets', entity: 'task', entityId: taskId, before: summary(before), after: summary(after.targets) },
        manager,
      );
      return after;
    });
  }

  private async read(manager: EntityManager, taskId: string): Promise<TaskTargetsDto> {
    const [task] = await manager.query(`SELECT version FROM task WHERE id = $1`, [taskId]);
    if (!task) throw new NotFoundError('任务', taskId);
    return { taskId, version: task.version, targets: await loadTargets(manager, taskId) };
  }
}
