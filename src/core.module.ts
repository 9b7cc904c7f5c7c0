import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { RedisModule } from './queue/redis.module';

/** What the api and the worker processes share: validated configuration, PostgreSQL, Redis. */
@Module({
  imports: [ConfigModule, DatabaseModule, RedisModule],
  exports: [ConfigModule, DatabaseModule, RedisModule],
})
export class CoreModule {}
