import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './queue/redis.module';

/** What the api and the worker processes share: validated configuration, PostgreSQL, Redis, the queues. */
@Module({
  imports: [ConfigModule, DatabaseModule, RedisModule, QueueModule],
  exports: [ConfigModule, DatabaseModule, RedisModule, QueueModule],
})
export class CoreModule {}
