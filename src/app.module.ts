import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { HealthModule } from './health/health.module';
import { NoticeImportModule } from './notice-import/notice-import.module';
import { PlansModule } from './plans/plans.module';
import { TasksModule } from './tasks/tasks.module';
import { UnitsModule } from './units/units.module';

@Module({
  imports: [CoreModule, HealthModule, UnitsModule, PlansModule, TasksModule, NoticeImportModule],
})
export class AppModule {}
