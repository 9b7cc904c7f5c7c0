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
import { ReminderScanService, type ScanResult } from './reminder-scan.service';
import { reminderMessage } from './reminder-texts';

const SELECT_REMINDERS = `
  SELECT r.id, r.kind, r.level, r.audience, r.unit_id, u.name AS unit_name, r.task_id, t.number, t.content, t.plan_id,
         to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.period, r.workdays_overdue, r.message, r.created_at,
         r.read_at, ru.username AS read_by
    FROM reminder r
    JOIN task t ON t.id = r.task_id
    LEFT JOIN unit u ON u.id = r.unit_id
    LEFT JOIN app_user ru ON ru.id = r.read_by`;

/** The inbox, read receipts, manual 催办 and the per-plan ladder settings. */
@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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

  /** A unit user sees its unit's reminders; staff see all, the supervisors' notices included. */
  async list(query: ListRemindersQueryDto): Promise<ReminderPageDto> {
    const unitId = this.access.listScope(query.unitId, '提醒');
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (unitId) where.push(`r.unit_id = ${bind(unitId)}`);
    if (query.taskId) where.push(`r.task_id = ${bind(query.taskId)}`);
    if (query.kind) where.push(`r.kind = ${bind(query.kind)}`);
    if (query.unread !== undefined) where.push(query.unread ? 'r.read_at IS NULL' : 'r.read_at IS NOT NULL');
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM reminder r ${clause}`, params);
    const rows = await this.dataSource.query(
      `${SELECT_REMINDERS} ${clause} ORDER BY r.created_at DESC, r.id LIMIT ${bind(pageSize)} OFFSET ${bind((page - 1) * pageSize)}`,
      params,
    );
    return { items: rows.map(toDto), total, page, pageSize };
  }

  /** 已读回执: the first reader of the unit (or, for a notice, of the office) and the time are kept. */
  async markRead(id: string): Promise<ReminderDto> {
    return this.dataSource.transaction(async (manager) => {
      const [reminder] = await manager.query(`SELECT unit_id, audience, read_at FROM reminder WHERE id = $1 FOR UPDATE`, [id]);
      if (!reminder) throw new NotFoundError('提醒', id);
      const actor = this.access.requireReminderRecipient({ audience: reminder.audience, unitId: reminder.unit_id });
      if (!reminder.read_at) {
        await manager.query(`UPDATE reminder SET read_at = now(), read_by = $2 WHERE id = $1`, [id, actor.userId]);
        await this.audit.record({ action: 'reminder.read', entity: 'reminder', entityId: id }, manager);
      }
      const [row] = await manager.query(`${SELECT_REMINDERS} WHERE r.id = $1`, [id]);
      return toDto(row);
    });
  }

  /** Manual 催办 to the task's lead units, delivered with the day's digests. */
  async urge(taskId: string, message: string): Promise<ReminderDto[]> {
    const actor = requirePermission('tasks:supervise');
    const ids = await this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, taskId);
      if (!isOpen(task.status)) throw new ConflictError('TASK_CLOSED', '任务已办结、暂缓或撤销，无需催办');
      const [info] = await manager.query(
        `SELECT p.title, t.content FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = $1`,
        [taskId],
      );
      const text = reminderMessage('urge', {
        planTitle: info.title,
        taskNumber: task.number,
        content: info.content,
        dueDate: task.dueDate,
        link: `${this.env.APP_BASE_URL}/tasks/${taskId}`,
        message: message.trim(),
      });
      const created: string[] = [];
      for (const unitId of leadUnits(task)) {
        const [{ id }] = await manager.query(
          `INSERT INTO reminder (unique_key, plan_id, task_id, unit_id, kind, level, due_date, message, created_by)
           VALUES ($1, $2, $3, $4, 'urge', 1, $5, $6, $7) RETURNING id`,
          [`urge:${taskId}:${unitId}:${randomUUID()}`, task.planId, taskId, unitId, task.dueDate, text, actor.userId],
        );
        created.push(id);
      }
      await this.audit.record({ action: 'task.urge', entity: 'task', entityId: taskId, after: { message, reminderIds: created } }, manager);
      return created;
    });
    await this.scanner.deliverNow(this.clock.today());
    const rows = await this.dataSource.query(`${SELECT_REMINDERS} WHERE r.id = ANY($1) ORDER BY r.created_at`, [ids]);
    return rows.map(toDto);
  }

  async getPolicy(planId: string): Promise<ReminderPolicyDto & ReminderPolicy> {
    await this.access.requireReadPlan(planId);
    const [row] = await this.dataSource.query(`SELECT * FROM reminder_policy WHERE plan_id = $1`, [planId]);
    const policy = row
      ? {
          enabled: row.enabled,
          dueSoonWorkdays: row.due_soon_workdays,
          overdueRepeatWorkdays: row.overdue_repeat_workdays,
          escalateAfterWorkdays: row.escalate_after_workdays,
          reportMissing: row.report_missing,
          acknowledgeWithinWorkdays: row.acknowledge_within_workdays,
        }
      : DEFAULT_POLICY;
    return { planId, ...policy };
  }

  async putPolicy(dto: ReminderPolicyDto): Promise<ReminderPolicyDto & ReminderPolicy> {
    requirePermission('reminders:configure');
    const before = await this.getPolicy(dto.planId);
    const next = { ...before, ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) };
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO reminder_policy (plan_id, enabled, due_soon_workdays, overdue_repeat_workdays, escalate_after_workdays, report_missing,
                                      acknowledge_within_workdays)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (plan_id) DO UPDATE SET enabled = $2, due_soon_workdays = $3, overdue_repeat_workdays = $4,
           escalate_after_workdays = $5, report_missing = $6, acknowledge_within_workdays = $7, updated_at = now()`,
        [
          dto.planId,
          next.enabled,
          next.dueSoonWorkdays,
          next.overdueRepeatWorkdays,
          next.escalateAfterWorkdays,
          next.reportMissing,
          next.acknowledgeWithinWorkdays,
        ],
      );
      await this.audit.record({ action: 'reminder_policy.update', entity: 'plan', entityId: dto.planId, before, after: next }, manager);
    });
    return next;
  }
}

function toDto(r: Record<string, any>): ReminderDto {
  return {
    id: r.id,
    kind: r.kind,
    level: r.level,
    audience: r.audience,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name } : null,
    task: { id: r.task_id, number: r.number, content: r.content, planId: r.plan_id },
    dueDate: r.due_date,
    period: r.period,
    workdaysOverdue: r.workdays_overdue,
    message: r.message,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    readBy: r.read_by,
  };
}
