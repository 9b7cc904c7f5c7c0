import type { DataSource } from 'typeorm';
import type { Env } from '../config/env';

/**
 * Every column that stamps when something happened. The services stamp the real clock; the demo history moves
 * what a day's work wrote to that day, because the lights, the reminder scan and the audit read these as of a day.
 */
export const STAMPS: ReadonlyArray<readonly [table: string, column: string]> = [
  ['task_event', 'at'],
  ['progress_report', 'created_at'],
  ['task_assignment', 'assigned_at'],
  ['task_assignment', 'acknowledged_at'],
  ['completion_request', 'requested_at'],
  ['completion_request', 'decided_at'],
  ['extension_request', 'requested_at'],
  ['extension_request', 'decided_at'],
  ['reminder', 'created_at'],
  ['reminder', 'read_at'],
  ['reminder_delivery', 'created_at'],
  ['reminder_delivery', 'sent_at'],
  ['audit_event', 'at'],
];

/**
 * The demo's calendar: `onDay(day, act)` runs `act` with the server's today set to `day` (CLOCK_TODAY, which
 * periods, 延期 and the scan read) and then dates every row it wrote to that day, from 10:00 Beijing time on, in
 * the order it happened. Demo profile only; the product never rewrites history.
 */
export class DemoTimeline {
  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Env,
  ) {}

  async onDay<T>(day: string, act: () => Promise<T>): Promise<T> {
    const [{ since }] = await this.dataSource.query(`SELECT clock_timestamp() AS since`);
    const previous = this.env.CLOCK_TODAY;
    this.env.CLOCK_TODAY = day;
    try {
      return await act();
    } finally {
      this.env.CLOCK_TODAY = previous;
      const at = `${day} 10:00+08`;
      for (const [table, column] of STAMPS) {
        await this.dataSource.query(
          `UPDATE ${table} SET ${column} = $2::timestamptz + (${column} - $1) WHERE ${column} >= $1`,
          [since, at],
        );
      }
    }
  }
}
