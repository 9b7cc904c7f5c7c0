import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Actor } from '../access/actor';
import { mayAcknowledge } from '../access/rules';
import type { AcknowledgementDto } from './dto/task.dto';
import type { AcknowledgedVia } from './task-status';
import { TaskRepository, type AssignmentAcknowledgementRow } from './task.repository';

/**
 * The 签收 rule, in one place. A unit signs for a task once: with the 签收 button, or by working on it — its own
 * user's first progress report or 销号 request (a unit that works on a task has seen it). Staff acting on a unit's
 * behalf never sign for it. Call it inside the transaction that holds the task's row lock; it writes the audit
 * event with the 签收 and reports whether this call was the one that signed.
 */
export async function recordAcknowledgement(
  manager: EntityManager,
  audit: AuditService,
  taskId: string,
  unitId: string,
  actor: Actor,
  via: AcknowledgedVia,
): Promise<boolean> {
  if (!mayAcknowledge(actor, [unitId])) return false;
  if (!(await new TaskRepository(manager).acknowledge(taskId, unitId, actor.userId, via))) return false;
  await audit.record({ action: 'task.acknowledge', entity: 'task', entityId: taskId, after: { unitId, via } }, manager);
  return true;
}

/** A signed assignment as the API shows it. */
export function toAcknowledgement(row: AssignmentAcknowledgementRow): AcknowledgementDto {
  return {
    unit: { id: row.unit_id, name: row.unit_name },
    acknowledgedAt: new Date(row.acknowledged_at!).toISOString(),
    by: row.by_id ? { id: row.by_id, username: row.by_username!, displayName: row.by_display_name! } : null,
    via: row.acknowledged_via!,
  };
}
