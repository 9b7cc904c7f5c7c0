import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { NotFoundError } from '../common/domain-errors';
import type { ReportingCycle } from '../plans/plan.entity';
import type { AssignmentRole, TaskStatus } from './task-status';
import { assertTransition } from './task-transitions';

/** A task read under a row lock, with what every write on it needs to decide. */
export interface LockedTask {
  id: string;
  planId: string;
  number: number;
  status: TaskStatus;
  version: number;
  dueDate: string;
  reportingCycle: ReportingCycle;
  reportCutoffDay: number;
  units: Array<{ unitId: string; role: AssignmentRole }>;
}

export async function lockTask(manager: EntityManager, taskId: string): Promise<LockedTask> {
  const [row] = await manager.query(
    `SELECT t.id, t.plan_id, t.number, t.status, t.version, to_char(t.due_date, 'YYYY-MM-DD') AS due_date,
            p.reporting_cycle, p.report_cutoff_day
       FROM task t JOIN plan p ON p.id = t.plan_id
      WHERE t.id = $1
        FOR UPDATE OF t`,
    [taskId],
  );
  if (!row) throw new NotFoundError('任务', taskId);
  const units: Array<{ unit_id: string; role: AssignmentRole }> = await manager.query(
    `SELECT unit_id, role FROM task_assignment WHERE task_id = $1 ORDER BY role, position`,
    [taskId],
  );
  return {
    id: row.id,
    planId: row.plan_id,
    number: row.number,
    status: row.status,
    version: row.version,
    dueDate: row.due_date,
    reportingCycle: row.reporting_cycle,
    reportCutoffDay: row.report_cutoff_day,
    units: units.map((u) => ({ unitId: u.unit_id, role: u.role })),
  };
}

/** The units that lead a task: its 牵头单位, or all its 责任单位 when it names none. */
export function leadUnits(task: LockedTask): string[] {
  const lead = task.units.filter((u) => u.role === 'lead');
  return (lead.length > 0 ? lead : task.units.filter((u) => u.role === 'responsible')).map((u) => u.unitId);
}

export interface TaskEventInput {
  action: string;
  fromStatus?: TaskStatus | null;
  toStatus?: TaskStatus | null;
  comment?: string | null;
  data?: object | null;
}

export async function recordTaskEvent(manager: EntityManager, taskId: string, actor: Actor, event: TaskEventInput): Promise<void> {
  await manager.query(
    `INSERT INTO task_event (task_id, actor_id, actor_username, action, from_status, to_status, comment, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      taskId,
      actor.userId,
      actor.username,
      event.action,
      event.fromStatus ?? null,
      event.toStatus ?? null,
      event.comment ?? null,
      event.data ? JSON.stringify(event.data) : null,
    ],
  );
}

/** Moves a locked task to another status (bumping its version) and keeps the step in its history. */
export async function changeStatus(
  manager: EntityManager,
  task: LockedTask,
  to: TaskStatus,
  actor: Actor,
  event: { action: string; comment?: string | null; data?: object | null },
): Promise<void> {
  assertTransition(task.status, to);
  await manager.query(`UPDATE task SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [task.id, to]);
  await recordTaskEvent(manager, task.id, actor, { ...event, fromStatus: task.status, toStatus: to });
  task.status = to;
  task.version += 1;
}
