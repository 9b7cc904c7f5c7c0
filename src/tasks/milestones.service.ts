import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import type { CreateMilestoneDto, MilestoneDto } from './dto/milestone.dto';
import { lockTask, recordTaskEvent } from './task-writes';

const COLUMNS = `id, task_id, title, to_char(due_date, 'YYYY-MM-DD') AS due_date, done_at`;

/** Intermediate checkpoints of a task, kept by the supervisors or the task's own units. */
@Injectable()
export class MilestonesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(taskId: string, dto: CreateMilestoneDto): Promise<MilestoneDto> {
    return this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, taskId);
      const actor = await this.access.requireWriteTask(task);
      const [row] = await manager.query(
        `INSERT INTO milestone (task_id, title, due_date, created_by) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
        [taskId, dto.title.trim(), dto.dueDate, actor.userId],
      );
      const milestone = toDto(row);
      await recordTaskEvent(manager, taskId, actor, { action: 'milestone_added', data: milestone });
      await this.audit.record({ action: 'milestone.create', entity: 'task', entityId: taskId, after: milestone }, manager);
      return milestone;
    });
  }

  async markDone(milestoneId: string): Promise<MilestoneDto> {
    return this.dataSource.transaction(async (manager) => {
      const [found] = await manager.query(`SELECT task_id FROM milestone WHERE id = $1`, [milestoneId]);
      if (!found) throw new NotFoundError('节点', milestoneId);
      const task = await lockTask(manager, found.task_id);
      const actor = await this.access.requireWriteTask(task);
      const [row] = await manager.query(
        `WITH done AS (UPDATE milestone SET done_at = now() WHERE id = $1 AND done_at IS NULL RETURNING *)
         SELECT ${COLUMNS} FROM done`,
        [milestoneId],
      );
      if (!row) throw new ConflictError('ALREADY_DONE', '该节点已完成');
      const milestone = toDto(row);
      await recordTaskEvent(manager, task.id, actor, { action: 'milestone_done', data: milestone });
      await this.audit.record({ action: 'milestone.done', entity: 'task', entityId: task.id, after: milestone }, manager);
      return milestone;
    });
  }

  async list(taskId: string): Promise<MilestoneDto[]> {
    await this.access.requireReadTask(taskId);
    const rows = await this.dataSource.query(`SELECT ${COLUMNS} FROM milestone WHERE task_id = $1 ORDER BY due_date, created_at`, [taskId]);
    return rows.map(toDto);
  }
}

function toDto(r: Record<string, any>): MilestoneDto {
  return { id: r.id, taskId: r.task_id, title: r.title, dueDate: r.due_date, doneAt: r.done_at ? new Date(r.done_at).toISOString() : null };
}
