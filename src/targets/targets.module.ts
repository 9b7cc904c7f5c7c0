import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlansModule } from '../plans/plans.module';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

@Module({
  imports: [AuditModule, PlansModule],
  controllers: [TargetsController],
  providers: [TargetsService],
})
export class TargetsModule {}
