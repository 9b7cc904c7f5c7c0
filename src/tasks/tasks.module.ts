import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlansModule } from '../plans/plans.module';
import { AcknowledgementsService } from './acknowledgements.service';
import { MilestonesController } from './milestones.controller';
import { MilestonesService } from './milestones.service';
import { TaskLifecycleController } from './task-lifecycle.controller';
import { TaskLifecycleService } from './task-lifecycle.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [AuditModule, PlansModule],
  controllers: [TasksController, TaskLifecycleController, MilestonesController],
  providers: [TasksService, AcknowledgementsService, TaskLifecycleService, MilestonesService],
  exports: [TasksService],
})
export class TasksModule {}
