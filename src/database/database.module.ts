import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '../config/env';
import { dataSourceOptions } from './data-source';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({ ...dataSourceOptions(env.DATABASE_URL, env.REQUEST_TIMEOUT_MS), migrationsRun: false }),
    }),
  ],
})
export class DatabaseModule {}
