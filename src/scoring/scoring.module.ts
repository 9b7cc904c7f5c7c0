import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { PlansModule } from '../plans/plans.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { ScoreFactsLoader } from './score-facts';
import { ScoringController } from './scoring.controller';
import { ScoringService } from './scoring.service';

@Module({
  imports: [AuditModule, CalendarModule, PlansModule, SupervisionModule],
  controllers: [ScoringController],
  providers: [ScoringService, ScoreFactsLoader],
  exports: [ScoringService],
})
export class ScoringModule {}
