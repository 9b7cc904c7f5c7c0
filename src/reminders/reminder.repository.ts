import { Injectable } from '@nestjs/common';
import { organizationScopeSql } from '../access/access.repository';
import { exec, one, Params, returning, rows, type Db } from '../database/sql';
import type { ReminderDto } from './dto/reminder.dto';
import type { ReminderPolicy } from './reminder-policy';

/** The inbox's filters (GET /api/reminders); `unitId` is already narrowed to the caller's scope. */
export interface ReminderFilter {
  /** The organizations whose reminders are listed (the reminder's plan's). */
  organizationIds: readonly string[];
  unitId?: string;
  taskId?: string;
  kind?: string;
  unread?: boolean;
}

/** What a read receipt needs to know before it is written: who may read, and whether someone already has. */
export interface ReminderReceipt {
  organizationId: string;
  unitId: string | null;
  audience: 'unit' | 'supervisors';
  readAt: Date | null;
}

/** A manual 催办 to one unit. */
export interface UrgeInput {
  uniqueKey: string;
  planId: string;
  taskId: string;
  unitId: string;
  dueDate: string;
  message: string;
  createdBy: string | null;
}

interface ReminderRow {
  id: string;
  kind: string;
  level: number;
  audience: string;
  unit_id: string | null;
  unit_name: string | null;
  task_id: string;
  number: number;
  content: string;
  plan_id: string;
  due_date: string;
  period: string | null;
  workdays_overdue: number | null;
  message: string;
  created_at: Date;
  read_at: Date | null;
  read_by: string | null;
}

interface PolicyRow {
  enabled: boolean;
  due_soon_workdays: number;
  overdue_repeat_workdays: number;
  escalate_after_workdays: number;
  report_missing: boolean;
  acknowledge_within_workdays: number;
}

const SELECT_REMINDERS = `
  SELECT r.id, r.kind, r.level, r.audience, r.unit_id, u.name AS unit_name, r.task_id, t.number, t.content, t.plan_id,
         to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.period, r.workdays_overdue, r.message, r.created_at,
         r.read_at, ru.username AS read_by
    FROM reminder r
    JOIN task t ON t.id = r.task_id
    LEFT JOIN unit u ON u.id = r.unit_id
    LEFT JOIN app_user ru ON ru.id = r.read_by`;

/** The reminder aggregate's SQL outside the scan: the inbox, read receipts, manual 催办 and the per-plan ladder. */
@Injectable()
export class ReminderRepository {
  async count(db: Db, filter: ReminderFilter): Promise<number> {
    const params = new Params();
    const row = await one<{ total: number }>(db, `SELECT count(*)::int AS total FROM reminder r ${whereSql(filter, params)}`, params.values);
    return row?.total ?? 0;
  }

  /** A page of the inbox, newest first. */
  async page(db: Db, filter: ReminderFilter, limit: number, offset: number): Promise<ReminderDto[]> {
    const params = new Params();
    const clause = whereSql(filter, params);
    const found = await rows<ReminderRow>(
      db,
      `${SELECT_REMINDERS} ${clause} ORDER BY r.created_at DESC, r.id LIMIT ${params.bind(limit)} OFFSET ${params.bind(offset)}`,
      params.values,
    );
    return found.map(toDto);
  }

  async byId(db: Db, id: string): Promise<ReminderDto | null> {
    const row = await one<ReminderRow>(db, `${SELECT_REMINDERS} WHERE r.id = $1`, [id]);
    return row && toDto(row);
  }

  /** The reminders with these ids, oldest first. */
  async byIds(db: Db, ids: readonly string[]): Promise<ReminderDto[]> {
    const found = await rows<ReminderRow>(db, `${SELECT_REMINDERS} WHERE r.id = ANY($1) ORDER BY r.created_at`, [ids]);
    return found.map(toDto);
  }

