import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { PlansModule } from '../plans/plans.module';
import { DashboardService } from './dashboard.service';
import { SupervisionExportService } from './supervision-export.service';
import { SupervisionSnapshotLoader } from './supervision-snapshot';
import { SupervisionSnapshotRepository } from './supervision-snapshot.repository';
import { SupervisionController } from './supervision.controller';
import { SupervisionRepository } from './supervision.repository';
import { SupervisionService } from './supervision.service';
import { UnacknowledgedService } from './unacknowledged.service';
import { ViewCache } from './view-cache';
import { ViewChangeRepository } from './view-change.repository';

@Module({
  imports: [CalendarModule, PlansModule],
  controllers: [SupervisionController],
  providers: [DashboardService, SupervisionSnapshotLoader, SupervisionSnapshotRepository, SupervisionRepository, SupervisionService, SupervisionExportService, UnacknowledgedService, ViewCache, ViewChangeRepository],
  exports: [SupervisionService],
})
export class SupervisionModule {}
