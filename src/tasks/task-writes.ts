import type { EntityManager } from 'typeorm';
import { ForbiddenError } from '../auth/access-policy';
import type { Actor } from '../auth/actor';
import { BadRequestError, NotFoundError } from '../common/domain-errors';
import type { TaskStatus } from './task-status';
import { TaskRepository, type LockedTask, type TaskEventInput } from './task.repository';
import { assertTransition } from './task-transitions';

export type { LockedTask, TaskEventInput } from './task.repository';

/** The task under a row lock until the transaction ends; 404 when unknown. */
export async function lockTask(manager: EntityManager, taskId: string): Promise<LockedTask> {
  const task = await new TaskRepository(manager).lockForUpdate(taskId);
  if (!task) throw new NotFoundError('任务', taskId);
  return task;
}

/** The units that lead a task: its 牵头单位, or all its 责任单位 when it names none. */
export function leadUnits(task: LockedTask): string[] {
  const lead = task.units.filter((u) => u.role === 'lead');
  return (lead.length > 0 ? lead : task.units.filter((u) => u.role === 'responsible')).map((u) => u.unitId);
}

/**
 * The unit a write speaks for. A unit user speaks for its own unit, which must be among `allowed`; a supervisor
 * may speak for an allowed unit it names (on its behalf). Nobody else writes on a unit's behalf.
 */
export function actingUnit(
  actor: Actor,
  allowed: string[],
  requestedUnitId: string | undefined,
): { unitId: string; onBehalf: boolean } {
  if (actor.role === 'unit_user') {
    if (!actor.unitId || !allowed.includes(actor.unitId)) throw new ForbiddenError('该任务未分配给本单位，不能操作');
    if (requestedUnitId && requestedUnitId !== actor.unitId) throw new ForbiddenError('不能代其他单位报送');
    return { unitId: actor.unitId, onBehalf: false };
  }
  if (actor.role === 'supervisor' || actor.role === 'system') {
    if (!requestedUnitId) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：unitId', [
        { field: 'unitId', reason: '代单位操作时必须指定单位 (unitId is required when acting for a unit)' },
      ]);
    }
    if (!allowed.includes(requestedUnitId)) throw new ForbiddenError('指定的单位不是该任务的承办单位');
    return { unitId: requestedUnitId, onBehalf: true };
  }
  throw new ForbiddenError();
}

export async function recordTaskEvent(manager: EntityManager, taskId: string, actor: Actor, event: TaskEventInput): Promise<void> {
  await new TaskRepository(manager).addEvent(taskId, actor, event);
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
  const repository = new TaskRepository(manager);
  await repository.setStatus(task.id, to);
  await repository.addEvent(task.id, actor, { ...event, fromStatus: task.status, toStatus: to });
  task.status = to;
  task.version += 1;
}
