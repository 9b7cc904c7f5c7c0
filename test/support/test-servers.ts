import { join } from 'node:path';

/** Where global setup leaves the servers it started, for the test files and the teardown to find. */
// Per jest process: two runs in one checkout must not share (or tear down) each other's servers.
export const STATE_FILE = join(__dirname, '..', '..', '.data', `test-servers-${process.pid}.json`);

export interface TestServers {
  adminUrl: string;
  templateDatabase: string;
  redisUrl: string;
  /** pids and dirs of what global setup started itself (nothing when DATABASE_URL/REDIS_URL were given). */
  started: { postgresDir?: string; redisPid?: number };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
