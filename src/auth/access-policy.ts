import { DomainError } from '../common/domain-errors';
import type { Actor } from './actor';
import { requestContext } from './request-context';
import type { Role } from './roles';

export type Permission =
  | 'registry:read'
  | 'read:all'
  | 'users:manage'
  | 'units:write'
  | 'plans:write'
  | 'imports:template'
  | 'audit:read'
  | 'calendar:write'
  | 'tasks:supervise'
  | 'reminders:configure';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['registry:read', 'read:all', 'users:manage', 'units:write', 'imports:template', 'audit:read', 'calendar:write', 'reminders:configure'],
  supervisor: ['registry:read', 'read:all', 'plans:write', 'imports:template', 'audit:read', 'tasks:supervise', 'reminders:configure'],
  leader: ['registry:read', 'read:all'],
  // Everything else a unit user may see or do depends on the task: see the services' unit checks.
  unit_user: ['registry:read'],
};

export class UnauthorizedError extends DomainError {
  constructor(message = '未登录或登录已失效，请重新登录') {
    super(401, 'UNAUTHORIZED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = '没有权限执行此操作') {
    super(403, 'FORBIDDEN', message);
  }
}

/** The acting user; seeds, the CLI and jobs run as the system actor (runAsSystem), which may do anything. */
export function currentActor(): Actor {
  const { actor } = requestContext();
  if (!actor) throw new UnauthorizedError();
  return actor;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.role === 'system' || GRANTS[actor.role].includes(permission);
}

/**
 * Who reads which tasks — least privilege, the same on every route (lists, search, one task and what hangs off
 * it): a unit user reads the tasks assigned to its unit, in any role (牵头, 责任, 配合), and of the plans holding
 * them only the plan itself, its section tree and its task counts; staff with read:all read everything.
 * Returns the unit that bounds the actor's reading, or null when nothing does. A unit user without a unit
 * (the schema forbids it) reads nothing.
 */
export function readScopeUnit(actor: Actor): string | null {
  if (can(actor, 'read:all')) return null;
  if (!actor.unitId) throw new ForbiddenError();
  return actor.unitId;
}

/** The rule above for a task in hand: `scopeUnit` from readScopeUnit, `assignedUnitIds` the task's units in any role. */
export function mayReadTask(scopeUnit: string | null, assignedUnitIds: readonly string[]): boolean {
  return scopeUnit === null || assignedUnitIds.includes(scopeUnit);
}

/** The rule above as a SQL condition on task `task`, for the scope unit bound to parameter `unitParam`. */
export function mayReadTaskSql(task: string, unitParam: string): string {
  return `EXISTS (SELECT 1 FROM task_assignment scope WHERE scope.task_id = ${task}.id AND scope.unit_id = ${unitParam})`;
}

export function requirePermission(permission: Permission): Actor {
  const actor = currentActor();
  if (!can(actor, permission)) throw new ForbiddenError();
  return actor;
}
