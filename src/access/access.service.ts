import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/domain-errors';
import { ForbiddenError } from './access-errors';
import { planScopeSql, taskScopeSql, AccessRepository } from './access.repository';
import type { Actor } from './actor';
import { can, currentActor } from './permissions';
import {
  listScopeUnit,
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

/** A task with its assigned units in hand (e.g. read under its row lock). */
export interface TaskUnits {
  units: ReadonlyArray<{ unitId: string }>;
}

const NOT_YOURS_TO_READ = '该任务未分配给本单位，无权查看';
const NOT_YOURS_TO_WRITE = '该任务未分配给本单位，不能操作';

/**
 * Who may do what to which object, in one place: every service asks here (the actor comes from the request
 * context, so a controller cannot forget to pass it). 404 for an unknown object comes before 403.
 */
@Injectable()
export class AccessService {
  constructor(private readonly repository: AccessRepository) {}

  /** The unit bounding the actor's reads (a unit user's own), or null for staff who read everything. */
  readScope(): string | null {
    return readScopeUnit(currentActor());
  }

  /** A list's task condition (alias `task`) for the scope unit bound to `unitParam`; see readScope. */
  taskScopeSql(task: string, unitParam: string): string {
    return taskScopeSql(task, unitParam);
  }

  /** A list's plan condition on the plan id expression `planId`, for the scope unit bound to `unitParam`. */
  planScopeSql(planId: string, unitParam: string): string {
    return planScopeSql(planId, unitParam);
  }

  /** The plan, its section tree and task counts: a unit user reads only the plans its unit has tasks in. */
  async requireReadPlan(planId: string): Promise<void> {
    const holds = await this.repository.planHoldsUnit(planId, this.readScope());
    if (holds === null) throw new NotFoundError('计划', planId);
    if (!holds) throw new ForbiddenError('本单位在该计划中没有任务，无权查看');
  }

  /** The task and what hangs off it (history, progress, milestones, 延期, targets, evidence). */
  async requireReadTask(taskId: string): Promise<void> {
    const scope = this.readScope();
    const units = await this.repository.taskUnits(taskId);
    if (!units) throw new NotFoundError('任务', taskId);
    if (!mayReadTask(scope, units)) throw new ForbiddenError(NOT_YOURS_TO_READ);
  }

  /** Writing the task (佐证材料, milestones): by id, or with the task's units in hand. */
  async requireWriteTask(task: string | TaskUnits): Promise<Actor> {
    const actor = currentActor();
    const units = typeof task === 'string' ? await this.repository.taskUnits(task) : task.units.map((u) => u.unitId);
    if (!units) throw new NotFoundError('任务', task as string);
    // A role that writes no task at all (leader, admin) is not told about units.
    if (!mayWriteTask(actor, units)) throw can(actor, 'tasks:write') ? new ForbiddenError(NOT_YOURS_TO_WRITE) : new ForbiddenError();
    return actor;
  }

  /**
   * A write in a unit's name (progress report, 销号 or 延期 request): the unit it speaks for, among `allowed` (the
   * task's units, or its lead units for 销号); a supervisor names it (`requested`) and writes on its behalf.
   */
  requireWriteTaskAs(allowed: readonly string[], requested: string | undefined): { unitId: string; onBehalf: boolean } {
    return writingUnit(currentActor(), allowed, requested);
  }

  /** 签收: the actor's own unit must be assigned to the task; answers that unit. */
  requireAcknowledge(task: TaskUnits): { actor: Actor; unitId: string } {
    const actor = currentActor();
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
  requireReminderRecipient(reminder: ReminderAddress): Actor {
    const actor = currentActor();
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
