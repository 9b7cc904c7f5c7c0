import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CascadeController } from './cascade.controller';
import { CascadeRepository } from './cascade.repository';
import { IncomingTasksService } from './incoming-tasks.service';
import { TaskChildrenService } from './task-children.service';

/** 下达: tasks delivered to lower organizations, accepted there into child tasks, and rolled up back. */
@Module({
  imports: [AuditModule],
  controllers: [CascadeController],
  providers: [CascadeRepository, IncomingTasksService, TaskChildrenService],
})
export class CascadeModule {}
