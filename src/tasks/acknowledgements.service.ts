import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ForbiddenError, currentActor } from '../auth/access-policy';
import { recordAcknowledgement, toAcknowledgement } from './acknowledgements';
import type { AcknowledgementDto } from './dto/task.dto';
import { lockTask } from './task-writes';
import { TaskRepository } from './task.repository';

/** POST /api/tasks/:id/acknowledge: a unit's user signs (签收) a task assigned to the unit. */
@Injectable()
export class AcknowledgementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: TaskRepository,
    private readonly audit: AuditService,
  ) {}

  /** Signs once; asking again changes nothing and answers the first 签收. */
  async acknowledge(taskId: string): Promise<AcknowledgementDto> {
    const actor = currentActor();
    if (actor.role !== 'unit_user' || !actor.unitId) throw new ForbiddenError('只有承办单位的用户可以签收任务，领导和督查室不能代签');
    const unitId = actor.unitId;
    return this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, taskId);
      if (!task.units.some((u) => u.unitId === unitId)) throw new ForbiddenError('该任务未分配给本单位，不能签收');
      await recordAcknowledgement(manager, this.audit, taskId, unitId, actor, 'acknowledge');
      const rows = await this.repository.in(manager).acknowledgements([taskId]);
      return toAcknowledgement(rows.find((a) => a.unit_id === unitId)!);
    });
  }
}
