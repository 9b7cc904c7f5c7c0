import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The task rules (README "督查预警规则") set-based, next to their TypeScript rendering in src/tasks/task-rules.ts
 * and src/supervision/timeliness.ts; test/task-rules-sql.e2e-spec.ts walks tasks × days to keep the two equal.
 * Every function reads only its arguments and tables, so views and the reminder scan can join them per row.
 */
/**
 * SQL: workdays in (from, to] as a scalar subquery (0 when to <= from; null when a day in between is unknown).
 * calendar_workdays_between is this; task_deadline writes it out, so that the planner runs it as a subplan only
 * for the rows that need it instead of calling a function per row.
 */
function workdaysBetween(from: string, to: string): string {
  return `(SELECT CASE WHEN ${to} <= ${from} THEN 0
                      WHEN t.known_ord - coalesce(f.known_ord, 0) = ${to} - ${from} THEN t.workday_ord - coalesce(f.workday_ord, 0)
                 END
            FROM (SELECT 1) AS one
            LEFT JOIN LATERAL (SELECT known_ord, workday_ord FROM calendar_day WHERE day <= ${to} ORDER BY day DESC LIMIT 1) AS t ON true
            LEFT JOIN LATERAL (SELECT known_ord, workday_ord FROM calendar_day WHERE day <= ${from} ORDER BY day DESC LIMIT 1) AS f ON true)`;
}

export class SqlTaskRules1764001200000 implements MigrationInterface {
  name = 'SqlTaskRules1764001200000';

