import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { PlansModule } from '../plans/plans.module';
import { TasksModule } from '../tasks/tasks.module';
import { ProgressController } from './progress.controller';
import { ProgressService } from './progress.service';
import { ProgressRepository } from './progress.repository';

@Module({ imports: [AuditModule, PlansModule, EvidenceModule, TasksModule], controllers: [ProgressController], providers: [ProgressRepository, ProgressService], exports: [ProgressService] })
export class ProgressModule {}
