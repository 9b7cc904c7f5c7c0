import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../../src/database/data-source';
import { startLocalPostgres } from '../dev/local-postgres';

export const ROOT = join(__dirname, '..', '..', '..');
const BENCH_DATABASE = 'duban_bench';

export interface BenchDatabase {
  url: string;
  /** True when this process started the embedded server (its database belongs to the benchmark alone). */
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set, otherwise an embedded PostgreSQL whose data stays in .data/bench between runs. */
export async function openBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    log(`PostgreSQL: using DATABASE_URL`);
    return { url, embedded: false, stop: async () => undefined };
  }
  const dataDir = join(ROOT, '.data', 'bench', 'postgres');
  log(`PostgreSQL: embedded server, data in ${dataDir}`);
  const server = await startLocalPostgres({ dataDir, database: BENCH_DATABASE });
  return { url: server.url, embedded: true, stop: server.stop };
}

export async function migrate(url: string): Promise<string[]> {
  const dataSource = await createDataSource(url).initialize();
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'duban-bench' });
  await client.connect();
  return client;
}

/**
 * Removes every row the benchmark (or anyone) wrote to the domain tables and the change logs the triggers fill
 * (millions of rows after a day of load runs); the schema stays.
 */
export async function resetData(client: Client): Promise<void> {
  await client.query(`TRUNCATE unit, unit_group, plan, app_user, audit_event, view_change, reminder_scan_change CASCADE`);
}

export async function hasData(client: Client): Promise<boolean> {
  const { rows } = await client.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM unit) OR EXISTS (SELECT 1 FROM plan) OR EXISTS (SELECT 1 FROM app_user) AS any`,
  );
  return rows[0]!.any;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
