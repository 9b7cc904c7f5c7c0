import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { PlansModule } from '../plans/plans.module';
import { UnitsModule } from '../units/units.module';
import { AcknowledgementsService } from './acknowledgements.service';
import { MilestonesController } from './milestones.controller';
import { MilestonesService } from './milestones.service';
import { PlanTasksController } from './plan-tasks.controller';
import { TaskCreationService } from './task-creation.service';
import { TaskLifecycleController } from './task-lifecycle.controller';
import { TaskLifecycleService } from './task-lifecycle.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';
import { TaskRepository } from './task.repository';

@Module({
  imports: [AuditModule, PlansModule, UnitsModule, EvidenceModule],
  controllers: [TasksController, TaskLifecycleController, MilestonesController, PlanTasksController],
  providers: [TaskRepository, TasksService, AcknowledgementsService, TaskLifecycleService, MilestonesService, TaskCreationService],
  exports: [TasksService, TaskRepository],
})
export class TasksModule {}