  /** The reminder's receipt state, row-locked so two first readers cannot both write theirs. */
  async lockReceipt(db: Db, id: string): Promise<ReminderReceipt | null> {
    const row = await one<{ organization_id: string; unit_id: string | null; audience: ReminderReceipt['audience']; read_at: Date | null }>(
      db,
      `SELECT organization_id, unit_id, audience, read_at FROM reminder WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row && { organizationId: row.organization_id, unitId: row.unit_id, audience: row.audience, readAt: row.read_at };
  }

  async markRead(db: Db, id: string, userId: string | null): Promise<number> {
    return exec(db, `UPDATE reminder SET read_at = now(), read_by = $2 WHERE id = $1`, [id, userId]);
  }

  /** The plan title and task content a 催办 message quotes. */
  async urgeHeading(db: Db, taskId: string): Promise<{ planTitle: string; content: string } | null> {
    const row = await one<{ title: string; content: string }>(
      db,
      `SELECT p.title, t.content FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = $1`,
      [taskId],
    );
    return row && { planTitle: row.title, content: row.content };
  }

  /** Stores one 催办 and answers its id. */
  async insertUrge(db: Db, urge: UrgeInput): Promise<string> {
    const [created] = await returning<{ id: string }>(
      db,
      `INSERT INTO reminder (unique_key, plan_id, task_id, unit_id, kind, level, due_date, message, created_by)
       VALUES ($1, $2, $3, $4, 'urge', 1, $5, $6, $7) RETURNING id`,
      [urge.uniqueKey, urge.planId, urge.taskId, urge.unitId, urge.dueDate, urge.message, urge.createdBy],
    );
    return created!.id;
  }

  /** The plan's stored ladder settings, or null when it has none (the defaults apply). */
  async policy(db: Db, planId: string): Promise<ReminderPolicy | null> {
    const row = await one<PolicyRow>(
      db,
      `SELECT enabled, due_soon_workdays, overdue_repeat_workdays, escalate_after_workdays, report_missing,
              acknowledge_within_workdays
         FROM reminder_policy WHERE plan_id = $1`,
      [planId],
    );
    return (
      row && {
        enabled: row.enabled,
        dueSoonWorkdays: row.due_soon_workdays,
        overdueRepeatWorkdays: row.overdue_repeat_workdays,
        escalateAfterWorkdays: row.escalate_after_workdays,
        reportMissing: row.report_missing,
        acknowledgeWithinWorkdays: row.acknowledge_within_workdays,
      }
    );
  }

  async savePolicy(db: Db, planId: string, policy: ReminderPolicy): Promise<void> {
    await exec(
      db,
      `INSERT INTO reminder_policy (plan_id, enabled, due_soon_workdays, overdue_repeat_workdays, escalate_after_workdays, report_missing,
                                    acknowledge_within_workdays)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (plan_id) DO UPDATE SET enabled = $2, due_soon_workdays = $3, overdue_repeat_workdays = $4,
         escalate_after_workdays = $5, report_missing = $6, acknowledge_within_workdays = $7, updated_at = now()`,
      [
        planId,
        policy.enabled,
        policy.dueSoonWorkdays,
        policy.overdueRepeatWorkdays,
        policy.escalateAfterWorkdays,
        policy.reportMissing,
        policy.acknowledgeWithinWorkdays,
      ],
    );
  }
}

function whereSql(filter: ReminderFilter, params: Params): string {
  const where: string[] = [organizationScopeSql('r.organization_id', params.bind(filter.organizationIds))];
  if (filter.unitId) where.push(`r.unit_id = ${params.bind(filter.unitId)}`);
  if (filter.taskId) where.push(`r.task_id = ${params.bind(filter.taskId)}`);
  if (filter.kind) where.push(`r.kind = ${params.bind(filter.kind)}`);
  if (filter.unread !== undefined) where.push(filter.unread ? 'r.read_at IS NULL' : 'r.read_at IS NOT NULL');
  return `WHERE ${where.join(' AND ')}`;
}

function toDto(r: ReminderRow): ReminderDto {
  return {
    id: r.id,
    kind: r.kind,
    level: r.level,
    audience: r.audience,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name! } : null,
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
