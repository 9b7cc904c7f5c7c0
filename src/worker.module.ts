import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { WorkerHeartbeatService } from './health/worker-heartbeat.service';
import { ReminderWorkerService } from './reminders/reminder-worker.service';
import { RemindersModule } from './reminders/reminders.module';

@Module({ imports: [CoreModule.forRoot('waiting'), RemindersModule], providers: [WorkerHeartbeatService, ReminderWorkerService] })
export class WorkerModule {}
