import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadEnv } from './config/env';
import { createHttpApp } from './http-app';

async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const app = await createHttpApp();
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
  const url = `http://localhost:${env.PORT}`;
  new Logger('api').log(`API listening on ${url} (OpenAPI UI ${url}/api/docs)`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
