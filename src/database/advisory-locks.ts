import type { EntityManager } from 'typeorm';

/**
 * Every PostgreSQL advisory lock id the service uses, in one place: two features that picked the same id would
 * block each other (the calendar and the reminder scan once did). Transaction-level locks only, so a crash never
 * leaves one held. Add a lock here, never as a literal next to its user.
 */
export const ADVISORY_LOCKS = {
  /** Writes to the unit directory: the name-and-alias clash check cannot race. */
  unitDirectory: 7_160_001,
  /** Reminder scans and digest planning, across every api and worker process. */
  reminderScan: 7_160_002,
  /** Replacing a calendar year's overrides, so the audit's before and after are each a state that existed. */
  calendarYear: 7_160_003,
  /** A username being created; taken with the name's hash as second key, so only equal names wait. */
  username: 7_160_004,
} as const satisfies Record<string, number>;

export type AdvisoryLock = keyof typeof ADVISORY_LOCKS;

/**
 * Waits for the lock until the transaction ends. With `key`, the lock is (id, hashtext(key)), PostgreSQL's
 * two-key form, a key space apart from the one-key form.
 */
export async function lockForTransaction(manager: EntityManager, lock: AdvisoryLock, key?: string): Promise<void> {
  if (key === undefined) await manager.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS[lock]]);
  else await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADVISORY_LOCKS[lock], key]);
}
