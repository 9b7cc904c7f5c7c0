import type { EntityManager } from 'typeorm';
import type { AssignmentRole } from './task-status';

export interface AssignmentRow {
  unitId: string;
  role: AssignmentRole;
  position: number;
  viaGroupId: string | null;
}

/**
 * Makes each task's assignments exactly `assignments`: units no longer named go, new units come with assigned_at
 * now(), and a unit that stays keeps its row — its assigned_at and its 签收 — with its role and position updated.
 */
export async function syncAssignments(
  manager: EntityManager,
  replacements: Array<{ taskId: string; assignments: AssignmentRow[] }>,
): Promise<void> {
  if (replacements.length === 0) return;
  const rows = replacements.flatMap(({ taskId, assignments }) => assignments.map((a) => ({ taskId, ...a })));
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
  await manager.query(
    `DELETE FROM task_assignment a
      WHERE a.task_id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::uuid[]) AS w(task_id, unit_id)
                         WHERE w.task_id = a.task_id AND w.unit_id = a.unit_id)`,
    [replacements.map((r) => r.taskId), column('taskId'), column('unitId')],
  );
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO task_assignment (task_id, unit_id, role, position, via_group_id)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::smallint[], $5::uuid[])
     ON CONFLICT (task_id, unit_id) DO UPDATE
       SET role = EXCLUDED.role, position = EXCLUDED.position, via_group_id = EXCLUDED.via_group_id`,
    [column('taskId'), column('unitId'), column('role'), column('position'), column('viaGroupId')],
  );
}
