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
 * The unit whose plans bound what the actor may read, or null when the actor reads everything.
 * A unit user sees the plans its unit has tasks in; with no unit (cannot happen by the schema) nothing.
 */
export function readScopeUnit(actor: Actor): string | null {
  if (can(actor, 'read:all')) return null;
  if (!actor.unitId) throw new ForbiddenError();
  return actor.unitId;
}

export function requirePermission(permission: Permission): Actor {
  const actor = currentActor();
  if (!can(actor, permission)) throw new ForbiddenError();
  return actor;
}
