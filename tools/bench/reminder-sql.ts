import type { Client } from 'pg';
import { WorkCalendar, addDays } from '../../src/calendar/work-calendar';

/**
 * The set-based yardstick for the reminder scan: the overdue kind as one INSERT … SELECT … ON CONFLICT DO NOTHING,
 * with the same unique keys and message as the scan's ladder (first workday after the due date, then every
 * overdue_repeat_workdays; to the lead units, or the responsible ones when a task has no lead).
 */

/** A temporary table numbering the workdays of the bundled calendar: workdays in (a, b] = n(b) - n(a). */
export async function createWorkdayTable(client: Client, fromYear: number, toYear: number): Promise<void> {
  const calendar = new WorkCalendar();
  const days: string[] = [];
  const numbers: number[] = [];
  let n = 0;
  for (let day = `${fromYear}-01-01`; day <= `${toYear}-12-31`; day = addDays(day, 1)) {
    if (calendar.isWorkday(day)) n++;
    days.push(day);
    numbers.push(n);
  }
  await client.query(`DROP TABLE IF EXISTS bench_workday`);
  await client.query(`CREATE TEMP TABLE bench_workday (day date PRIMARY KEY, n int NOT NULL)`);
  await client.query(`INSERT INTO bench_workday SELECT * FROM unnest($1::date[], $2::int[])`, [days, numbers]);
}

export const OVERDUE_INSERT_SQL = `
  INSERT INTO reminder (unique_key, plan_id, task_id, unit_id, audience, kind, level, due_date, workdays_overdue, message)
  SELECT format('overdue:%s:%s:%s:%s', t.id, a.unit_id, to_char(t.due_date, 'YYYY-MM-DD'),
                floor((w.overdue - 1)::numeric / coalesce(rp.overdue_repeat_workdays, 5))::int),
         t.plan_id, t.id, a.unit_id, 'unit', 'overdue', 1, t.due_date, w.overdue,
         format('【逾期催办】《%s》第%s项“%s”已逾期 %s 天，请立即办理并报送进展。完成时限 %s。详情：%s/tasks/%s',
                p.title, t.number, CASE WHEN length(t.content) > 60 THEN left(t.content, 60) || '…' ELSE t.content END,
                $1::date - t.due_date, to_char(t.due_date, 'YYYY-MM-DD'), $2::text, t.id)
    FROM task t
    JOIN plan p ON p.id = t.plan_id
    LEFT JOIN reminder_policy rp ON rp.plan_id = t.plan_id
    LEFT JOIN LATERAL (
          SELECT e.to_status FROM task_event e
           WHERE e.task_id = t.id AND e.to_status IS NOT NULL AND e.at < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
           ORDER BY e.at DESC, e.id DESC LIMIT 1) last_change ON true
   CROSS JOIN LATERAL (
          SELECT (SELECT n FROM bench_workday WHERE day = $1::date) - (SELECT n FROM bench_workday WHERE day = t.due_date) AS overdue) w
    JOIN task_assignment a ON a.task_id = t.id
     AND a.role = CASE WHEN EXISTS (SELECT 1 FROM task_assignment l WHERE l.task_id = t.id AND l.role = 'lead')
                       THEN 'lead' ELSE 'responsible' END
   WHERE t.due_date < $1::date
     AND coalesce(last_change.to_status, 'not_started') IN ('not_started', 'in_progress', 'completion_requested')
     AND coalesce(rp.enabled, true)
  ON CONFLICT (unique_key) DO NOTHING`;
