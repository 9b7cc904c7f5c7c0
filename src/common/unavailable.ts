import { QueryFailedError } from 'typeorm';

export type Dependency = 'postgres' | 'redis';

// SQLSTATEs of a statement or connection the server gave up on: timeouts, shutdowns, connection failures.
const POSTGRES_UNAVAILABLE_CODES = new Set(['57014', '25P03', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const POSTGRES_UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];
const REDIS_UNAVAILABLE_MESSAGES = [
  'Command timed out',
  "Stream isn't writeable and enableOfflineQueue options is false",
  'Connection is closed.',
];
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/**
 * Which backing server an error says is away (frozen, down, overloaded), or null for any other error. Such an
 * error is the server's fault, not the request's: the client should retry later (503), not report a bug (500).
 */
export function unavailableDependency(error: unknown): Dependency | null {
  if (!(error instanceof Error)) return null;
  const driverError = error instanceof QueryFailedError ? (error.driverError as Error & { code?: string }) : null;
  const pg = driverError ?? (error as Error & { code?: string });
  if (typeof pg.code === 'string' && POSTGRES_UNAVAILABLE_CODES.has(pg.code)) return 'postgres';
  if (POSTGRES_UNAVAILABLE_MESSAGES.includes(pg.message)) return 'postgres';
  if (error.name === 'MaxRetriesPerRequestError' || REDIS_UNAVAILABLE_MESSAGES.includes(error.message)) return 'redis';
  // A refused or reset connection: from TypeORM's pool (wrapped or not) it is PostgreSQL, otherwise Redis.
  if (typeof pg.code === 'string' && NETWORK_CODES.has(pg.code)) return driverError || isPgStack(pg) ? 'postgres' : 'redis';
  return null;
}

const isPgStack = (error: Error) => /node_modules[\\/](pg|pg-pool|typeorm)[\\/]/.test(error.stack ?? '');
