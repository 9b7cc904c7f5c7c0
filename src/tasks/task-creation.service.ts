import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { requirePermission } from '../access/permissions';
import { BadRequestError, NotFoundError } from '../common/domain-errors';
import type { FieldProblem } from '../common/validation';
import { one, rows } from '../database/sql';
import { addTargetsOf } from '../targets/target-sync';
import type { CreateTaskDto } from './dto/create-task.dto';
import type { TaskDetailDto } from './dto/task.dto';
import { ASSIGNMENT_ROLES } from './task-status';
import { recordTaskEvent } from './task-writes';
import { TasksService } from './tasks.service';

/**
 * Tasks a supervisor adds by hand: a leader's instruction (领导批示), a meeting's decision (会议议定事项), a
 * deputy's proposal. They are numbered after the plan's last task, under the plan's row lock (the one a notice
 * import takes), so two at once never get the same number; a notice import never updates or reports them.
 */
@Injectable()
export class TaskCreationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
  ) {}

  async create(planId: string, dto: CreateTaskDto): Promise<TaskDetailDto> {
    const actor = requirePermission('plans:write');
    // Positions run across the roles, lead first, as an imported unit clause's do; `index` names the field.
    const assignments = ASSIGNMENT_ROLES.flatMap((role) => (dto.units[role] ?? []).map((unitId, index) => ({ role, unitId, index }))).map(
      (a, position) => ({ ...a, position }),
    );
    this.assertUnitsShape(assignments);
    const id = await this.dataSource.transaction(async (manager) => {
      const plan = await one<{ id: string }>(manager, `SELECT id FROM plan WHERE id = $1 FOR UPDATE`, [planId]);
      if (!plan) throw new NotFoundError('计划', planId);
      const known = new Set(
        (await rows<{ id: string }>(manager, `SELECT id FROM unit WHERE id = ANY($1)`, [assignments.map((a) => a.unitId)])).map((u) => u.id),
      );
      const unknown = assignments.filter((a) => !known.has(a.unitId));
      if (unknown.length > 0) {
        throw new BadRequestError(
          'VALIDATION_FAILED',
          '请求参数无效：units',
          unknown.map((a) => ({ field: `units.${a.role}.${a.index}`, reason: `单位不存在：${a.unitId}` })),
        );
      }
      const task = await one<{ id: string; number: number }>(
        manager,
        `INSERT INTO task (plan_id, number, content, due_date, origin, source_kind, source_document_number, source_date)
         SELECT $1, coalesce(max(number), 0) + 1, $2, $3, 'manual', $4, $5, $6 FROM task WHERE plan_id = $1
         RETURNING id, number`,
        [planId, dto.content.trim(), dto.dueDate, dto.source.kind, dto.source.documentNumber?.trim() ?? null, dto.source.date ?? null],
      );
      for (const a of assignments) {
        await manager.query(`INSERT INTO task_assignment (task_id, unit_id, role, position) VALUES ($1, $2, $3, $4)`, [
          task!.id,
          a.unitId,
          a.role,
          a.position,
        ]);
      }
      await addTargetsOf(manager, task!.id, dto.content.trim());
      await recordTaskEvent(manager, task!.id, actor, { action: 'created', data: { number: task!.number, source: dto.source } });
      await this.audit.record({ action: 'task.create', entity: 'task', entityId: task!.id, after: { planId, number: task!.number, ...dto } }, manager);
      return task!.id;
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
