import { DataSource, type DataSourceOptions } from 'typeorm';
import { InitialSchema1764000000000 } from '../../migrations/1764000000000-InitialSchema';
import { AccountsAndAudit1764000100000 } from '../../migrations/1764000100000-AccountsAndAudit';
import { ENTITIES } from './entities';

/** Listed explicitly so the compiled app and the CLI run the same, reviewed set in order. */
export const MIGRATIONS = [InitialSchema1764000000000, AccountsAndAudit1764000100000];

/** The one place connection settings are made, shared by the app, the migration CLI and the tests. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
    extra: { max: 10, application_name: 'duban' },
  };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}
