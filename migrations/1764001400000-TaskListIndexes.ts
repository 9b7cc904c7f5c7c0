import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The task register filtered on a unit (GET /api/tasks?unitId=, and every unit user's list) finds the unit's
 * tasks from its assignments and orders them by plan and number: both indexes answer from the index alone, so a
 * page reads the heap only for the rows it shows.
 */
export class TaskListIndexes1764001400000 implements MigrationInterface {
  name = 'TaskListIndexes1764001400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_task_assignment_unit_task ON task_assignment (unit_id, task_id) INCLUDE (role)`);
    await q.query(`CREATE INDEX ix_task_id_plan_number ON task (id) INCLUDE (plan_id, number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_task_id_plan_number`);
    await q.query(`DROP INDEX ix_task_assignment_unit_task`);
  }
}
