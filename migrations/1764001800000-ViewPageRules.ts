import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * task_timeliness (migration 1764001200000) for named tasks of a plan: a register page or a task shown whole
 * costs its own tasks' probes, not the plan's. The body is task_timeliness's with the task join narrowed to
 * p_tasks (a filter on task_timeliness's result is not pushed below its OFFSET 0 levels); the rules it composes
 * (task_status_as_of, task_deadline, task_light, …) stay in their one place. test/task-rules-sql.e2e-spec.ts holds
 * the two functions equal.
 *
 * The unit standings read a plan's reports by the end of a day (task, time, unit, period) once per request:
 * ix_progress_report_task_at_unit answers that from the index alone.
 */
export class ViewPageRules1764001800000 implements MigrationInterface {
  name = 'ViewPageRules1764001800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION task_timeliness_of(p_plan uuid, p_tasks uuid[], p_as_of date, p_period text, p_reports_checked boolean,
                                         p_behind_tolerance int)
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
                  JOIN task t ON t.plan_id = pw.id AND t.id = ANY (p_tasks)
                  CROSS JOIN LATERAL task_status_as_of(t.id, p_as_of) AS s
                  LEFT JOIN LATERAL (
                        SELECT pr.id, pr.percent, pr.created_at FROM progress_report pr
                         WHERE pr.task_id = t.id AND pr.created_at < task_end_of_day(p_as_of)
                         ORDER BY pr.created_at DESC, pr.id DESC LIMIT 1) AS r ON true
                OFFSET 0) AS a
              CROSS JOIN LATERAL task_deadline(a.status, a.due_date, p_as_of, a.workdays, a.horizon, a.unknown_from) AS dl
            OFFSET 0) AS b
      $$`);
    await q.query(`CREATE INDEX ix_progress_report_task_at_unit ON progress_report (task_id, created_at) INCLUDE (unit_id, period, organization_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_progress_report_task_at_unit`);
    await q.query(`DROP FUNCTION task_timeliness_of(uuid, uuid[], date, text, boolean, int)`);
  }
}
