import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { runAsSystem } from '../../src/access/request-context';
import type { DemoHistoryResult } from '../../src/seed/demo-history.service';
import { DemoSeedService } from '../../src/seed/demo-seed.service';
import { SeedModule } from '../../src/seed/seed.module';
import { createTestDatabase, readTestServers } from './test-database';

export interface SeededDatabase {
  url: string;
  result: DemoHistoryResult;
  /** Wall-clock milliseconds the seed took (reported, never asserted). */
  ms: number;
  drop(): Promise<void>;
}

/** The demo seed as `npm start` runs it (the SeedModule application context), into a fresh database. */
export async function seedDemoDatabase(): Promise<SeededDatabase> {
  const database = await createTestDatabase();
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    REDIS_URL: readTestServers().redisUrl,
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
  };
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  const started = Date.now();
  try {
    const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
    try {
      const result = await runAsSystem(() => app.get(DemoSeedService).seedIfEmpty());
      if (!result) throw new Error('the demo seed found a database that was not empty');
      return { url: database.url, result, ms: Date.now() - started, drop: database.drop };
    } finally {
      await app.close();
    }
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
