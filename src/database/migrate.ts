import { loadEnv } from '../config/env';
import { createDataSource } from './data-source';

/** `npm run migration:run` / `migration:revert`: applies or undoes reviewed migrations, never synchronize. */
async function main(): Promise<void> {
  const env = loadEnv();
  const dataSource = await createDataSource(env.DATABASE_URL).initialize();
  try {
    if (process.argv.includes('--revert')) {
      await dataSource.undoLastMigration({ transaction: 'each' });
    } else {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'Schema is up to date');
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
