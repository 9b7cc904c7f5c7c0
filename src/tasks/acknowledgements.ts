import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Actor } from '../access/actor';
import { mayAcknowledge } from '../access/rules';
import type { AcknowledgementDto } from './dto/task.dto';
import type { AcknowledgedVia } from './task-status';

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
  const signed: unknown[] = await manager.query(
    // Wrapped in a CTE because TypeORM answers a bare UPDATE … RETURNING with [rows, count], not rows.
    `WITH signed AS (
       UPDATE task_assignment SET acknowledged_at = now(), acknowledged_by = $3, acknowledged_via = $4
        WHERE task_id = $1 AND unit_id = $2 AND acknowledged_at IS NULL
       RETURNING id)
     SELECT id FROM signed`,
    [taskId, unitId, actor.userId, via],
  );
  if (signed.length === 0) return false;
  await audit.record({ action: 'task.acknowledge', entity: 'task', entityId: taskId, after: { unitId, via } }, manager);
  return true;
}

export interface AssignmentAcknowledgementRow {
  task_id: string;
  unit_id: string;
  unit_name: string;
  assigned_at: Date;
  acknowledged_at: Date | null;
  acknowledged_via: AcknowledgedVia | null;
  by_id: string | null;
  by_username: string | null;
  by_display_name: string | null;
}

/** Every assignment of the given tasks with its 签收 (or none), in the notice's order. */
export function assignmentAcknowledgements(manager: EntityManager, taskIds: string[]): Promise<AssignmentAcknowledgementRow[]> {
  return manager.query(
    `SELECT a.task_id, a.unit_id, u.name AS unit_name, a.assigned_at, a.acknowledged_at, a.acknowledged_via,
            au.id AS by_id, au.username AS by_username, au.display_name AS by_display_name
       FROM task_assignment a
       JOIN unit u ON u.id = a.unit_id
       LEFT JOIN app_user au ON au.id = a.acknowledged_by
      WHERE a.task_id = ANY($1)
      ORDER BY a.task_id, array_position(ARRAY['lead', 'responsible', 'cooperating'], a.role), a.position`,
    [taskIds],
  );
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
