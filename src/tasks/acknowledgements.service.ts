import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
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
    private readonly access: AccessService,
  ) {}

  /** Signs once; asking again changes nothing and answers the first 签收. */
  async acknowledge(taskId: string): Promise<AcknowledgementDto> {
    return this.dataSource.transaction(async (manager) => {
      const task = await lockTask(manager, taskId);
      const { actor, unitId } = this.access.requireAcknowledge(task);
      await recordAcknowledgement(manager, this.audit, taskId, unitId, actor, 'acknowledge');
      const rows = await this.repository.in(manager).acknowledgements([taskId]);
      return toAcknowledgement(rows.find((a) => a.unit_id === unitId)!);
    });
  }
}
