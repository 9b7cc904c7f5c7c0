import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
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

const SELECT_REQUESTS = `
  SELECT e.id, e.task_id, e.unit_id, u.name AS unit_name,
         to_char(e.previous_due_date, 'YYYY-MM-DD') AS previous_due_date,
         to_char(e.requested_due_date, 'YYYY-MM-DD') AS requested_due_date,
         e.reason, rq.username AS requested_by, e.requested_at, e.decision, e.comment, dc.username AS decided_by, e.decided_at
    FROM extension_request e
    JOIN unit u ON u.id = e.unit_id
    JOIN app_user rq ON rq.id = e.requested_by
    LEFT JOIN app_user dc ON dc.id = e.decided_by`;

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
      const { unitId } = this.access.requireWriteTaskAs(task.units.map((u) => u.unitId), dto.unitId);
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
      const [pending] = await manager.query(`SELECT id FROM extension_request WHERE task_id = $1 AND decision IS NULL`, [taskId]);
      if (pending) throw new ConflictError('EXTENSION_PENDING', '该任务已有待审批的延期申请', { extensionRequestId: pending.id });
      const [{ id }] = await manager.query(
        `INSERT INTO extension_request (task_id, unit_id, previous_due_date, requested_due_date, reason, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [taskId, unitId, task.dueDate, dto.dueDate, dto.reason.trim(), actor.userId],
      );
      await this.evidence.attach(manager, actor, taskId, { kind: 'extension_request', id }, dto.evidenceIds);
      await recordTaskEvent(manager, taskId, actor, { action: 'extension_requested', comment: dto.reason, data: { extensionRequestId: id, dueDate: dto.dueDate } });
      await this.audit.record({ action: 'extension.request', entity: 'task', entityId: taskId, after: { extensionRequestId: id, ...dto } }, manager);
      return id as string;
    });
    return this.get(id);
  }

  async review(requestId: string, dto: ExtensionReviewDto): Promise<ExtensionRequestDto> {
    const actor = requirePermission('tasks:supervise');
    await this.dataSource.transaction(async (manager) => {
      const request = await this.lockRequest(manager, requestId);
      const task = await lockTask(manager, request.task_id);
      if (request.decision) throw new ConflictError('ALREADY_DECIDED', '该延期申请已经审批过');
      await manager.query(
        `UPDATE extension_request SET decision = $2, comment = $3, decided_by = $4, decided_at = now() WHERE id = $1`,
        [requestId, dto.decision, dto.comment ?? null, actor.userId],
      );
      const approve = dto.decision === 'approve';
      if (approve) {
        await manager.query(`UPDATE task SET due_date = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
          task.id,
          request.requested_due_date,
        ]);
      }
      await recordTaskEvent(manager, task.id, actor, {
        action: approve ? 'extension_approved' : 'extension_rejected',
        comment: dto.comment ?? null,
        data: { extensionRequestId: requestId, from: task.dueDate, to: approve ? request.requested_due_date : task.dueDate },
      });
      await this.audit.record(
        {
          action: `extension.${dto.decision}`,
          entity: 'task',
          entityId: task.id,
          before: { dueDate: task.dueDate },
          after: { dueDate: approve ? request.requested_due_date : task.dueDate, extensionRequestId: requestId },
        },
        manager,
      );
    });
    return this.get(requestId);
  }

  async listForTask(taskId: string): Promise<ExtensionRequestDto[]> {
    await this.access.requireReadTask(taskId);
    const rows = await this.dataSource.query(`${SELECT_REQUESTS} WHERE e.task_id = $1 ORDER BY e.requested_at, e.id`, [taskId]);
    return rows.map(toDto);
  }

  private async get(id: string): Promise<ExtensionRequestDto> {
    const [row] = await this.dataSource.query(`${SELECT_REQUESTS} WHERE e.id = $1`, [id]);
    if (!row) throw new NotFoundError('延期申请', id);
    return toDto(row);
  }

  private async lockRequest(manager: EntityManager, id: string) {
    const [row] = await manager.query(
      `SELECT id, task_id, decision, to_char(requested_due_date, 'YYYY-MM-DD') AS requested_due_date
         FROM extension_request WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) throw new NotFoundError('延期申请', id);
    return row as { id: string; task_id: string; decision: string | null; requested_due_date: string };
  }
}

function toDto(r: Record<string, any>): ExtensionRequestDto {
  return {
    id: r.id,
    taskId: r.task_id,
    unit: { id: r.unit_id, name: r.unit_name },
    previousDueDate: r.previous_due_date,
    requestedDueDate: r.requested_due_date,
    reason: r.reason,
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at).toISOString(),
    status: r.decision ?? 'pending',
    comment: r.comment,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  };
}
