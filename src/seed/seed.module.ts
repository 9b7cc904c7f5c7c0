import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CascadeModule } from '../cascade/cascade.module';
import { CoreModule } from '../core.module';
import { ExtensionsModule } from '../extensions/extensions.module';
import { NoticeImportModule } from '../notice-import/notice-import.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PlansModule } from '../plans/plans.module';
import { ProgressModule } from '../progress/progress.module';
import { RemindersModule } from '../reminders/reminders.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { TasksModule } from '../tasks/tasks.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { DemoHistoryService } from './demo-history.service';
import { DemoProvinceService } from './demo-province.service';
import { DemoSeedService } from './demo-seed.service';

/** The demo profile's seed: the registry, the plan and its demo year, and the demo province, written through the modules' services. */
@Module({
  imports: [
    CoreModule.forRoot('waiting'),
    UnitsModule,
    PlansModule,
    NoticeImportModule,
    UsersModule,
    CalendarModule,
    TasksModule,
    ProgressModule,
    ExtensionsModule,
    RemindersModule,
    SupervisionModule,
    OrganizationsModule,
    CascadeModule,
  ],
  providers: [DemoSeedService, DemoHistoryService, DemoProvinceService],
})
export class SeedModule {}
