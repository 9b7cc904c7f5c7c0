import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadEnv, logLevels } from './config/env';
import { createJsonLogger, JsonLogger } from './logging/json-logger';
import { WorkerModule } from './worker.module';

/** The background process: runs queued and scheduled jobs; scale it out by starting more of them. */
async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const logger = env.NODE_ENV === 'production' ? new JsonLogger(createJsonLogger(env)) : logLevels(env);
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  app.enableShutdownHooks();
  new Logger('worker').log(`Worker ${process.pid} started`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
