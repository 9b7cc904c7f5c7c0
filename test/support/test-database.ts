import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { ensureDatabase } from '../../tools/dev/local-postgres';
import { STATE_FILE, databaseUrl, type TestServers } from './test-servers';

export function readTestServers(): TestServers {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as TestServers;
}

/** A fresh, migrated database for one test file, cloned from the template in a few milliseconds. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { adminUrl, templateDatabase } = readTestServers();
  const name = `duban_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(adminUrl, name, templateDatabase);
  return {
    url: databaseUrl(adminUrl, name),
    drop: async () => {
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
