import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../../src/database/data-source';
import { ensureDatabase, startLocalPostgres } from '../../tools/dev/local-postgres';
import { startLocalRedis } from '../../tools/dev/local-redis';
import { STATE_FILE, databaseUrl, type TestServers } from './test-servers';

const TEMPLATE = 'duban_test_template';

/**
 * Starts a real PostgreSQL and Redis for the run (or uses DATABASE_URL / REDIS_URL), migrates a template
 * database once, and leaves the addresses in a state file: every test file clones the template.
 */
export default async function globalSetup(): Promise<void> {
  const started: TestServers['started'] = {};
  const handles: Array<() => Promise<void>> = [];

  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const postgresDir = mkdtempSync(join(tmpdir(), 'duban-test-pg-'));
    const postgres = await startLocalPostgres({ dataDir: join(postgresDir, 'data'), database: 'postgres' });
    adminUrl = postgres.url;
    started.postgresDir = postgresDir;
    handles.push(postgres.stop);
  }

  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startLocalRedis({ dataDir: mkdtempSync(join(tmpdir(), 'duban-test-redis-')) });
    redisUrl = redis.url;
    started.redisPid = redis.process.pid;
    handles.push(redis.stop);
  }

  await recreateTemplate(adminUrl);
  const servers: TestServers = { adminUrl, templateDatabase: TEMPLATE, redisUrl, started };
  mkdirSync(join(STATE_FILE, '..'), { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(servers));
  (globalThis as { __stopTestServers?: () => Promise<void> }).__stopTestServers = async () => {
    for (const stop of handles.reverse()) await stop();
  };
}

async function recreateTemplate(adminUrl: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.end();
  await ensureDatabase(adminUrl, TEMPLATE);
  const dataSource = await createDataSource(databaseUrl(adminUrl, TEMPLATE)).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
