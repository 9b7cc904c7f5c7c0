import { performance } from 'node:perf_hooks';
import { shapeFromEnv } from './bench-shape';
import { connect, hasData, migrate, openBenchDatabase, resetData, seconds } from './bench-database';
import { countRows, generateBenchData } from './generate-data';

/**
 * `npm run bench:data`: migrates, then writes the national data set (BENCH_SCALE=1: 1,000,000 tasks) and prints
 * the row counts and the time. The embedded database under .data/bench is the benchmark's own and is refilled on
 * every run; a DATABASE_URL database must be empty unless BENCH_RESET=1 (which truncates its domain tables).
 */
async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  const shape = shapeFromEnv();
  const started = performance.now();
  const database = await openBenchDatabase(log);
  try {
    const applied = await migrate(database.url);
    log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Schema is up to date');
    const client = await connect(database.url);
    try {
      if (await hasData(client)) {
        if (!database.embedded && process.env.BENCH_RESET !== '1') {
          throw new Error('the database already holds data: set BENCH_RESET=1 to truncate its domain tables first');
        }
        log('Removing the previous data set …');
        await resetData(client);
      }
      log(
        `Generating BENCH_SCALE=${shape.scale}: ${shape.units} units, ${shape.smallPlans} plans of ${shape.smallPlanTasks} tasks ` +
          `and one of ${shape.bigPlanTasks} …`,
      );
      const result = await generateBenchData(client, shape, log);
      if (result.foreignKeysChecked) log('(not a superuser: foreign keys were checked row by row)');
      log('Rows:');
      for (const [table, n] of Object.entries(await countRows(client))) log(`  ${table.padEnd(18)} ${n.toLocaleString('en-US').padStart(12)}`);
      log(`Done in ${seconds(performance.now() - started)}`);
    } finally {
      await client.end();
    }
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:data] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
