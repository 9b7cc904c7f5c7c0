import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { one } from '../database/sql';

/** The little SQL the access rules need: which units a task is assigned to, whether a unit has tasks in a plan. */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The units assigned to the task, in any role; null when there is no such task. */
  async taskUnits(taskId: string): Promise<string[] | null> {
    const task = await one<{ units: string[] }>(
      this.dataSource,
      `SELECT array(SELECT a.unit_id FROM task_assignment a WHERE a.task_id = t.id) AS units FROM task t WHERE t.id = $1`,
      [taskId],
    );
    return task?.units ?? null;
  }

  /** Whether the unit has a task in the plan (null unit: not asked); null when there is no such plan. */
  async planHoldsUnit(planId: string, unitId: string | null): Promise<boolean | null> {
    const plan = await one<{ holds: boolean }>(
      this.dataSource,
      `SELECT $2::uuid IS NULL OR ${planScopeSql('p.id', '$2')} AS holds FROM plan p WHERE p.id = $1`,
      [planId, unitId],
    );
    return plan?.holds ?? null;
  }
}

/** The task read scope as a SQL condition on task alias `task`, for the scope unit bound to parameter `unitParam`. */
export function taskScopeSql(task: string, unitParam: string): string {
  return `EXISTS (SELECT 1 FROM task_assignment scope WHERE scope.task_id = ${task}.id AND scope.unit_id = ${unitParam})`;
}

/** The plan read scope as a SQL condition on the plan id expression `planId`: the plans the unit has tasks in. */
export function planScopeSql(planId: string, unitParam: string): string {
  return `${planId} IN (SELECT scope_t.plan_id FROM task scope_t JOIN task_assignment scope_a ON scope_a.task_id = scope_t.id WHERE scope_a.unit_id = ${unitParam})`;
}
