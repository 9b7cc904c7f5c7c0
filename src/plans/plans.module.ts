import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { PlanRepository } from './plan.repository';

@Module({ imports: [AuditModule], controllers: [PlansController], providers: [PlanRepository, PlansService], exports: [PlansService, PlanRepository] })
export class PlansModule {}
