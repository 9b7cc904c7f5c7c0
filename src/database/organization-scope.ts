import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** The NOLOGIN role of migration 1764001600000-RowLevelSecurity, bound by row-level security on every tenant table. */
export const TENANT_ROLE = 'duban_tenant';

/**
 * Bounds the rest of the caller's transaction to `organizationIds` with PostgreSQL row-level security: the
 * transaction switches to the tenant role (the owner the app connects as is exempt from row-level security) and
 * names its organizations; both end with the transaction (set_config's is_local). From then on every statement of
 * the transaction, however it was written, sees and writes only rows of those organizations.
 */
export async function withOrganizationScope<T>(
  manager: EntityManager,
  organizationIds: readonly string[],
  work: () => Promise<T>,
  { readOnly = false }: { readOnly?: boolean } = {},
): Promise<T> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('withOrganizationScope runs inside a transaction');
  // One round trip: the tenant role, its organizations and (for reads) read-only, all for this transaction only.
  await runner.query(
    `SELECT set_config('role', $1, true), set_config('duban.organizations', $2, true)${readOnly ? `, set_config('transaction_read_only', 'on', true)` : ''}`,
    [TENANT_ROLE, uuidArray(organizationIds)],
  );
  return work();
}

/** A uuid[] literal; the ids come from the actor's organization tree (uuids), and travel as a bound parameter. */
const uuidArray = (ids: readonly string[]): string => `{${ids.join(',')}}`;

interface ScopedRead {
  dataSource: DataSource;
  manager: EntityManager;
}

const scopedReads = new AsyncLocalStorage<ScopedRead>();

/**
 * The query runner of the organization-bounded read transaction `dataSource` is running for the current request,
 * if any: the typed SQL helpers (sql.ts) run a statement given the data source there, so a repository bound to the
 * data source needs no change to be bounded.
 */
export function scopedRunner(dataSource: DataSource): QueryRunner | undefined {
  const read = scopedReads.getStore();
  const runner = read?.dataSource === dataSource ? read.manager.queryRunner : undefined;
  // Work left running after the transaction ended (not awaited) takes a pooled connection, as outside it.
  return runner?.isReleased ? undefined : runner;
}

/**
 * A read transaction for a snapshot: the request's bounded one when it runs inside `OrganizationScope.read`, else a
 * REPEATABLE READ transaction of its own.
 */
export function readTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = scopedRunner(dataSource);
  return runner ? work(runner.manager) : dataSource.transaction('REPEATABLE READ', work);
}

/**
 * Runs a request's reads in one read-only REPEATABLE READ transaction bounded to the actor's readable organizations
 * (AccessService.readableOrganizations()): a view that forgets an organization condition still cannot show another
 * organization's rows. Null organizations (the system) run unbounded, as before.
 */
@Injectable()
export class OrganizationScope {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  read<T>(organizationIds: readonly string[] | null, work: () => Promise<T>): Promise<T> {
    if (organizationIds === null || scopedRunner(this.dataSource)) return work();
    return readOnlySnapshot(this.dataSource, (manager) =>
      withOrganizationScope(manager, organizationIds, () => scopedReads.run({ dataSource: this.dataSource, manager }, work)),
    );
  }
}

/**
 * A read-only REPEATABLE READ transaction opened by one statement: TypeORM's `transaction('REPEATABLE READ')` sends
 * START TRANSACTION and SET TRANSACTION as two round trips, on every request that reads through the scope.
 * Otherwise as EntityManager.transaction: committed after `work`, rolled back on its error, the runner released.
 */
async function readOnlySnapshot<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    // The runner's own bookkeeping, as its startTransaction() leaves it: commit and rollback check it.
    Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
    const result = await work(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
