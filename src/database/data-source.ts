import { DataSource, type DataSourceOptions } from 'typeorm';
import { InitialSchema1764000000000 } from '../../migrations/1764000000000-InitialSchema';
import { AccountsAndAudit1764000100000 } from '../../migrations/1764000100000-AccountsAndAudit';
import { CalendarOverrides1764000200000 } from '../../migrations/1764000200000-CalendarOverrides';
import { ProgressAndLifecycle1764000300000 } from '../../migrations/1764000300000-ProgressAndLifecycle';
import { Reminders1764000400000 } from '../../migrations/1764000400000-Reminders';
import { Acknowledgements1764000500000 } from '../../migrations/1764000500000-Acknowledgements';
import { ImportTablesAndUnitKinds1764000600000 } from '../../migrations/1764000600000-ImportTablesAndUnitKinds';
import { TargetsActualsScoring1764000900000 } from '../../migrations/1764000900000-TargetsActualsScoring';
import { EvidenceFiles1764001000000 } from '../../migrations/1764001000000-EvidenceFiles';
import { TaskSources1764001100000 } from '../../migrations/1764001100000-TaskSources';
import { SqlTaskRules1764001200000 } from '../../migrations/1764001200000-SqlTaskRules';
import { ReminderScanIndexes1764001300000 } from '../../migrations/1764001300000-ReminderScanIndexes';
import { TaskListIndexes1764001400000 } from '../../migrations/1764001400000-TaskListIndexes';
import { Organizations1764001500000 } from '../../migrations/1764001500000-Organizations';
import { RowLevelSecurity1764001600000 } from '../../migrations/1764001600000-RowLevelSecurity';
import { AcceptanceSigns1764001700000 } from '../../migrations/1764001700000-AcceptanceSigns';
import { ViewPageRules1764001800000 } from '../../migrations/1764001800000-ViewPageRules';
import { ReminderScanLedger1764001900000 } from '../../migrations/1764001900000-ReminderScanLedger';
import { TenantCoveringIndexes1764002100000 } from '../../migrations/1764002100000-TenantCoveringIndexes';
import { ViewChangeLog1764002200000 } from '../../migrations/1764002200000-ViewChangeLog';
import { BoundedClient } from './bounded-client';
import { ENTITIES } from './entities';
import { PG_TYPES } from './pg-types';
import { QueryLogger } from './query-logger';

/** Listed explicitly so the compiled app and the CLI run the same, reviewed set in order. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  AccountsAndAudit1764000100000,
  CalendarOverrides1764000200000,
  ProgressAndLifecycle1764000300000,
  Reminders1764000400000,
  Acknowledgements1764000500000,
  ImportTablesAndUnitKinds1764000600000,
  TargetsActualsScoring1764000900000,
  EvidenceFiles1764001000000,
  TaskSources1764001100000,
  SqlTaskRules1764001200000,
  ReminderScanIndexes1764001300000,
  TaskListIndexes1764001400000,
  Organizations1764001500000,
  RowLevelSecurity1764001600000,
  AcceptanceSigns1764001700000,
  ViewPageRules1764001800000,
  ReminderScanLedger1764001900000,
  TenantCoveringIndexes1764002100000,
  ViewChangeLog1764002200000,
];

/**
 * Bounds for every wait on PostgreSQL: acquiring a pooled connection, connecting, a statement (cancelled by the
 * server), a reply (given up by the client when the server is frozen) and a transaction left idle.
 */
function boundedWaits(timeoutMs: number) {
  return {
    Client: BoundedClient,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    // A little later than the server's own cancellation, which leaves the connection usable.
    query_timeout: timeoutMs + 500,
    idle_in_transaction_session_timeout: 2 * timeoutMs,
  };
}

/**
 * The one place connection settings are made, shared by the app, the migration CLI and the tests. The app passes
 * its request bound; migrations and the CLI run unbounded (a migration may rightly take minutes).
 */
export function dataSourceOptions(databaseUrl: string, requestTimeoutMs?: number): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
    logger: new QueryLogger(),
    maxQueryExecutionTime: 2000,
    extra: { max: 10, application_name: 'duban', types: PG_TYPES, ...(requestTimeoutMs ? boundedWaits(requestTimeoutMs) : {}) },
  };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}
