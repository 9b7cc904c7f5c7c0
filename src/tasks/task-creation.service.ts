import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import { requirePermission } from '../access/permissions';
import { BadRequestError, NotFoundError } from '../common/domain-errors';
import type { FieldProblem } from '../common/validation';
import { addTargetsOf } from '../targets/target-sync';
import type { CreateTaskDto } from './dto/create-task.dto';
import type { TaskDetailDto } from './dto/task.dto';
import { ASSIGNMENT_ROLES } from './task-status';
import { recordTaskEvent } from './task-writes';
import { TasksService } from './tasks.service';
import { TaskRepository } from './task.repository';
import { PlanRepository } from '../plans/plan.repository';
import { UnitRepository } from '../units/unit.repository';

/**
 * Tasks a supervisor adds by hand: a leader's instruction (领导批示), a meeting's decision (会议议定事项), a
 * deputy's proposal. They are numbered after the plan's last task, under the plan's row lock (the one a notice
 * import takes), so two at once never get the same number; a notice import never updates or reports them.
 */
@Injectable()
export class TaskCreationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: TaskRepository,
    private readonly plans: PlanRepository,
    private readonly units: UnitRepository,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async create(planId: string, dto: CreateTaskDto): Promise<TaskDetailDto> {
    const actor = requirePermission('plans:write');
    // Positions run across the roles, lead first, as an imported unit clause's do; `index` names the field.
    const assignments = ASSIGNMENT_ROLES.flatMap((role) => (dto.units[role] ?? []).map((unitId, index) => ({ role, unitId, index }))).map(
      (a, position) => ({ ...a, position }),
    );
    this.assertUnitsShape(assignments);
    const id = await this.dataSource.transaction(async (manager) => {
      if (!(await this.plans.in(manager).lockForUpdate(planId))) throw new NotFoundError('计划', planId);
      await this.access.requireWritePlan(planId);
      const { organizationId } = (await this.plans.in(manager).find(planId))!;
      const known = await this.units.in(manager).existing(organizationId, assignments.map((a) => a.unitId));
      const unknown = assignments.filter((a) => !known.has(a.unitId));
      if (unknown.length > 0) {
        throw new BadRequestError(
          'VALIDATION_FAILED',
          '请求参数无效：units',
          unknown.map((a) => ({ field: `units.${a.role}.${a.index}`, reason: `单位不存在：${a.unitId}` })),
        );
      }
      const repository = this.repository.in(manager);
      const task = await repository.insertManual(planId, {
        content: dto.content.trim(),
        dueDate: dto.dueDate,
        sourceKind: dto.source.kind,
        documentNumber: dto.source.documentNumber?.trim() ?? null,
        sourceDate: dto.source.date ?? null,
      });
      for (const a of assignments) await repository.addAssignment(task.id, a.unitId, a.role, a.position);
      await addTargetsOf(manager, task.id, dto.content.trim());
      await recordTaskEvent(manager, task.id, actor, { action: 'created', data: { number: task.number, source: dto.source } });
      await this.audit.record({ action: 'task.create', entity: 'task', entityId: task.id, after: { planId, number: task.number, ...dto } }, manager);
      return task.id;
    });
    return this.tasks.get(id);
  }

  /** Someone must answer for the task, and a unit holds one role on it (as a notice's unit clause would). */
  private assertUnitsShape(assignments: Array<{ role: string; unitId: string; index: number }>): void {
    const problems: FieldProblem[] = [];
    if (!assignments.some((a) => a.role === 'lead' || a.role === 'responsible')) {
      problems.push({ field: 'units', reason: '至少指定一个牵头单位或责任单位 (a lead or responsible unit is required)' });
    }
    const seen = new Set<string>();
    for (const a of assignments) {
      if (seen.has(a.unitId)) problems.push({ field: `units.${a.role}.${a.index}`, reason: `同一单位只能出现一次：${a.unitId}` });
      seen.add(a.unitId);
    }
    if (problems.length > 0) throw new BadRequestError('VALIDATION_FAILED', '请求参数无效：units', problems);
  }
}
