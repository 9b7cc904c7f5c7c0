import type { WorkCalendar } from './work-calendar';

/**
 * Writes calendar_day, the SQL task rules' working-day calendar (migration 1764001200000), from the parameters of
 * calendarDaysParams: every day the calendar can answer for, none it cannot, with running ordinals for counting.
 * Only changed rows are written. CalendarService runs it at start and on every override change; the benchmark too.
 */
export const WRITE_CALENDAR_DAYS_SQL = `
  WITH wanted AS (
    SELECT d AS day, w AS is_workday, (row_number() OVER (ORDER BY d))::int AS known_ord,
           (sum(w::int) OVER (ORDER BY d))::int AS workday_ord
      FROM unnest($1::date[], $2::boolean[]) AS x(d, w)),
  gone AS (DELETE FROM calendar_day c WHERE NOT EXISTS (SELECT 1 FROM wanted w WHERE w.day = c.day))
  INSERT INTO calendar_day (day, is_workday, known_ord, workday_ord) SELECT * FROM wanted
  ON CONFLICT (day) DO UPDATE SET is_workday = EXCLUDED.is_workday, known_ord = EXCLUDED.known_ord, workday_ord = EXCLUDED.workday_ord
  WHERE (calendar_day.is_workday, calendar_day.known_ord, calendar_day.workday_ord)
        IS DISTINCT FROM (EXCLUDED.is_workday, EXCLUDED.known_ord, EXCLUDED.workday_ord)`;

export function calendarDaysParams(calendar: WorkCalendar): [string[], boolean[]] {
  const days = calendar.knownDays();
  return [days.map((d) => d.day), days.map((d) => d.isWorkday)];
}
