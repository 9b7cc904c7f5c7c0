import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import { Env } from '../config/env';
import { leadUnits, lockTask } from '../tasks/task-writes';
import { isOpen } from '../tasks/task-rules';
import type { ListRemindersQueryDto, ReminderDto, ReminderPageDto, ReminderPolicyDto } from './dto/reminder.dto';
import { DEFAULT_POLICY, type ReminderPolicy } from './reminder-policy';
import { ReminderRepository } from './reminder.repository';
import { ReminderScanService, type ScanResult } from './reminder-scan.service';
import { reminderMessage } from './reminder-texts';

/** The inbox, read receipts, manual 催办 and the per-plan ladder settings. */
@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reminders: ReminderRepository,
    private readonly scanner: ReminderScanService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  async scanNow(asOf?: string): Promise<ScanResult> {
    requirePermission('tasks:supervise');
    return this.scanner.scan(asOf);
  }

  /**
   * A unit user sees its unit's reminders; staff see their organization's (or, switching, a lower one's), the
   * supervisors' notices included.
   */
  async list(query: ListRemindersQueryDto): Promise<ReminderPageDto> {
    const unitId = this.access.listScope(query.unitId, '提醒');
    const organizationIds = this.access.listOrganization(query.organizationId);
    const filter = { organizationIds, unitId: unitId ?? undefined, taskId: query.taskId, kind: query.kind, unread: query.unread };
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const total = await this.reminders.count(this.dataSource, filter);
    const items = await this.reminders.page(this.dataSource, filter, pageSize, (page - 1) * pageSize);
    return { items, total, page, pageSize };
  }

  /** 已读回执: the first reader of the unit (or, for a notice, of the office) and the time are kept. */
  async markRead(id: string): Promise<ReminderDto> {
    return this.dataSource.transaction(async (manager) => {
      const receipt = await this.reminders.lockReceipt(manager, id);
      if (!receipt) throw new NotFoundError('提醒', id);
      const actor = this.access.requireReminderRecipient({ id, ...receipt });
      if (!receipt.readAt) {
        await this.reminders.markRead(manager, id, actor.userId);
        await this.audit.record({ action: 'reminder.read', entity: 'reminder', entityId: id }, manager);
      }
      const reminder = await this.reminders.byId(manager, id);
      if (!reminder) throw new NotFoundError('提醒', id);
      return reminder;
    });
  }

  /** Manual 催办 to the task's lead units, delivered with the day's digests. */
  async urge(taskId: string, message: string): Promise<ReminderDto[]> {
    const actor = requirePermission('tasks:supervise');
    const ids = await this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, taskId);
      this.access.requireSuperviseTask(task);
      if (!isOpen(task.status)) throw new ConflictError('TASK_CLOSED', '任务已办结、暂缓或撤销，无需催办');
      const heading = await this.reminders.urgeHeading(manager, taskId);
      if (!heading) throw new NotFoundError('任务', taskId);
      const text = reminderMessage('urge', {
        planTitle: heading.planTitle,
        taskNumber: task.number,
        content: heading.content,
        dueDate: task.dueDate,
        link: `${this.env.APP_BASE_URL}/tasks/${taskId}`,
        message: message.trim(),
      });
      const created: string[] = [];
      for (const unitId of leadUnits(task)) {
        created.push(
          await this.reminders.insertUrge(manager, {
            uniqueKey: `urge:${taskId}:${unitId}:${randomUUID()}`,
            planId: task.planId,
            taskId,
            unitId,
            dueDate: task.dueDate,
            message: text,
            createdBy: actor.userId,
          }),
        );
      }
      await this.audit.record({ action: 'task.urge', entity: 'task', entityId: taskId, after: { message, reminderIds: created } }, manager);
      return created;
    });
    await this.scanner.deliverNow(this.clock.today());
    return this.reminders.byIds(this.dataSource, ids);
  }

  async getPolicy(planId: string): Promise<ReminderPolicyDto & ReminderPolicy> {
    await this.access.requireReadPlan(planId);
    const policy = (await this.reminders.policy(this.dataSource, planId)) ?? DEFAULT_POLICY;
    return { planId, ...policy };
  }

  async putPolicy(dto: ReminderPolicyDto): Promise<ReminderPolicyDto & ReminderPolicy> {
    requirePermission('reminders:configure');
    await this.access.requireWritePlan(dto.planId);
    const before = await this.getPolicy(dto.planId);
    const next = { ...before, ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) };
    await this.dataSource.transaction(async (manager) => {
      await this.reminders.savePolicy(manager, dto.planId, next);
      await this.audit.record({ action: 'reminder_policy.update', entity: 'plan', entityId: dto.planId, before, after: next }, manager);
    });
    return next;
  }
}
