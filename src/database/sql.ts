import { InstanceChecker, type DataSource, type EntityManager, type QueryResult } from 'typeorm';
import { scopedRunner } from './organization-scope';

/** Where a statement runs: the data source (its own connection), or a transaction's manager. */
export type Db = DataSource | EntityManager;

/**
 * Typed raw SQL. Plain `query()` answers differently per statement kind in TypeORM 1.x (PostgresQueryRunner): a
 * SELECT or INSERT … RETURNING gives the rows, but an UPDATE or DELETE gives `[rows, rowCount]` — so
 * `const [row] = await query('UPDATE … RETURNING id')` is always truthy — and a write without RETURNING gives no
 * count at all. These helpers read the query runner's structured result instead, which is the same for every
 * kind: `records` (the rows, or the RETURNING rows) and `affected` (the row count).
 */
async function run(db: Db, sql: string, params: readonly unknown[]): Promise<QueryResult> {
  const manager = InstanceChecker.isDataSource(db) ? db.manager : db;
  // Outside a transaction, a statement runs in the request's organization-bounded read transaction if it has one.
  const existing = manager.queryRunner ?? scopedRunner(manager.dataSource);
  const runner = existing ?? manager.dataSource.createQueryRunner();
  try {
    return await runner.query(sql, [...params], true);
  } finally {
    if (runner !== existing) await runner.release();
  }
}

/** The rows of a SELECT (or of any statement that returns rows). */
export async function rows<T>(db: Db, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return (await run(db, sql, params)).records as T[];
}

/** The first row, or null when there is none. */
export async function one<T>(db: Db, sql: string, params: readonly unknown[] = []): Promise<T | null> {
  return ((await run(db, sql, params)).records[0] as T | undefined) ?? null;
}

/** The rows an INSERT, UPDATE or DELETE … RETURNING wrote: empty when no row matched. */
export async function returning<T>(db: Db, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return rows<T>(db, sql, params);
}

/** How many rows an INSERT, UPDATE or DELETE touched (an INSERT … ON CONFLICT DO NOTHING counts only the new ones). */
export async function exec(db: Db, sql: string, params: readonly unknown[] = []): Promise<number> {
  return (await run(db, sql, params)).affected ?? 0;
}

/** The entity manager of a Db, for TypeORM entity repositories next to raw SQL (inside the same transaction). */
export function managerOf(db: Db): EntityManager {
  return InstanceChecker.isDataSource(db) ? db.manager : db;
}

/** A numbered-parameter list: `bind` adds a value and answers its placeholder, so values never enter SQL text. */
export class Params {
  readonly values: unknown[] = [];

  /** An arrow property, so `bind` may be handed around on its own. */
  bind = (value: unknown): string => `$${this.values.push(value)}`;
}

/**
 * Runs `work` inside the transaction of `manager` under a per-statement bound of `ms` instead of a request's: for a
 * batch job (the reminder scan) whose statements are sized for throughput, and whose lock waits for another run.
 * The server's statement_timeout is set for the transaction only (SET LOCAL); the connection's client-side read
 * timeout, when it has one, is raised to match and restored afterwards.
 */
export async function withStatementBound<T>(manager: EntityManager, ms: number, work: () => Promise<T>): Promise<T> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('withStatementBound runs inside a transaction');
  await runner.query(`SELECT set_config('statement_timeout', $1, true)`, [String(ms)]);
  const client = (runner as unknown as { databaseConnection?: { connectionParameters?: { query_timeout?: number } } }).databaseConnection;
  const parameters = client?.connectionParameters;
  const readTimeout = parameters?.query_timeout;
  if (parameters && readTimeout) parameters.query_timeout = ms + 500;
  try {
    return await work();
  } finally {
    if (parameters && readTimeout) parameters.query_timeout = readTimeout;
  }
}
