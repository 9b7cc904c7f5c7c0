import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ForbiddenError, currentActor } from '../auth/access-policy';
import type { Actor } from '../auth/actor';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import { PlansService } from '../plans/plans.service';
import type { CreateMilestoneDto, MilestoneDto } from './dto/milestone.dto';
import { lockTask, recordTaskEvent, type LockedTask } from './task-writes';
import { TaskRepository, type MilestoneRecord } from './task.repository';

/** Intermediate checkpoints of a task, kept by the supervisors or the task's own units. */
@Injectable()
export class MilestonesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: TaskRepository,
    private readonly plans: PlansService,
    private readonly audit: AuditService,
  ) {}

  async create(taskId: string, dto: CreateMilestoneDto): Promise<MilestoneDto> {
    const actor = currentActor();
    return this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, taskId);
      assertMayPlan(actor, task);
      const milestone = toDto(await this.repository.in(manager).addMilestone(taskId, dto.title.trim(), dto.dueDate, actor.userId));
      await recordTaskEvent(manager, taskId, actor, { action: 'milestone_added', data: milestone });
      await this.audit.record({ action: 'milestone.create', entity: 'task', entityId: taskId, after: milestone }, manager);
      return milestone;
    });
  }

  async markDone(milestoneId: string): Promise<MilestoneDto> {
    const actor = currentActor();
    return this.dataSource.transaction(async (manager) => {
      const repository = this.repository.in(manager);
      const taskId = await repository.milestoneTask(milestoneId);
      if (!taskId) throw new NotFoundError('节点', milestoneId);
      const task = await lockTask(manager, taskId);
      assertMayPlan(actor, task);
      const done = await repository.markMilestoneDone(milestoneId);
      if (!done) throw new ConflictError('ALREADY_DONE', '该节点已完成');
      const milestone = toDto(done);
      await recordTaskEvent(manager, task.id, actor, { action: 'milestone_done', data: milestone });
      await this.audit.record({ action: 'milestone.done', entity: 'task', entityId: task.id, after: milestone }, manager);
      return milestone;
    });
  }

  async list(taskId: string): Promise<MilestoneDto[]> {
    await this.plans.assertCanReadTask(taskId);
    return (await this.repository.milestones(taskId)).map(toDto);
  }
}

function assertMayPlan(actor: Actor, task: LockedTask): void {
  if (actor.role === 'supervisor' || actor.role === 'system') return;
  if (actor.role === 'unit_user' && task.units.some((u) => u.unitId === actor.unitId)) return;
  throw new ForbiddenError('该任务未分配给本单位，不能操作');
}

function toDto(m: MilestoneRecord): MilestoneDto {
  return { id: m.id, taskId: m.taskId, title: m.title, dueDate: m.dueDate, doneAt: m.doneAt ? new Date(m.doneAt).toISOString() : null };
}
