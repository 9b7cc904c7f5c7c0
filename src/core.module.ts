import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from './access/access.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { QueueModule, type QueueProducerMode } from './queue/queue.module';
import { RedisModule } from './queue/redis.module';

/** What the api and the worker processes share: validated configuration, PostgreSQL, Redis, the queues, access. */
@Module({})
export class CoreModule {
  /** The api bounds its queue producers like any request; the worker and the CLIs wait for Redis instead. */
  static forRoot(queues: QueueProducerMode): DynamicModule {
    const shared = [ConfigModule, DatabaseModule, RedisModule];
    return { module: CoreModule, imports: [...shared, QueueModule.forRoot(queues), AccessModule], exports: shared };
  }
}
