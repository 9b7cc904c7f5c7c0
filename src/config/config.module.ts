import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Env, loadEnv } from './env';

@Global()
@Module({
  providers: [{ provide: Env, useFactory: () => loadEnv() }, Clock],
  exports: [Env, Clock],
})
export class ConfigModule {}
