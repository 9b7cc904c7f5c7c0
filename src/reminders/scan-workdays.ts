import { addDays, type WorkCalendar } from '../calendar/work-calendar';
import { exec, type Db } from '../database/sql';

/** The numbered working days a scan's statements count with, for the length of one transaction. */
export const SCAN_WORKDAY_TABLE = 'scan_workday';

/**
 * Writes `scan_workday (day, n, n_before, run, run_last_n)` for every day of every year the calendar can answer
 * for: n counts the workdays up to and including the day, n_before those before it, and run numbers the stretches
 * of consecutive years with data. Workdays in (a, b] are n(b) - n_before(a + 1) when a + 1 and b lie in the same
 * run; a span that leaves its run reaches a year without data, which the scan reports and never guesses.
 * Dropped at commit.
 */
export async function writeScanWorkdays(db: Db, calendar: WorkCalendar, years: readonly number[]): Promise<void> {
  const days: string[] = [];
  const n: number[] = [];
  const nBefore: number[] = [];
  const runs: number[] = [];
  let count = 0;
  let run = 0;
  let previousYear: number | null = null;
  for (const year of [...years].sort((a, b) => a - b)) {
    if (!calendar.hasData(year)) continue;
    if (previousYear === null || year !== previousYear + 1) run++;
    previousYear = year;
    for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) {
      days.push(day);
      nBefore.push(count);
      if (calendar.isWorkday(day)) count++;
      n.push(count);
      runs.push(run);
    }
  }
  await exec(
    db,
    `CREATE TEMP TABLE ${SCAN_WORKDAY_TABLE} (day date PRIMARY KEY, n int NOT NULL, n_before int NOT NULL, run int NOT NULL,
                                              run_last_n int NOT NULL) ON COMMIT DROP`,
  );
  await exec(
    db,
    `INSERT INTO ${SCAN_WORKDAY_TABLE}
     SELECT d, n, b, r, max(n) OVER (PARTITION BY r) FROM unnest($1::date[], $2::int[], $3::int[], $4::int[]) AS w(d, n, b, r)`,
    [days, n, nBefore, runs],
  );
  await exec(db, `ANALYZE ${SCAN_WORKDAY_TABLE}`);
}
