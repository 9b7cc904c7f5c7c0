import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { WorkerHeartbeatService } from './health/worker-heartbeat.service';

@Module({ imports: [CoreModule], providers: [WorkerHeartbeatService] })
export class WorkerModule {}
