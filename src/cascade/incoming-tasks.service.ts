import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { actingOrganization } from '../access/organizations';
import { requirePermission } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import { BadRequestError, ConflictError, NotFoundError } from '../common/domain-errors';
import type { FieldProblem } from '../common/validation';
import { addTargetsOf } from '../targets/target-sync';
import { recordTaskEvent } from '../tasks/task-writes';
import { TaskRepository } from '../tasks/task.repository';
import type { AcceptIncomingTaskDto, IncomingFilter, IncomingTaskDto } from './dto/incoming-task.dto';
import { CascadeRepository } from './cascade.repository';

/**
 * 上级交办: a task a higher organization assigned to the unit standing for this one arrives here (the delivery
 * trigger on task_assignment files it); the organization's supervisor accepts it into one of its own plans as one
 * child task or several (a split), each linked to the parent and assigned to the organization's own units.
 */
@Injectable()
export class IncomingTasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: CascadeRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** The actor's own organization's inbox (what a lower organization received is its own business to accept). */
  list(filter: IncomingFilter): Promise<IncomingTaskDto[]> {
    requirePermission('incoming:read');
    return this.repository.inbox(actingOrganization(), filter);
  }

  async accept(id: string, dto: AcceptIncomingTaskDto): Promise<IncomingTaskDto> {
    const actor = requirePermission('tasks:supervise');
    assertUnitsShape(dto);
    await this.dataSource.transaction(async (manager) => {
      const repository = this.repository.in(manager);
      const incoming = await repository.lockIncoming(id);
      if (!incoming) throw new NotFoundError('交办任务', id);
      this.access.requireWriteOrganization(incoming.organizationId, '交办任务', id);
      if (incoming.acceptedAt) throw new ConflictError('ALREADY_ACCEPTED', '该交办任务已经接收，不能重复接收');
      if ((await repository.lockPlan(dto.planId)) !== incoming.organizationId) {
        throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：planId', [
          { field: 'planId', reason: `计划不存在或不属于本组织：${dto.planId}` },
        ]);
      }
      const wanted = dto.tasks.flatMap((t) => t.units.map((u) => u.unitId));
      const own = await repository.unitsOf(incoming.organizationId, wanted);
      const foreign = dto.tasks.flatMap((t, i) =>
        t.units.flatMap((u, j) => (own.has(u.unitId) ? [] : [{ field: `tasks.${i}.units.${j}.unitId`, reason: `单位不存在或不属于本组织：${u.unitId}` }])),
      );
      if (foreign.length > 0) throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：units', foreign);

      const tasks = new TaskRepository(manager);
      const created: Array<{ id: string; number: number }> = [];
      for (const wantedTask of dto.tasks) {
        const content = wantedTask.content?.trim() ?? incoming.parent.content;
        const child = await repository.insertChild(dto.planId, incoming.parent, incoming.parentTaskId, {
          content,
          dueDate: wantedTask.dueDate ?? incoming.parent.dueDate,
        });
        // Roles run lead first, as a notice's unit clause does; a unit standing for a lower organization delivers further.
        const ordered = ['lead', 'responsible', 'cooperating'].flatMap((role) => wantedTask.units.filter((u) => u.role === role));
        for (const [position, unit] of ordered.entries()) await tasks.addAssignment(child.id, unit.unitId, unit.role, position);
        await addTargetsOf(manager, child.id, content);
        await recordTaskEvent(manager, child.id, actor, { action: 'created', data: { number: child.number, parentTaskId: incoming.parentTaskId } });
        created.push(child);
      }
      await repository.markAccepted(id, actor.userId);
      // The acceptance is the 签收 of the unit standing for this organization above: it has no users to sign.
      if (await new TaskRepository(manager).acknowledge(incoming.parentTaskId, incoming.viaUnitId, actor.userId, 'accept')) {
        await this.audit.record(
          { action: 'task.acknowledge', entity: 'task', entityId: incoming.parentTaskId, after: { unitId: incoming.viaUnitId, via: 'accept' } },
          manager,
        );
      }
      await this.audit.record(
        { action: 'incoming_task.accept', entity: 'incoming_task', entityId: id, after: { planId: dto.planId, parentTaskId: incoming.parentTaskId, tasks: created } },
        manager,
      );
    });
    return (await this.repository.incoming(id))!;
  }
}

/** Each child task needs a lead or responsible unit, and names a unit once (as a task added by hand does). */
function assertUnitsShape(dto: AcceptIncomingTaskDto): void {
  const problems: FieldProblem[] = [];
  dto.tasks.forEach((task, i) => {
    if (!task.units.some((u) => u.role === 'lead' || u.role === 'responsible')) {
      problems.push({ field: `tasks.${i}.units`, reason: '至少指定一个牵头单位或责任单位 (a lead or responsible unit is required)' });
    }
    const seen = new Set<string>();
    task.units.forEach((u, j) => {
      if (seen.has(u.unitId)) problems.push({ field: `tasks.${i}.units.${j}.unitId`, reason: `同一单位只能出现一次：${u.unitId}` });
      seen.add(u.unitId);
    });
  });
  if (problems.length > 0) throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：tasks', problems);
}
