import { BadRequestError } from '../common/domain-errors';
import { ForbiddenError } from './access-errors';
import type { Actor } from './actor';
import { can } from './permissions';

/**
 * The object-level rules, as pure functions of the actor and the object (AccessService loads the object and
 * throws). Each is unit-tested in rules.spec.ts; test/authorization-matrix.e2e-spec.ts checks them per route.
 */

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

/**
 * Which organizations the actor reads (上级督查下级): staff with read:all read their own organization and every
 * organization below it; a unit user only its own (and there its unit's tasks). Null: every organization (the
 * system). Nothing crosses sideways between sibling organizations.
 */
export function readableOrganizations(actor: Actor): readonly string[] | null {
  if (actor.role === 'system') return null;
  if (!actor.organizationId) return [];
  return can(actor, 'read:all') ? actor.organizationTree : [actor.organizationId];
}

export function mayReadOrganization(actor: Actor, organizationId: string): boolean {
  const readable = readableOrganizations(actor);
  return readable === null || readable.includes(organizationId);
}

/** Writes stay inside the actor's own organization: a parent organization reads its descendants, never writes them. */
export function mayWriteOrganization(actor: Actor, organizationId: string): boolean {
  return actor.role === 'system' || actor.organizationId === organizationId;
}

/**
 * Accounts are managed down the tree: an admin manages the users of its own organization and of every organization
 * below it (a province's admin opens a new city's first admin account); never a sibling's or a parent's.
 */
export function mayManageAccountsOf(actor: Actor, organizationId: string): boolean {
  if (!can(actor, 'users:manage')) return false;
  return actor.role === 'system' || actor.organizationTree.includes(organizationId);
}

/**
 * The national working-day schedule (国务院办公厅's 调休) is one for the whole platform: only the admin of a top-level
 * organization (no parent; `topLevel` as read from the tree) replaces it, or the system.
 */
export function mayWriteCalendar(actor: Actor, topLevel: boolean): boolean {
  return can(actor, 'calendar:write') && (actor.role === 'system' || topLevel);
}

/** The rule above for a task in hand: `scopeUnit` from readScopeUnit, `assignedUnitIds` the task's units in any role. */
export function mayReadTask(scopeUnit: string | null, assignedUnitIds: readonly string[]): boolean {
  return scopeUnit === null || assignedUnitIds.includes(scopeUnit);
}

/**
 * Who writes a task (progress reports, 销号 and 延期 requests, 佐证材料, milestones): a user of a unit assigned
 * to it, in any role; a supervisor, for any task (speaking for a unit where the write is a unit's: writingUnit).
 * Leaders and admins write no task.
 */
export function mayWriteTask(actor: Actor, assignedUnitIds: readonly string[]): boolean {
  if (!can(actor, 'tasks:write')) return false;
  if (can(actor, 'tasks:supervise')) return true;
  return actor.unitId !== null && assignedUnitIds.includes(actor.unitId);
}

/**
 * The unit a write speaks for (a report, a 销号 or 延期 request): a unit user speaks for its own unit, which
 * must be among `allowed`; a supervisor names an allowed unit (`requested`) and writes on its behalf.
 */
export function writingUnit(actor: Actor, allowed: readonly string[], requested: string | undefined): { unitId: string; onBehalf: boolean } {
  if (!can(actor, 'tasks:write')) throw new ForbiddenError();
  if (can(actor, 'tasks:supervise')) {
    if (!requested) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：unitId', [
        { field: 'unitId', reason: '代单位操作时必须指定单位 (unitId is required when acting for a unit)' },
      ]);
    }
    if (!allowed.includes(requested)) throw new ForbiddenError('指定的单位不是该任务的承办单位');
    return { unitId: requested, onBehalf: true };
  }
  if (!actor.unitId || !allowed.includes(actor.unitId)) throw new ForbiddenError('该任务未分配给本单位，不能操作');
  if (requested && requested !== actor.unitId) throw new ForbiddenError('不能代其他单位报送');
  return { unitId: actor.unitId, onBehalf: false };
}

/** 签收 is the unit's own act: only a user of an assigned unit signs; staff never sign for a unit. */
export function mayAcknowledge(actor: Actor, assignedUnitIds: readonly string[]): boolean {
  return can(actor, 'tasks:acknowledge') && actor.unitId !== null && assignedUnitIds.includes(actor.unitId);
}

/**
 * The unit a list filtered by unit (`unitId`) is bounded to: staff see every unit's records, or the unit they ask
 * for; a unit user only its own unit's, and asking for another unit is refused (naming the `records`). Null: no bound.
 */
export function listScopeUnit(actor: Actor, requested: string | undefined, records: string): string | null {
  const own = readScopeUnit(actor);
  if (own === null) return requested ?? null;
  if (requested && requested !== own) throw new ForbiddenError(`只能查看本单位的${records}`);
  return own;
}

export interface ReminderAddress {
  audience: 'unit' | 'supervisors';
  unitId: string | null;
  /** The reminder's plan's organization: a notice to the office goes to that organization's 督查室 only. */
  organizationId: string;
}

/**
 * A reminder's receipt (已读) is its recipient's: a user of the unit it went to, or a supervisor of the reminder's
 * organization for a notice to the office (a parent organization's supervisor reads it, never signs it).
 */
export function mayReceiveReminder(actor: Actor, reminder: ReminderAddress): boolean {
  if (!can(actor, 'reminders:receive')) return false;
  if (reminder.audience === 'supervisors') return can(actor, 'tasks:supervise') && mayWriteOrganization(actor, reminder.organizationId);
  return actor.unitId !== null && actor.unitId === reminder.unitId;
}

export interface EvidenceOwnership {
  /** Submitted with a report or request: then part of the task's record. */
  submitted: boolean;
  uploadedBy: string | null;
}

/** Who reads a file of a task it may read: a submitted one, anyone who reads the task; a draft, only its uploader. */
export function mayReadEvidence(actor: Actor, file: EvidenceOwnership): boolean {
  return file.submitted || (actor.userId !== null && file.uploadedBy === actor.userId);
}

/** A draft is discarded by its uploader only (a submitted file is never discarded: the service answers 409). */
export function mayDiscardEvidence(actor: Actor, file: EvidenceOwnership): boolean {
  return can(actor, 'tasks:write') && actor.userId !== null && file.uploadedBy === actor.userId;
}