  async up(q: QueryRunner): Promise<void> {
    // The working-day calendar as rows, written by CalendarService from WorkCalendar (bundled schedule + overrides)
    // for every year with data, plus override days of other years. A day that is absent is unknown, never a
    // guessed weekday. The ordinals run over present days in order, so a count over (a, b] is two look-ups:
    // the days are all known when known_ord grew by b − a.
    await q.query(`
      CREATE TABLE calendar_day (
        day date PRIMARY KEY,
        is_workday boolean NOT NULL,
        known_ord int NOT NULL,
        workday_ord int NOT NULL
      )`);

    await q.query(`CREATE INDEX ix_calendar_day_run ON calendar_day ((day - known_ord), day)`);

    await q.query(`
      CREATE FUNCTION task_end_of_day(p_day date) RETURNS timestamptz
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT ((p_day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') $$`);

    await q.query(`
      CREATE FUNCTION task_is_open(p_status text) RETURNS boolean
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT p_status IN ('not_started', 'in_progress', 'completion_requested') $$`);

    // The status a task had at the end of the day: its last status change made before then; none: not started.
    await q.query(`
      CREATE FUNCTION task_status_as_of(p_task uuid, p_as_of date) RETURNS TABLE (status text, changed_at timestamptz)
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$
        SELECT coalesce(c.to_status, 'not_started'), c.at
          FROM (SELECT 1) AS one
          LEFT JOIN LATERAL (
                SELECT e.to_status, e.at FROM task_event e
                 WHERE e.task_id = p_task AND e.to_status IS NOT NULL AND e.at < task_end_of_day(p_as_of)
                 ORDER BY e.at DESC, e.id DESC LIMIT 1) AS c ON true
      $$`);

    // Workdays in (from, to]; 0 when to <= from; null when a day in between is unknown.
    await q.query(`
      CREATE FUNCTION calendar_workdays_between(p_from date, p_to date) RETURNS int
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT ${workdaysBetween('p_from', 'p_to')} $$`);

    // The first day after p_day the calendar cannot answer for. Within a run of present days, day − known_ord is
    // constant, so the run that starts at p_day + 1 ends at the last day with that difference.
    await q.query(`
      CREATE FUNCTION calendar_first_unknown_after(p_day date) RETURNS date
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$
        SELECT coalesce(
                 (SELECT max(c.day) + 1 FROM calendar_day s JOIN calendar_day c ON c.day - c.known_ord = s.day - s.known_ord
                   WHERE s.day = p_day + 1 AND c.day > p_day),
                 p_day + 1)
      $$`);

    // Due soon for one day and threshold, shared by every task: a task due before horizon (the (n+1)-th workday
    // after the day) has at most n workdays left. Without a horizon before unknown_from, a task due on or after
    // unknown_from cannot be counted (a calendar gap) and falls back to calendar days.
    await q.query(`
      CREATE FUNCTION task_due_soon_window(p_as_of date, p_workdays int) RETURNS TABLE (horizon date, unknown_from date)
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$
        SELECT (SELECT c.day FROM calendar_day c
                 WHERE c.day > p_as_of AND c.day < u.day AND c.is_workday
                 ORDER BY c.day OFFSET greatest(p_workdays, 0) LIMIT 1),
               u.day
          FROM (SELECT calendar_first_unknown_after(p_as_of) AS day) AS u
      $$`);

    // 序时进度, with JavaScript's Math.round over the same double arithmetic.
    await q.query(`
      CREATE FUNCTION task_expected_percent(p_start date, p_due date, p_as_of date) RETURNS int
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT CASE WHEN p_as_of >= p_due THEN 100
                    WHEN p_as_of < p_start THEN 0
                    ELSE least(100, greatest(0,
                           floor(((p_as_of - p_start + 1)::float8 / (p_due - p_start + 1)::float8) * 100 + 0.5)::int))
               END
      $$`);

    // An indicator's targets against their latest actuals reported by the end of the day (judgeTargets).
    await q.query(`
      CREATE FUNCTION task_targets_short(p_task uuid, p_as_of date, p_expected int, p_tolerance int) RETURNS boolean
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$
        SELECT coalesce(bool_or(CASE
                 WHEN la.actual IS NULL THEN false
                 WHEN tt.unit IN ('%', '个百分点') THEN CASE tt.comparator
                      WHEN 'at_most' THEN la.actual > tt.value::float8
                      WHEN 'about' THEN la.actual < tt.value::float8 - abs(tt.value::float8) * 0.1::float8
                      ELSE la.actual < tt.value::float8 END
                 WHEN tt.comparator = 'at_most' THEN la.actual > tt.value::float8
                 ELSE (CASE WHEN tt.value::float8 > 0 THEN (la.actual / tt.value::float8) * 100 ELSE 100 END) < p_expected - p_tolerance
               END), false)
          FROM task_target tt
          LEFT JOIN LATERAL (
                SELECT pa.value::float8 AS actual FROM progress_actual pa JOIN progress_report r ON r.id = pa.report_id
                 WHERE pa.target_id = tt.id AND r.created_at < task_end_of_day(p_as_of)
                 ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS la ON true
         WHERE tt.task_id = p_task
      $$`);

    // Open, overdue and due soon of a task with status p_status (the one it had at the end of p_as_of) and due
    // date p_due (deadlineAsOf). p_horizon and p_unknown_from are task_due_soon_window(p_as_of, p_workdays).
    // A *_gap_year is the year without calendar data that left workdays_overdue or workdays_left unknown.
    await q.query(`
      CREATE FUNCTION task_deadline(p_status text, p_due date, p_as_of date, p_workdays int, p_horizon date, p_unknown_from date)
      RETURNS TABLE (open boolean, overdue boolean, days_overdue int, workdays_overdue int, overdue_gap_year int,
                     due_soon boolean, workdays_left int, due_soon_gap_year int)
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$
        SELECT x.open, x.overdue,
               CASE WHEN x.overdue THEN p_as_of - p_due ELSE 0 END,
               CASE WHEN x.overdue THEN ${workdaysBetween('p_due', 'p_as_of')} END,
               CASE WHEN x.overdue AND ${workdaysBetween('p_due', 'p_as_of')} IS NULL
                    THEN extract(year FROM calendar_first_unknown_after(p_due))::int END,
               x.due_soon,
               CASE WHEN x.due_soon AND NOT x.soon_unknown THEN ${workdaysBetween('p_as_of', 'p_due')} END,
               CASE WHEN x.soon_unknown THEN extract(year FROM p_unknown_from)::int END
          FROM (SELECT o.open, o.overdue,
                       o.candidate AND CASE WHEN p_horizon IS NOT NULL THEN p_due < p_horizon
                                            WHEN p_due < p_unknown_from THEN true
                                            ELSE p_due - p_as_of <= p_workdays END AS due_soon,
                       o.candidate AND p_horizon IS NULL AND p_due >= p_unknown_from AS soon_unknown
                  FROM (SELECT task_is_open(p_status) AS open,
                               task_is_open(p_status) AND p_as_of > p_due AS overdue,
                               task_is_open(p_status) AND p_as_of <= p_due AND p_workdays > 0 AS candidate) AS o) AS x
      $$`);

    // The light from the flags (computeTimeliness): grey, green, red, yellow, green.
    await q.query(`
      CREATE FUNCTION task_light(p_status text, p_overdue boolean, p_due_soon boolean, p_behind boolean,
                                 p_unreported boolean, p_targets_short boolean) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT CASE WHEN p_status IN ('suspended', 'cancelled') THEN 'grey'
                    WHEN p_status = 'completed' THEN 'green'
                    WHEN p_overdue THEN 'red'
                    WHEN p_due_soon OR p_behind OR p_unreported OR p_targets_short THEN 'yellow'
                    ELSE 'green' END
      $$`);

    // Every task of a plan as it stood at the end of p_as_of: status, deadline, progress, reporting and the light.
    // p_period is the last closed reporting period and p_reports_checked whether a report for it was owed
    // (src/progress/reporting-period.ts). Each level ends in OFFSET 0 so that its columns are computed once per
    // task: without it the planner copies an expression (a workday count, the light) into every place that uses it.
    await q.query(`
      CREATE FUNCTION task_timeliness(p_plan uuid, p_as_of date, p_period text, p_reports_checked boolean, p_behind_tolerance int)
      RETURNS TABLE (
        task_id uuid, status text, status_changed_at timestamptz, open boolean,
        overdue boolean, days_overdue int, workdays_overdue int, overdue_gap_year int,
        due_soon boolean, workdays_left int, due_soon_gap_year int,
        expected_percent int, latest_report_id uuid, latest_percent int, latest_report_at timestamptz,
        reported boolean, behind_schedule boolean, unreported boolean, targets_short boolean, light text,
        number int, section_id uuid, due_date date)
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$
        SELECT b.id, b.status, b.changed_at, b.open,
               b.overdue, b.days_overdue, b.workdays_overdue, b.overdue_gap_year,
               b.due_soon, b.workdays_left, b.due_soon_gap_year,
               b.expected, b.report_id, b.percent, b.report_at,
               b.reported, b.behind, b.unreported, b.targets_short,
               task_light(b.status, b.overdue, b.due_soon, b.behind, b.unreported, b.targets_short),
               b.number, b.section_id, b.due_date
          FROM (
            SELECT a.*, dl.*,
                   dl.open AND coalesce(a.percent, 0) < a.expected - p_behind_tolerance AS behind,
                   dl.open AND p_reports_checked AND NOT a.reported AS unreported,
                   dl.open AND a.kind = 'indicator' AND task_targets_short(a.id, p_as_of, a.expected, p_behind_tolerance) AS targets_short
              FROM (
                SELECT t.id, t.number, t.section_id, t.kind, t.due_date, pw.workdays, pw.horizon, pw.unknown_from,
                       s.status, s.changed_at,
                       task_expected_percent(pw.start_date, t.due_date, p_as_of) AS expected,
                       r.id AS report_id, r.percent::int AS percent, r.created_at AS report_at,
                       EXISTS (SELECT 1 FROM progress_report pr
                                WHERE pr.task_id = t.id AND pr.period = p_period AND pr.created_at < task_end_of_day(p_as_of)) AS reported
                  FROM (SELECT p.id, p.start_date, pol.workdays, w.horizon, w.unknown_from
                          FROM plan p
                          CROSS JOIN LATERAL (SELECT coalesce((SELECT rp.due_soon_workdays::int FROM reminder_policy rp
                                                                WHERE rp.plan_id = p.id), 3) AS workdays) AS pol
                          CROSS JOIN LATERAL task_due_soon_window(p_as_of, pol.workdays) AS w
                         WHERE p.id = p_plan
                        OFFSET 0) AS pw
                  JOIN task t ON t.plan_id = pw.id
                  CROSS JOIN LATERAL task_status_as_of(t.id, p_as_of) AS s
                  LEFT JOIN LATERAL (
                        SELECT pr.id, pr.percent, pr.created_at FROM progress_report pr
                         WHERE pr.task_id = t.id AND pr.created_at < task_end_of_day(p_as_of)
                         ORDER BY pr.created_at DESC, pr.id DESC LIMIT 1) AS r ON true
                OFFSET 0) AS a
              CROSS JOIN LATERAL task_deadline(a.status, a.due_date, p_as_of, a.workdays, a.horizon, a.unknown_from) AS dl
            OFFSET 0) AS b
      $$`);

    // The probes the functions make per task.
    await q.query(`
      CREATE INDEX ix_task_event_status_change ON task_event (task_id, at DESC, id DESC) INCLUDE (to_status)
      WHERE to_status IS NOT NULL`);
    await q.query(`CREATE INDEX ix_progress_report_task_period ON progress_report (task_id, period, created_at) INCLUDE (unit_id)`);
    await q.query(`CREATE INDEX ix_task_plan_due ON task (plan_id, due_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_task_plan_due`);
    await q.query(`DROP INDEX ix_progress_report_task_period`);
    await q.query(`DROP INDEX ix_task_event_status_change`);
    await q.query(`DROP FUNCTION task_timeliness(uuid, date, text, boolean, int)`);
    await q.query(`DROP FUNCTION task_light(text, boolean, boolean, boolean, boolean, boolean)`);
    await q.query(`DROP FUNCTION task_deadline(text, date, date, int, date, date)`);
    await q.query(`DROP FUNCTION task_targets_short(uuid, date, int, int)`);
    await q.query(`DROP FUNCTION task_expected_percent(date, date, date)`);
    await q.query(`DROP FUNCTION task_due_soon_window(date, int)`);
    await q.query(`DROP FUNCTION calendar_first_unknown_after(date)`);
    await q.query(`DROP FUNCTION calendar_workdays_between(date, date)`);
    await q.query(`DROP FUNCTION task_status_as_of(uuid, date)`);
    await q.query(`DROP FUNCTION task_is_open(text)`);
    await q.query(`DROP FUNCTION task_end_of_day(date)`);
    await q.query(`DROP TABLE calendar_day`);
  }
}
