import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { one } from '../database/sql';

/** The little SQL the access rules need: which units a task is assigned to, whether a unit has tasks in a plan. */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The task's organization and the units assigned to it, in any role; null when there is no such task. */
  taskUnits(taskId: string): Promise<{ organizationId: string; units: string[] } | null> {
    return one(
      this.dataSource,
      `SELECT t.organization_id AS "organizationId", array(SELECT a.unit_id FROM task_assignment a WHERE a.task_id = t.id) AS units
         FROM task t WHERE t.id = $1`,
      [taskId],
    );
  }

  /** Whether the organization is at the top of its tree (a province, or a city deployed alone). */
  async isTopLevel(organizationId: string): Promise<boolean> {
    const found = await one<{ top: boolean }>(this.dataSource, `SELECT parent_id IS NULL AS top FROM organization WHERE id = $1`, [organizationId]);
    return found?.top ?? false;
  }

  /** The plan's organization and whether the unit has a task in it (null unit: not asked); null when there is no such plan. */
  planHoldsUnit(planId: string, unitId: string | null): Promise<{ organizationId: string; holds: boolean } | null> {
    return one(
      this.dataSource,
      `SELECT p.organization_id AS "organizationId", $2::uuid IS NULL OR ${planScopeSql('p.id', '$2')} AS holds FROM plan p WHERE p.id = $1`,
      [planId, unitId],
    );
  }
}

/** The organization read scope as a SQL condition on `column`, for the organization ids (uuid[]) bound to `param`. */
export function organizationScopeSql(column: string, param: string): string {
  return `${column} = ANY (${param}::uuid[])`;
}

/** The task read scope as a SQL condition on task alias `task`, for the scope unit bound to parameter `unitParam`. */
export function taskScopeSql(task: string, unitParam: string): string {
  return `EXISTS (SELECT 1 FROM task_assignment scope WHERE scope.task_id = ${task}.id AND scope.unit_id = ${unitParam})`;
}

/** The plan read scope as a SQL condition on the plan id expression `planId`: the plans the unit has tasks in. */
export function planScopeSql(planId: string, unitParam: string): string {
  return `${planId} IN (SELECT scope_t.plan_id FROM task scope_t JOIN task_assignment scope_a ON scope_a.task_id = scope_t.id WHERE scope_a.unit_id = ${unitParam})`;
}
