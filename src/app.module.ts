import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BulletinModule } from './bulletin/bulletin.module';
import { CascadeModule } from './cascade/cascade.module';
import { CalendarModule } from './calendar/calendar.module';
import { CoreModule } from './core.module';
import { EvidenceModule } from './evidence/evidence.module';
import { ExtensionsModule } from './extensions/extensions.module';
import { HealthModule } from './health/health.module';
import { MetaModule } from './meta/meta.module';
import { NoticeImportModule } from './notice-import/notice-import.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PlansModule } from './plans/plans.module';
import { ProgressModule } from './progress/progress.module';
import { RemindersModule } from './reminders/reminders.module';
import { SupervisionModule } from './supervision/supervision.module';
import { ScoringModule } from './scoring/scoring.module';
import { TargetsModule } from './targets/targets.module';
import { TasksModule } from './tasks/tasks.module';
import { UnitsModule } from './units/units.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    CoreModule.forRoot('bounded'),
    AuthModule,
    UsersModule,
    AuditModule,
    HealthModule,
    UnitsModule,
    PlansModule,
    TasksModule,
    NoticeImportModule,
    CalendarModule,
    ProgressModule,
    ExtensionsModule,
    EvidenceModule,
    RemindersModule,
    SupervisionModule,
    TargetsModule,
    ScoringModule,
    BulletinModule,
    MetaModule,
    OrganizationsModule,
    CascadeModule,
  ],
})
export class AppModule {}
