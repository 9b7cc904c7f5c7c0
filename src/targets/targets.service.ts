import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import { BadRequestError, ConflictError, NotFoundError } from '../common/domain-errors';
import { recordTaskEvent } from '../tasks/task-writes';
import type { TargetDto, TaskTargetsDto, UpdateTargetsDto } from './dto/target.dto';
import { TargetRepository } from './target.repository';

@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async get(taskId: string): Promise<TaskTargetsDto> {
    await this.access.requireReadTask(taskId);
    return this.read(this.dataSource.manager, taskId);
  }

  /**
   * A supervisor sets a task's targets (read wrong, or not read at all). Versioned like the other task edits;
   * targets kept by id keep their actuals; the task is then marked so that re-imports leave its targets alone.
   */
  async update(taskId: string, dto: UpdateTargetsDto, ifMatch: number | undefined): Promise<TaskTargetsDto> {
    const actor = requirePermission('tasks:supervise');
    const expected = dto.version ?? ifMatch;
    if (expected === undefined) {
      throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：version', [
        { field: 'version', reason: '请提供读取时的版本号（version 或 If-Match）以防覆盖他人修改' },
      ]);
    }
    // Another organization's task is unknown (404), a lower one's read-only (403).
    await this.access.requireWriteTask(taskId);
    return this.dataSource.transaction(async (manager) => {
      const targets = new TargetRepository(manager);
      const before = await targets.withLatestActuals(taskId);
      if (!(await targets.claimTaskVersion(taskId, expected))) {
        const currentVersion = await targets.taskVersion(taskId);
        if (currentVersion === null) throw new NotFoundError('任务', taskId);
        throw new ConflictError('STALE_VERSION', `任务已被他人修改（当前版本 ${currentVersion}，您提交的是 ${expected}），请刷新后再改`, {
          currentVersion,
        });
      }
      const known = new Set(before.map((t) => t.id));
      dto.targets.forEach((t, i) => {
        if (t.id && !known.has(t.id)) {
          throw new BadRequestError('VALIDATION_FAILED', `请求参数无效：targets[${i}].id`, [
            { field: `targets[${i}].id`, reason: '不是该任务的指标 (not a target of this task)' },
          ]);
        }
      });
      const kept = dto.targets.flatMap((t) => (t.id ? [t.id] : []));
      await targets.deleteOthers(taskId, kept);
      // Positions move; park the kept rows out of the unique range first.
      await targets.parkPositions(taskId);
      for (const [position, t] of dto.targets.entries()) {
        const edited = { metric: t.metric.trim(), verb: t.verb?.trim() || null, comparator: t.comparator, value: t.value, unit: t.unit.trim() };
        if (t.id) await targets.updateEdited(t.id, position, edited);
        else await targets.insertEdited(taskId, position, edited);
      }
      // The task event also marks a list emptied by hand, which has no row left to carry the flag (see syncTargets).
      const after = await this.read(manager, taskId);
      const summary = (list: TargetDto[]) => list.map(({ metric, comparator, value, unit }) => ({ metric, comparator, value, unit }));
      await recordTaskEvent(manager, taskId, actor, {
        action: 'targets_edited',
        data: { before: summary(before), after: summary(after.targets) },
      });
      await this.audit.record(
        { action: 'task.targets', entity: 'task', entityId: taskId, before: summary(before), after: summary(after.targets) },
        manager,
      );
      return after;
    });
  }

  private async read(manager: EntityManager, taskId: string): Promise<TaskTargetsDto> {
    const targets = new TargetRepository(manager);
    const version = await targets.taskVersion(taskId);
    if (version === null) throw new NotFoundError('任务', taskId);
    return { taskId, version, targets: await targets.withLatestActuals(taskId) };
  }
}
