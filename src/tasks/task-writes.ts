import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { NotFoundError } from '../common/domain-errors';
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
