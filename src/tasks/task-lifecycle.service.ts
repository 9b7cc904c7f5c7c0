import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import { currentActor, requirePermission } from '../access/permissions';
import { BadRequestError, ConflictError, NotFoundError } from '../common/domain-errors';
import { EvidenceService } from '../evidence/evidence.service';
import type { CompletionRequestDto, CompletionReviewDto, TaskEventDto, UpdateTaskDto } from './dto/task-lifecycle.dto';
import type { TaskDetailDto } from './dto/task.dto';
import { recordAcknowledgement } from './acknowledgements';
import { changeStatus, leadUnits, lockTask, recordTaskEvent } from './task-writes';
import { TasksService } from './tasks.service';
import { TaskRepository } from './task.repository';

/** 销号, 退回, 暂缓, 撤销, 恢复 and supervisors' edits: every step checked, versioned and kept as history. */
@Injectable()
export class TaskLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: TaskRepository,
    private readonly tasks: TasksService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly evidence: EvidenceService,
  ) {}

  /** The lead unit (or, with none, a responsible unit) asks for 销号. */
  async requestCompletion(taskId: string, dto: CompletionRequestDto): Promise<TaskDetailDto> {
    const actor = currentActor();
    await this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, taskId);
      const { unitId } = this.access.requireWriteTaskAs(task, leadUnits(task), dto.unitId);
      await changeStatus(manager, task, 'completion_requested', actor, { action: 'completion_requested', comment: dto.summary });
      const id = await this.repository.in(manager).addCompletionRequest(taskId, unitId, dto.summary.trim(), actor.userId);
      const attached = await this.evidence.attach(manager, actor, taskId, { kind: 'completion_request', id }, dto.evidenceIds);
      await this.evidence.assertCompletionEvidence(manager, task.planId, attached);
      await recordAcknowledgement(manager, this.audit, taskId, unitId, actor, 'completion_request');
      await this.audit.record({ action: 'task.completion_request', entity: 'task', entityId: taskId, after: { unitId, summary: dto.summary } }, manager);
    });
    return this.tasks.get(taskId);
  }

  async reviewCompletion(taskId: string, dto: CompletionReviewDto): Promise<TaskDetailDto> {
    requirePermission('tasks:supervise');
    if (dto.decision === 'return' && !dto.comment?.trim()) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：comment', [{ field: 'comment', reason: '退回时必须说明理由 (a return needs a reason)' }]);
    }
    await this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, taskId);
      const actor = this.access.requireSuperviseTask(task);
      const approve = dto.decision === 'approve';
      await changeStatus(manager, task, approve ? 'completed' : 'in_progress', actor, {
        action: approve ? 'completion_approved' : 'completion_returned',
        comment: dto.comment ?? null,
      });
      await this.repository.in(manager).decideCompletionRequest(taskId, dto.decision, dto.comment ?? null, actor.userId);
      await this.audit.record({ action: `task.completion_${dto.decision}`, entity: 'task', entityId: taskId, after: { ...dto } }, manager);
    });
    return this.tasks.get(taskId);
  }

  async suspend(taskId: string, reason: string): Promise<TaskDetailDto> {
    return this.supervisorStep(taskId, 'suspended', 'suspended', reason);
  }

  async cancel(taskId: string, reason: string): Promise<TaskDetailDto> {
    return this.supervisorStep(taskId, 'cancelled', 'cancelled', reason);
  }

  /** Back from 暂缓 to where the work stood: in progress if anything was reported, else not started. */
  async resume(taskId: string, reason: string): Promise<TaskDetailDto> {
    const reported = await this.repository.hasProgress(taskId);
    return this.supervisorStep(taskId, reported ? 'in_progress' : 'not_started', 'resumed', reason);
  }

  /** A supervisor's edit, refused (409) when the version read is no longer current: no lost updates. */
  async update(taskId: string, dto: UpdateTaskDto, ifMatch: number | undefined): Promise<TaskDetailDto> {
    const actor = requirePermission('tasks:supervise');
    const expected = dto.version ?? ifMatch;
    if (expected === undefined) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：version', [
        { field: 'version', reason: '请提供读取时的版本号（version 或 If-Match）以防覆盖他人修改' },
      ]);
    }
    const before = await this.tasks.get(taskId);
    await this.dataSource.transaction(async (manager) => {
      this.access.requireSuperviseTask(await lockTask(manager, taskId));
      const repository = this.repository.in(manager);
      const updated = await repository.updateIfVersion(taskId, expected, {
        dueDate: dto.dueDate ?? null,
        content: dto.content?.trim() ?? null,
        kind: dto.kind ?? null,
      });
      if (updated === 0) {
        const current = await repository.currentVersion(taskId);
        if (current === null) throw new NotFoundError('任务', taskId);
        throw new ConflictError('STALE_VERSION', `任务已被他人修改（当前版本 ${current}，您提交的是 ${expected}），请刷新后再改`, {
          currentVersion: current,
        });
      }
      const changes = { dueDate: dto.dueDate, content: dto.content, kind: dto.kind };
      await recordTaskEvent(manager, taskId, actor, { action: 'edited', data: { before: pick(before, changes), after: changes } });
      await this.audit.record({ action: 'task.update', entity: 'task', entityId: taskId, before: pick(before, changes), after: changes }, manager);
    });
    return this.tasks.get(taskId);
  }

  async history(taskId: string): Promise<TaskEventDto[]> {
    await this.access.requireReadTask(taskId);
    return (await this.repository.events(taskId)).map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
  }

  private async supervisorStep(
    taskId: string,
    to: 'suspended' | 'cancelled' | 'in_progress' | 'not_started',
    action: string,
    reason: string,
  ): Promise<TaskDetailDto> {
    requirePermission('tasks:supervise');
    await this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, taskId);
      const actor = this.access.requireSuperviseTask(task);
      if (action === 'resumed' && task.status !== 'suspended') {
        throw new ConflictError('ILLEGAL_TRANSITION', '只有已暂缓的任务可以恢复', { from: task.status });
      }
      await changeStatus(manager, task, to, actor, { action, comment: reason });
      await this.audit.record({ action: `task.${action}`, entity: 'task', entityId: taskId, after: { status: to, reason } }, manager);
    });
    return this.tasks.get(taskId);
  }
}

function pick(task: TaskDetailDto, changes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(changes)
      .filter((key) => changes[key] !== undefined)
      .map((key) => [key, task[key as keyof TaskDetailDto]]),
  );
}
