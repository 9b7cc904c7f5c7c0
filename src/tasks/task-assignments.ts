import type { EntityManager } from 'typeorm';
import { TaskRepository, type AssignmentInput } from './task.repository';

/**
 * Makes each task's assignments exactly `assignments`: units no longer named go, new units come with assigned_at
 * now(), and a unit that stays keeps its row — its assigned_at and its 签收 — with its role and position updated.
 */
export async function syncAssignments(
  manager: EntityManager,
  replacements: Array<{ taskId: string; assignments: AssignmentInput[] }>,
): Promise<void> {
  await new TaskRepository(manager).syncAssignments(replacements);
}
