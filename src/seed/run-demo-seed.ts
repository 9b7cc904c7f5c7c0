import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { runAsSystem } from '../access/request-context';
import { ConfigError, loadEnv } from '../config/env';
import { DemoSeedService } from './demo-seed.service';
import { SeedModule } from './seed.module';

/** `npm start` runs this after migrating; production never does (it starts with an empty registry). */
async function main(): Promise<void> {
  loadEnv();
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn', 'log'] });
  const started = Date.now();
  try {
    const seeded = await runAsSystem(() => app.get(DemoSeedService).seedIfEmpty());
    if (seeded) console.log(`[seed] demo seed done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
