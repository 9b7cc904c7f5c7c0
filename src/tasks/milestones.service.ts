import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import type { CreateMilestoneDto, MilestoneDto } from './dto/milestone.dto';
import { lockTask, recordTaskEvent } from './task-writes';
import { TaskRepository, type MilestoneRecord } from './task.repository';

/** Intermediate checkpoints of a task, kept by the supervisors or the task's own units. */
@Injectable()
export class MilestonesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: TaskRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(taskId: string, dto: CreateMilestoneDto): Promise<MilestoneDto> {
    return this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, taskId);
      const actor = await this.access.requireWriteTask(task);
      const milestone = toDto(await this.repository.in(manager).addMilestone(taskId, dto.title.trim(), dto.dueDate, actor.userId));
      await recordTaskEvent(manager, taskId, actor, { action: 'milestone_added', data: milestone });
      await this.audit.record({ action: 'milestone.create', entity: 'task', entityId: taskId, after: milestone }, manager);
      return milestone;
    });
  }

  async markDone(milestoneId: string): Promise<MilestoneDto> {
    return this.dataSource.transaction(async (manager) => {
      const repository = this.repository.in(manager);
      const taskId = await repository.milestoneTask(milestoneId);
      if (!taskId) throw new NotFoundError('节点', milestoneId);
      const task = await lockTask(manager, taskId);
      const actor = await this.access.requireWriteTask(task);
      const done = await repository.markMilestoneDone(milestoneId);
      if (!done) throw new ConflictError('ALREADY_DONE', '该节点已完成');
      const milestone = toDto(done);
      await recordTaskEvent(manager, task.id, actor, { action: 'milestone_done', data: milestone });
      await this.audit.record({ action: 'milestone.done', entity: 'task', entityId: task.id, after: milestone }, manager);
      return milestone;
    });
  }

  async list(taskId: string): Promise<MilestoneDto[]> {
    await this.access.requireReadTask(taskId);
    return (await this.repository.milestones(taskId)).map(toDto);
  }
}

function toDto(m: MilestoneRecord): MilestoneDto {
  return { id: m.id, taskId: m.taskId, title: m.title, dueDate: m.dueDate, doneAt: m.doneAt ? new Date(m.doneAt).toISOString() : null };
}
