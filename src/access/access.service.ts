import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/domain-errors';
import { OrganizationScope } from '../database/organization-scope';
import { ForbiddenError } from './access-errors';
import { AccessRepository } from './access.repository';
import type { Actor } from './actor';
import { actingOrganization } from './organizations';
import { can, currentActor, requirePermission } from './permissions';
import {
  listScopeUnit,
  mayManageAccountsOf,
  mayWriteCalendar,
  mayReadOrganization,
  mayWriteOrganization,
  readableOrganizations,
  mayAcknowledge,
  mayDiscardEvidence,
  mayReadEvidence,
  mayReadTask,
  mayReceiveReminder,
  mayWriteTask,
  readScopeUnit,
  writingUnit,
  type EvidenceOwnership,
  type ReminderAddress,
} from './rules';

/** A task with its organization and assigned units in hand (e.g. read under its row lock). */
export interface TaskUnits {
  id: string;
  organizationId: string;
  units: ReadonlyArray<{ unitId: string }>;
}

const NOT_YOURS_TO_READ = '该任务未分配给本单位，无权查看';
const NOT_YOURS_TO_WRITE = '该任务未分配给本单位，不能操作';
const READ_ONLY_BELOW = '下级组织的数据只能查看，不能修改';

/**
 * Who may do what to which object, in one place: every service asks here (the actor comes from the request
 * context, so a controller cannot forget to pass it). 404 for an unknown object comes before 403.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly repository: AccessRepository,
    private readonly scope: OrganizationScope,
  ) {}

  /**
   * Runs a request's reads in one transaction bounded by row-level security to the actor's readable organizations
   * (defense in depth: a statement that forgot its organization condition still cannot see another's rows). Async,
   * so a missing actor is a rejected promise like every other check's.
   */
  async readBounded<T>(work: () => Promise<T>): Promise<T> {
    return this.scope.read(this.readableOrganizations(), work);
  }

  /** The unit bounding the actor's reads (a unit user's own), or null for staff who read everything. */
  readScope(): string | null {
    return readScopeUnit(currentActor());
  }

  /** The organizations bounding the actor's reads (own and below for staff, own for a unit user); null: all. */
  readableOrganizations(): readonly string[] | null {
    return readableOrganizations(currentActor());
  }

  /**
   * The organizations a list covers: the actor's readable ones, or the one it asks for (the organization
   * switcher) if readable. Another organization's (or an unknown one's) is refused as if it did not exist.
   */
  listOrganizations(requested?: string): readonly string[] | null {
    return requested === undefined ? this.readableOrganizations() : this.listOrganization(requested);
  }

  /**
   * The one organization a switchable list shows (plans, units, groups, users, tasks, reminders, deliveries): the
   * actor's own unless it switches (`requested`) to one it may read; a unit user reads only its own.
   */
  listOrganization(requested?: string): readonly string[] {
    const organizationId = requested ?? actingOrganization();
    this.requireReadOrganization(organizationId, '组织', organizationId);
    return [organizationId];
  }

  /** An object of `organizationId` is read: one outside the actor's organizations is as if it did not exist. */
  requireReadOrganization(organizationId: string, what: string, id: string): void {
    if (!mayReadOrganization(currentActor(), organizationId)) throw new NotFoundError(what, id);
  }

  /** An object of `organizationId` is written: read rule first (404), then only the actor's own organization (403). */
  requireWriteOrganization(organizationId: string, what: string, id: string): void {
    this.requireReadOrganization(organizationId, what, id);
    if (!mayWriteOrganization(currentActor(), organizationId)) throw new ForbiddenError(READ_ONLY_BELOW);
  }

  /**
   * An account of `organizationId` is opened or changed: by an admin of that organization or of one above it; for
   * the rest the account (`what` `id`) is as if unknown (404).
   */
  requireManageAccountsOf(organizationId: string, what: '用户' | '组织', id: string): Actor {
    const actor = requirePermission('users:manage');
    if (!mayManageAccountsOf(actor, organizationId)) throw new NotFoundError(what, id);
    return actor;
  }

  /** The national working-day calendar: only the admin of a top-level organization replaces it. */
  async requireWriteCalendar(): Promise<Actor> {
    const actor = requirePermission('calendar:write');
    const topLevel = actor.organizationId !== null && (await this.repository.isTopLevel(actor.organizationId));
    if (!mayWriteCalendar(actor, topLevel)) throw new ForbiddenError('节假日调休安排全平台统一，只有最上级组织的系统管理员可以修改');
    return actor;
  }

  /** The plan, its section tree and task counts: a unit user reads only the plans its unit has tasks in. */
  async requireReadPlan(planId: string): Promise<void> {
    const plan = await this.repository.planHoldsUnit(planId, this.readScope());
    if (plan === null) throw new NotFoundError('计划', planId);
    this.requireReadOrganization(plan.organizationId, '计划', planId);
    if (!plan.holds) throw new ForbiddenError('本单位在该计划中没有任务，无权查看');
  }

  /** Changing the plan (its tasks, sections, import, policies): only in the actor's own organization. */
  async requireWritePlan(planId: string): Promise<void> {
    const plan = await this.repository.planHoldsUnit(planId, null);
    if (plan === null) throw new NotFoundError('计划', planId);
    this.requireWriteOrganization(plan.organizationId, '计划', planId);
  }

  /** The task and what hangs off it (history, progress, milestones, 延期, targets, evidence). */
  async requireReadTask(taskId: string): Promise<void> {
    const scope = this.readScope();
    const task = await this.repository.taskUnits(taskId);
    if (!task) throw new NotFoundError('任务', taskId);
    this.requireReadOrganization(task.organizationId, '任务', taskId);
    if (!mayReadTask(scope, task.units)) throw new ForbiddenError(NOT_YOURS_TO_READ);
  }

  /** Writing the task (佐证材料, milestones): by id, or with the task's organization and units in hand. */
  async requireWriteTask(task: string | TaskUnits): Promise<Actor> {
    const actor = currentActor();
    const found =
      typeof task === 'string' ? await this.repository.taskUnits(task) : { organizationId: task.organizationId, units: task.units.map((u) => u.unitId) };
    if (!found) throw new NotFoundError('任务', task as string);
    const units = found.units;
    this.requireWriteOrganization(found.organizationId, '任务', typeof task === 'string' ? task : task.id);
    // A role that writes no task at all (leader, admin) is not told about units.
    if (!mayWriteTask(actor, units)) throw can(actor, 'tasks:write') ? new ForbiddenError(NOT_YOURS_TO_WRITE) : new ForbiddenError();
    return actor;
  }

  /**
   * A write in a unit's name (progress report, 销号 or 延期 request): the unit it speaks for, among `allowed` (the
   * task's units, or its lead units for 销号); a supervisor names it (`requested`) and writes on its behalf.
   */
  requireWriteTaskAs(
    task: { id: string; organizationId: string },
    allowed: readonly string[],
    requested: string | undefined,
  ): { unitId: string; onBehalf: boolean } {
    this.requireWriteOrganization(task.organizationId, '任务', task.id);
    return writingUnit(currentActor(), allowed, requested);
  }

  /** A supervisor's step on a task in hand (销号 review, 暂缓, 撤销, 恢复, edits, targets, 催办): its own organization's. */
  requireSuperviseTask(task: { id: string; organizationId: string }): Actor {
    const actor = requirePermission('tasks:supervise');
    this.requireWriteOrganization(task.organizationId, '任务', task.id);
    return actor;
  }

  /** 签收: the actor's own unit must be assigned to the task; answers that unit. */
  requireAcknowledge(task: TaskUnits): { actor: Actor; unitId: string } {
    const actor = currentActor();
    this.requireWriteOrganization(task.organizationId, '任务', task.id);
    const units = task.units.map((u) => u.unitId);
    if (!mayAcknowledge(actor, units)) {
      throw new ForbiddenError(
        actor.unitId ? '该任务未分配给本单位，不能签收' : '只有承办单位的用户可以签收任务，领导和督查室不能代签',
      );
    }
    return { actor, unitId: actor.unitId! };
  }

  /** The unit bounding a list of reminders or tasks (null: none), given the unit the caller filters on. */
  listScope(requested: string | undefined, records: '提醒' | '任务'): string | null {
    return listScopeUnit(currentActor(), requested, records);
  }

  /** 已读回执 on a reminder: only its recipient. */
  requireReminderRecipient(reminder: ReminderAddress & { id: string }): Actor {
    const actor = currentActor();
    this.requireReadOrganization(reminder.organizationId, '提醒', reminder.id);
    if (!mayReceiveReminder(actor, reminder)) throw new ForbiddenError('只能签收发给本单位的提醒');
    return actor;
  }

  /** A 佐证材料 file's bytes: the task's read rule, and a draft only for its uploader. */
  async requireReadEvidence(file: EvidenceOwnership & { taskId: string }): Promise<void> {
    await this.requireReadTask(file.taskId);
    if (!mayReadEvidence(currentActor(), file)) throw new ForbiddenError('该文件尚未随报送提交，只有上传人可以查看');
  }

  /** Discarding a draft file: only its uploader. */
  requireDiscardEvidence(file: EvidenceOwnership): Actor {
    const actor = currentActor();
    if (!mayDiscardEvidence(actor, file)) throw new ForbiddenError('只有上传人可以删除未提交的佐证材料');
    return actor;
  }
}
