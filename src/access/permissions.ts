import { UnauthorizedError, ForbiddenError } from './access-errors';
import type { Actor } from './actor';
import { requestContext } from './request-context';
import type { Role } from './roles';

/**
 * What a role may do at all. Routes declare one (`@Requires`), services check it again; which plan, task or
 * reminder is the AccessService's object-level question. A `…:read` of plans, tasks and reminders is scoped: a
 * unit user reads its own unit's (rules.ts); `read:all` reads everything.
 */
export type Permission =
  | 'registry:read'
  | 'plans:read'
  | 'tasks:read'
  | 'reminders:read'
  | 'read:all'
  | 'tasks:write'
  | 'tasks:acknowledge'
  | 'reminders:receive'
  | 'users:manage'
  | 'units:write'
  | 'plans:write'
  | 'imports:template'
  | 'audit:read'
  | 'calendar:write'
  | 'tasks:supervise'
  | 'reminders:configure'
  | 'queues:inspect'
  /** The organization's 上级交办 inbox: the staff who follow its work. */
  | 'incoming:read';

/** Reads every role has; unit users' are bounded to their unit. */
const SCOPED_READS: readonly Permission[] = ['registry:read', 'plans:read', 'tasks:read', 'reminders:read'];

export const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [...SCOPED_READS, 'read:all', 'users:manage', 'units:write', 'imports:template', 'audit:read', 'calendar:write', 'reminders:configure', 'queues:inspect'],
  // tasks:write for a supervisor: on behalf of an assigned unit it names (rules.ts, writingUnit).
  supervisor: [...SCOPED_READS, 'read:all', 'tasks:write', 'reminders:receive', 'plans:write', 'imports:template', 'audit:read', 'tasks:supervise', 'reminders:configure', 'incoming:read'],
  leader: [...SCOPED_READS, 'read:all', 'incoming:read'],
  unit_user: [...SCOPED_READS, 'tasks:write', 'tasks:acknowledge', 'reminders:receive'],
};

/** The acting user; seeds, the CLI and jobs run as the system actor (runAsSystem), which may do anything. */
export function currentActor(): Actor {
  const { actor } = requestContext();
  if (!actor) throw new UnauthorizedError();
  return actor;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.role === 'system' || GRANTS[actor.role].includes(permission);
}

export function requirePermission(permission: Permission): Actor {
  const actor = currentActor();
  if (!can(actor, permission)) throw new ForbiddenError();
  return actor;
}
