import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import { currentActor, requirePermission } from '../access/permissions';
import { Clock } from '../common/clock';
import { BadRequestError, ConflictError, NotFoundError } from '../common/domain-errors';
import { EvidenceService } from '../evidence/evidence.service';
import { lockTask, recordTaskEvent } from '../tasks/task-writes';
import { isOpen, isPastDue } from '../tasks/task-rules';
import { STATUS_LABELS } from '../tasks/task-transitions';
import type { CreateExtensionRequestDto, ExtensionRequestDto, ExtensionReviewDto } from './dto/extension.dto';
import { ExtensionRepository } from './extension.repository';

/** 延期: a unit asks before the due date; the due date moves only when a supervisor approves. */
@Injectable()
export class ExtensionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly evidence: EvidenceService,
  ) {}

  async request(taskId: string, dto: CreateExtensionRequestDto): Promise<ExtensionRequestDto> {
    const actor = currentActor();
    const id = await this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, taskId);
      const { unitId } = this.access.requireWriteTaskAs(task, task.units.map((u) => u.unitId), dto.unitId);
      if (!isOpen(task.status)) {
        throw new ConflictError('TASK_CLOSED', `任务${STATUS_LABELS[task.status]}，不能申请延期`);
      }
      if (isPastDue(task.dueDate, this.clock.today())) {
        throw new ConflictError('PAST_DUE', `任务已于 ${task.dueDate} 到期，延期须在截止日期前申请`);
      }
      if (dto.dueDate <= task.dueDate) {
        throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：dueDate', [
          { field: 'dueDate', reason: `须晚于当前截止日期 ${task.dueDate} (must be after the current due date)` },
        ]);
      }
      const requests = new ExtensionRepository(manager);
      const pendingId = await requests.pendingId(taskId);
      if (pendingId) throw new ConflictError('EXTENSION_PENDING', '该任务已有待审批的延期申请', { extensionRequestId: pendingId });
      const id = await requests.insert({
        taskId,
        unitId,
        previousDueDate: task.dueDate,
        requestedDueDate: dto.dueDate,
        reason: dto.reason.trim(),
        requestedBy: actor.userId,
      });
      await this.evidence.attach(manager, actor, taskId, { kind: 'extension_request', id }, dto.evidenceIds);
      await recordTaskEvent(manager, taskId, actor, { action: 'extension_requested', comment: dto.reason, data: { extensionRequestId: id, dueDate: dto.dueDate } });
      await this.audit.record({ action: 'extension.request', entity: 'task', entityId: taskId, after: { extensionRequestId: id, ...dto } }, manager);
      return id;
    });
    return this.get(id);
  }

  async review(requestId: string, dto: ExtensionReviewDto): Promise<ExtensionRequestDto> {
    requirePermission('tasks:supervise');
    await this.dataSource.transaction(async (manager) => {
      const requests = new ExtensionRepository(manager);
      const request = await requests.lock(requestId);
      if (!request) throw new NotFoundError('延期申请', requestId);
      const task = await lockTask(manager, request.taskId);
      // Another organization's request is as unknown as a missing one; a lower one's is read-only.
      this.access.requireReadOrganization(task.organizationId, '延期申请', requestId);
      const actor = this.access.requireSuperviseTask(task);
      if (request.decision) throw new ConflictError('ALREADY_DECIDED', '该延期申请已经审批过');
      await requests.decide(requestId, dto.decision, dto.comment ?? null, actor.userId);
      const approve = dto.decision === 'approve';
      if (approve) await requests.moveDueDate(task.id, request.requestedDueDate);
      await recordTaskEvent(manager, task.id, actor, {
        action: approve ? 'extension_approved' : 'extension_rejected',
        comment: dto.comment ?? null,
        data: { extensionRequestId: requestId, from: task.dueDate, to: approve ? request.requestedDueDate : task.dueDate },
      });
      await this.audit.record(
        {
          action: `extension.${dto.decision}`,
          entity: 'task',
          entityId: task.id,
          before: { dueDate: task.dueDate },
          after: { dueDate: approve ? request.requestedDueDate : task.dueDate, extensionRequestId: requestId },
        },
        manager,
      );
    });
    return this.get(requestId);
  }

  async listForTask(taskId: string): Promise<ExtensionRequestDto[]> {
    await this.access.requireReadTask(taskId);
    return new ExtensionRepository(this.dataSource).forTask(taskId);
  }

  private async get(id: string): Promise<ExtensionRequestDto> {
    const request = await new ExtensionRepository(this.dataSource).byId(id);
    if (!request) throw new NotFoundError('延期申请', id);
    return request;
  }
}
