import { Env } from '../../src/config/env';
import { STAMPS } from '../../src/seed/demo.repository';
import type { TestApp } from './test-app';

/**
 * The one way tests give work a date in the past. Runs `act` (calls to the API) as if on `when` — a day
 * (`2021-09-20`, from 10:00 Beijing time) or a day and time (`2021-09-28 15:00`) — with the server's today set to
 * that day, then dates every row the act stamped (the demo timeline's columns: history, reports, requests,
 * reminders, audit) to that instant, a microsecond apart in the order they were written. The lights, the scan and
 * the views read history as of a day, while the services stamp the real clock (CLOCK_TODAY moves only "today").
 */
export async function onDay<T>(t: TestApp, when: string, act: () => Promise<T>): Promise<T> {
  const [day, time = '10:00'] = when.split(' ');
  const env = t.app.get(Env);
  const [{ since }] = await t.dataSource.query(`SELECT clock_timestamp() AS since`);
  const previous = env.CLOCK_TODAY;
  env.CLOCK_TODAY = day;
  let result: T;
  try {
    result = await act();
  } finally {
    env.CLOCK_TODAY = previous;
  }
  const written: Array<{ table: string; column: string; id: string; micros: bigint }> = [];
  for (const [table, column] of STAMPS) {
    const rows: Array<{ id: string; micros: string }> = await t.dataSource.query(
      `SELECT id, (extract(epoch FROM ${column}) * 1000000)::bigint::text AS micros FROM ${table} WHERE ${column} >= $1 ORDER BY ${column}, id`,
      [since],
    );
    written.push(...rows.map((r) => ({ table, column, id: r.id, micros: BigInt(r.micros) })));
  }
  // In the order written; rows stamped in the same microsecond (one transaction) keep the order the columns are listed in.
  written.sort((a, b) => (a.micros < b.micros ? -1 : a.micros > b.micros ? 1 : 0));
  for (const [table, column] of STAMPS) {
    const mine = written.flatMap((w, order) => (w.table === table && w.column === column ? [{ id: w.id, order }] : []));
    if (mine.length === 0) continue;
    await t.dataSource.query(
      `UPDATE ${table} SET ${column} = ($3 || ' ' || $4 || '+08')::timestamptz + v.n * interval '1 microsecond'
         FROM unnest($1::uuid[], $2::int[]) AS v(id, n) WHERE ${table}.id = v.id`,
      [mine.map((m) => m.id), mine.map((m) => m.order), day, time],
    );
  }
  return result;
}
