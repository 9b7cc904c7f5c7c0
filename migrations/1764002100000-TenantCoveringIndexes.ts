import type { MigrationInterface, QueryRunner } from 'typeorm';

interface CoveringIndex {
  name: string;
  on: string;
  include: string;
  where?: string;
}

/** The per-task probes of the task rules and the unit task list, as they were before this migration. */
const BEFORE: CoveringIndex[] = [
  { name: 'ix_task_event_status_change', on: 'task_event (task_id, at DESC, id DESC)', include: 'to_status', where: 'to_status IS NOT NULL' },
  { name: 'ix_progress_report_task_period', on: 'progress_report (task_id, period, created_at)', include: 'unit_id' },
  { name: 'ix_task_assignment_unit_task', on: 'task_assignment (unit_id, task_id)', include: 'role' },
  { name: 'ix_task_id_plan_number', on: 'task (id)', include: 'plan_id, number' },
];

function create(index: CoveringIndex, include: string): string {
  return `CREATE INDEX ${index.name} ON ${index.on} INCLUDE (${include})${index.where ? ` WHERE ${index.where}` : ''}`;
}

/**
 * Reads bound to an organization (row-level security, 1764001600000) filter every row on organization_id. The
 * indexes the task rules and the unit task list probe once per task answered from the index alone; without the
 * column the policy sends each probe to the table (measured at 1,000,000 tasks: the unit standings of a
 * 10,000-task plan 320 ms as owner, 780 ms under the policy). They now carry organization_id too.
 */
export class TenantCoveringIndexes1764002100000 implements MigrationInterface {
  name = 'TenantCoveringIndexes1764002100000';

  async up(q: QueryRunner): Promise<void> {
    for (const index of BEFORE) {
      await q.query(`DROP INDEX ${index.name}`);
      await q.query(create(index, `${index.include}, organization_id`));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of BEFORE) {
      await q.query(`DROP INDEX ${index.name}`);
      await q.query(create(index, index.include));
    }
  }
}
