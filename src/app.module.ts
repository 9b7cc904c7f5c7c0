import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CoreModule } from './core.module';
import { HealthModule } from './health/health.module';
import { NoticeImportModule } from './notice-import/notice-import.module';
import { PlansModule } from './plans/plans.module';
import { TasksModule } from './tasks/tasks.module';
import { UnitsModule } from './units/units.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    CoreModule,
    AuthModule,
    UsersModule,
    AuditModule,
    HealthModule,
    UnitsModule,
    PlansModule,
    TasksModule,
    NoticeImportModule,
  ],
})
export class AppModule {}
